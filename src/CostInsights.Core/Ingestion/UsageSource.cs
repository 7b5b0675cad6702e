using System.IO.Compression;
using System.Text;

namespace CostInsights.Core.Ingestion;

/// <summary>
/// A stored upload opened as text: gzip and single-file zip archives are read through, refusing one
/// that expands past a ratio no log reaches (a decompression bomb); a Parquet file is read as the CSV of its columns
/// (<see cref="ParquetText"/>); UTF-8 with or without a BOM, and
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

    /// <summary>
    /// Bytes of the stored file read so far, for progress; for a Parquet file, which is read a row group at a time from wherever its
    /// columns lie, as far into it as the share of its rows read.
    /// </summary>
    public long Position => Reader is ParquetText parquet ? (long)(parquet.Done * Length) : _file.CanSeek ? _file.Position : 0;

    public long Length => _file.Length;

    /// <summary>The text's first <paramref name="length"/> characters, to detect its format by (a Parquet file's header at least).</summary>
    public string Start(int length)
    {
        if (Reader is ParquetText parquet)
        {
            return parquet.Preview(length);
        }
        var buffer = new char[length];
        return new string(buffer, 0, Reader.ReadBlock(buffer, 0, length));
    }

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
                content = new Decompressed(new GZipStream(file, CompressionMode.Decompress, leaveOpen: true), "gzip", limit, maxExpansion, GzipSize(file));
                note = "read through gzip";
            }
            else if (count == 4 && magic[0] == 'P' && magic[1] == 'K' && magic[2] == 3 && magic[3] == 4)
            {
                var zip = OpenZip(file);
                archive = zip;
                var entries = zip.Entries.Where(e => !e.FullName.EndsWith('/')).ToList();
                if (entries.Count != 1)
                {
                    throw new UsageSourceException($"the zip archive holds {entries.Count} files; put one usage file in each archive");
                }
                content = new Decompressed(entries[0].Open(), "zip", limit, maxExpansion, expectedSize: null);
                note = $"read {entries[0].FullName} from the zip archive";
            }
            else if (count == 4 && magic[0] == 'P' && magic[1] == 'A' && magic[2] == 'R' && magic[3] == '1')
            {
                var parquet = ParquetText.Open(file, limit, maxExpansion);
                return new UsageSource(file, null, parquet, parquet.Note);
            }
            var (encoding, encodingNote) = Sniff(content);
            var reader = new StreamReader(content, encoding, detectEncodingFromByteOrderMarks: true, bufferSize: 1 << 16);
            return new UsageSource(file, archive, reader,
                string.Join("; ", new[] { note, encodingNote }.Where(n => n is not null)) is { Length: > 0 } n ? n : null);
        }
        catch
        {
            file.Dispose();
            throw;
        }
    }

    /// <summary>
    /// What stops a compressed file from being read to its end (data damaged or cut short), or null when nothing does or it is
    /// not compressed. Damaged compressed data may come out as text that fails to parse before the damage itself is found: a
    /// file that fails so is checked, so that its batch fails for the damage, not for what the damage made of its text.
    /// </summary>
    public static Exception? CompressionFault(string path, int maxExpansion)
    {
        try
        {
            using var source = Open(path, maxExpansion);
            if (source.Reader is not StreamReader { BaseStream: Decompressed content })
            {
                return null;
            }
            var buffer = new byte[1 << 16];
            while (content.Read(buffer) > 0)
            {
            }
            return null;
        }
        catch (Exception e) when (e is UsageSourceException or InvalidDataException)
        {
            return e;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or System.Text.DecoderFallbackException)
        {
            // Nothing more to say than the failure already does.
            return null;
        }
    }

    private static ZipArchive OpenZip(FileStream file)
    {
        try
        {
            return new ZipArchive(file, ZipArchiveMode.Read, leaveOpen: true);
        }
        catch (InvalidDataException e)
        {
            throw new UsageSourceException($"starts like a zip archive but is not a readable one ({e.Message.TrimEnd('.')}): it may be cut short or damaged");
        }
    }

    /// <summary>
    /// The size a gzip file's trailer records for its data (modulo 2^32), from its last four bytes;
    /// null when the file is too short to have one (then it is incomplete, which reading shows).
    /// </summary>
    private static uint? GzipSize(FileStream file)
    {
        if (file.Length < 18)
        {
            return null;
        }
        Span<byte> trailer = stackalloc byte[4];
        file.Position = file.Length - 4;
        file.ReadExactly(trailer);
        file.Position = 0;
        return System.Buffers.Binary.BinaryPrimitives.ReadUInt32LittleEndian(trailer);
    }

    /// <summary>
    /// The encoding of text without a BOM, from its first bytes (a BOM, when there is one, wins in the
    /// reader): UTF-16 by its zero bytes, otherwise UTF-8. Other zero bytes mean a binary file.
    /// </summary>
    private static (Encoding Encoding, string? Note) Sniff(Stream content)
    {
        if (!content.CanSeek)
        {
            return (StrictUtf8, null);
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
            return (StrictUtf8, null);
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

    /// <summary>
    /// UTF-8 that refuses bytes UTF-8 cannot hold (a Latin-1 or Windows-1252 file) instead of storing
    /// replacement characters in place of its letters.
    /// </summary>
    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    /// <summary>
    /// Reads a decompressing stream: stops it once it has produced more than its limit, turns damaged
    /// data into a message, and at its end checks that it produced the size the archive recorded, since
    /// a truncated gzip file otherwise just ends early.
    /// </summary>
    private sealed class Decompressed(Stream inner, string kind, long limit, int ratio, uint? expectedSize) : Stream
    {
        private long _produced;

        public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

        public override int Read(Span<byte> buffer)
        {
            try
            {
                return Count(inner.Read(buffer), buffer.Length);
            }
            catch (InvalidDataException e)
            {
                throw Damaged(e);
            }
        }

        public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
        {
            try
            {
                return Count(await inner.ReadAsync(buffer, cancellationToken), buffer.Length);
            }
            catch (InvalidDataException e)
            {
                throw Damaged(e);
            }
        }

        private UsageSourceException Damaged(InvalidDataException e) =>
            new($"holds damaged {kind} data after {_produced:N0} bytes of text ({e.Message.TrimEnd('.')}); nothing of it was stored");

        private int Count(int read, int asked)
        {
            _produced += read;
            if (_produced > limit)
            {
                throw new UsageSourceException($"the compressed file expands to more than {ratio} times its size; it was refused as a decompression bomb");
            }
            if (read == 0 && asked > 0 && expectedSize is { } expected && expected != (uint)_produced)
            {
                throw new UsageSourceException(
                    $"is an incomplete gzip file: its data ends after {_produced:N0} bytes without the size its end records (cut short while being copied?), " +
                    "or it is several gzip files joined together; compress it again as one whole file. Nothing of it was stored");
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
