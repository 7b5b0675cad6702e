using System.IO.Compression;
using System.Text;

namespace CostInsights.Core.Ingestion;

/// <summary>
/// A stored upload opened as text: gzip and single-file zip archives are read through, refusing one
/// that expands past a ratio no log reaches (a decompression bomb); UTF-8 with or without a BOM, and
/// UTF-16 with a BOM or recognisable without; a binary file is refused. Never reads the file whole.
/// </summary>
public sealed class UsageSource : IAsyncDisposable, IDisposable
{
    private readonly FileStream _file;
    private readonly IDisposable? _archive;

    private UsageSource(FileStream file, IDisposable? archive, TextReader reader, string? note) =>
        (_file, _archive, Reader, Note) = (file, archive, reader, note);

    public TextReader Reader { get; }

    /// <summary>What was done to read the file (decompressed, re-encoded), for the batch's notes.</summary>
    public string? Note { get; }

    /// <summary>Bytes of the stored file read so far, for progress.</summary>
    public long Position => _file.CanSeek ? _file.Position : 0;

    public long Length => _file.Length;

    /// <param name="maxExpansion">How many times its own size a compressed file may expand to.</param>
    public static UsageSource Open(string path, int maxExpansion)
    {
        var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16);
        try
        {
            Span<byte> magic = stackalloc byte[4];
            var count = file.ReadAtLeast(magic, 4, throwOnEndOfStream: false);
            file.Position = 0;
            Stream content = file;
            IDisposable? archive = null;
            string? note = null;
            var limit = Math.Max(file.Length, 1) * maxExpansion;
            if (count >= 2 && magic[0] == 0x1f && magic[1] == 0x8b)
            {
                content = new ExpansionLimit(new GZipStream(file, CompressionMode.Decompress, leaveOpen: true), limit, maxExpansion);
                note = "read through gzip";
            }
            else if (count == 4 && magic[0] == 'P' && magic[1] == 'K' && magic[2] == 3 && magic[3] == 4)
            {
                var zip = new ZipArchive(file, ZipArchiveMode.Read, leaveOpen: true);
                archive = zip;
                var entries = zip.Entries.Where(e => !e.FullName.EndsWith('/')).ToList();
                if (entries.Count != 1)
                {
                    throw new UsageSourceException($"the zip archive holds {entries.Count} files; put one usage file in each archive");
                }
                content = new ExpansionLimit(entries[0].Open(), limit, maxExpansion);
                note = $"read {entries[0].FullName} from the zip archive";
            }
            var (encoding, encodingNote) = Sniff(content);
            var reader = new StreamReader(content, encoding, detectEncodingFromByteOrderMarks: true, bufferSize: 1 << 16);
            return new UsageSource(file, archive, reader, string.Join("; ", new[] { note, encodingNote }.Where(n => n is not null)) is { Length: > 0 } n ? n : null);
        }
        catch
        {
            file.Dispose();
            throw;
        }
    }

    /// <summary>
    /// The encoding of text without a BOM, from its first bytes (a BOM, when there is one, wins in the
    /// reader): UTF-16 by its zero bytes, otherwise UTF-8. Other zero bytes mean a binary file.
    /// </summary>
    private static (Encoding Encoding, string? Note) Sniff(Stream content)
    {
        if (!content.CanSeek)
        {
            return (new UTF8Encoding(false), null);
        }
        Span<byte> start = stackalloc byte[512];
        var count = content.ReadAtLeast(start, start.Length, throwOnEndOfStream: false);
        content.Position = 0;
        start = start[..count];
        if (count >= 2 && ((start[0] == 0xFF && start[1] == 0xFE) || (start[0] == 0xFE && start[1] == 0xFF)))
        {
            return (Encoding.Unicode, "read as UTF-16");
        }
        var zeros = start.Count((byte)0);
        if (zeros == 0)
        {
            return (new UTF8Encoding(false), null);
        }
        var evenZeros = 0;
        var oddZeros = 0;
        for (var i = 0; i < count; i++)
        {
            if (start[i] == 0)
            {
                if (i % 2 == 0) evenZeros++; else oddZeros++;
            }
        }
        if (oddZeros >= count / 2 - 2 && evenZeros == 0)
        {
            return (Encoding.Unicode, "read as UTF-16");
        }
        if (evenZeros >= count / 2 - 2 && oddZeros == 0)
        {
            return (Encoding.BigEndianUnicode, "read as UTF-16 (big-endian)");
        }
        throw new UsageSourceException("is a binary file, not a text log (CSV or JSON, possibly gzip or zip compressed)");
    }

    public void Dispose()
    {
        Reader.Dispose();
        _archive?.Dispose();
        _file.Dispose();
    }

    public ValueTask DisposeAsync()
    {
        Dispose();
        return ValueTask.CompletedTask;
    }

    /// <summary>Reads a decompressing stream, and stops it once it has produced more than its limit.</summary>
    private sealed class ExpansionLimit(Stream inner, long limit, int ratio) : Stream
    {
        private long _produced;

        public override int Read(byte[] buffer, int offset, int count) => Count(inner.Read(buffer, offset, count));

        public override int Read(Span<byte> buffer) => Count(inner.Read(buffer));

        public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) =>
            Count(await inner.ReadAsync(buffer, cancellationToken));

        private int Count(int read)
        {
            _produced += read;
            if (_produced > limit)
            {
                throw new UsageSourceException($"the compressed file expands to more than {ratio} times its size; it was refused as a decompression bomb");
            }
            return read;
        }

        public override bool CanRead => true;
        public override bool CanSeek => false;
        public override bool CanWrite => false;
        public override long Length => throw new NotSupportedException();
        public override long Position { get => _produced; set => throw new NotSupportedException(); }
        public override void Flush() { }
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

        protected override void Dispose(bool disposing)
        {
            if (disposing)
            {
                inner.Dispose();
            }
            base.Dispose(disposing);
        }
    }
}

/// <summary>A stored upload that cannot be read as text at all; its message says why.</summary>
public sealed class UsageSourceException(string message) : Exception(message);
