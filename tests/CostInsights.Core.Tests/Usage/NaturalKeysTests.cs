using System.Security.Cryptography;
using System.Text;
using CostInsights.Core.Usage;

namespace CostInsights.Core.Tests.Usage;

/// <summary>Stored keys must never change from one version to the next, or a file imported again would count twice.</summary>
public sealed class NaturalKeysTests
{
    [Fact]
    public void Keys_are_the_first_128_bits_of_the_sha256_of_what_identifies_the_record()
    {
        // Computed outside .NET: printf 'req|openai|req-0001' | sha256sum
        NaturalKeys.ForRequest("openai", "req-0001").ShouldBe("c8a31e5cbe122371a3a09521ebdd8030");
        // printf 'row|2026-03-01T14:05:00.0000000Z|openai|gpt-4o|support|helpdesk|chat|1200|350|400|1|False|0|0|0|standard' | sha256sum
        NaturalKeys.ForContent(new DateTime(2026, 3, 1, 14, 5, 0, DateTimeKind.Utc), "openai", "GPT-4o", "support", "helpdesk", "chat",
            1200, 350, 400, 1, false, "0|0|0|standard").ShouldBe("2ec6a279288e031d8db16ea07f2a2897");
    }

    [Fact]
    public void A_long_identifier_and_keys_made_on_many_threads_at_once_are_hashed_alike()
    {
        var longId = string.Concat(Enumerable.Repeat("é-request-", 400));
        NaturalKeys.ForRequest("openai", longId).ShouldBe(Expected($"req|openai|{longId}"));

        var ids = Enumerable.Range(0, 20_000).Select(i => $"req-{i}").ToArray();
        var keys = new string[ids.Length];
        Parallel.For(0, ids.Length, i => keys[i] = NaturalKeys.ForRequest("anthropic", ids[i]));
        keys.ShouldBe(ids.Select(id => Expected($"req|anthropic|{id}")).ToArray());
    }

    private static string Expected(string text) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text))[..16]);
}
