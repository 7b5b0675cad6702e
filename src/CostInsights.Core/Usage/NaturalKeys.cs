using System.Security.Cryptography;
using System.Text.Unicode;

namespace CostInsights.Core.Usage;

/// <summary>
/// Keys that identify a usage record across imports: the first 128 bits of a SHA-256 of what
/// identifies it, in hex (databases from before keep their keys' first 32 characters, the same).
/// The text is written as UTF-8 straight into a buffer on the stack (a larger one on the heap
/// only for text that does not fit), and each thread keeps one hash object: an import makes a key
/// for every row.
/// </summary>
public static class NaturalKeys
{
    private const int StackBytes = 1024;

    [ThreadStatic]
    private static IncrementalHash? t_sha256;

    public static string ForRequest(string provider, string requestId)
    {
        Span<byte> text = stackalloc byte[StackBytes];
        int written;
        while (!Utf8.TryWrite(text, $"req|{provider}|{requestId}", out written))
        {
            text = new byte[text.Length * 4];
        }
        return Hash(text[..written]);
    }

    public static string ForContent(DateTime occurredAt, string provider, string model, string team, string? project,
        string? application, long input, long output, long cached, long requests, bool isBatch, string? more = null)
    {
        Span<byte> text = stackalloc byte[StackBytes];
        model = model.ToLowerInvariant();
        int written;
        while (!Utf8.TryWrite(text,
            $"row|{occurredAt:O}|{provider}|{model}|{team}|{project}|{application}|{input}|{output}|{cached}|{requests}|{isBatch}|{more}", out written))
        {
            text = new byte[text.Length * 4];
        }
        return Hash(text[..written]);
    }

    private static string Hash(ReadOnlySpan<byte> text)
    {
        var sha256 = t_sha256 ??= IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        sha256.AppendData(text);
        Span<byte> hash = stackalloc byte[SHA256.HashSizeInBytes];
        sha256.GetHashAndReset(hash);
        // 128 bits are plenty to tell records apart, and a key half as long makes the unique index that checks every insert faster.
        return Convert.ToHexStringLower(hash[..16]);
    }
}
