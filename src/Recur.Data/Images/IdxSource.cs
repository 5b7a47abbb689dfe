using System.IO.Compression;

namespace Recur.Data.Images;

/// <summary>
/// An open IDX file: the raw bytes, or the unpacked bytes of a gzip file (recognised by its 1f 8b magic, not by
/// its name). Reads fill whole buffers and turn a short or corrupt file into a <see cref="DataFormatException"/>
/// that names the file and the expected and actual sizes.
/// </summary>
internal sealed class IdxSource : IDisposable
{
    private readonly Stream _stream;

    private IdxSource(string path, Stream stream, bool compressed)
    {
        Path = path;
        _stream = stream;
        Compressed = compressed;
    }

    /// <summary>The file's path, as given.</summary>
    public string Path { get; }

    /// <summary>True when the file is gzip-compressed; offsets then count unpacked bytes.</summary>
    public bool Compressed { get; }

    /// <summary>Unpacked bytes consumed so far.</summary>
    public long Position { get; private set; }

    /// <summary>Opens <paramref name="path"/>, sniffing the first two bytes for the gzip magic.</summary>
    public static IdxSource Open(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, bufferSize: 1 << 16);
        try
        {
            Span<byte> magic = stackalloc byte[2];
            int read = file.ReadAtLeast(magic, magic.Length, throwOnEndOfStream: false);
            file.Position = 0;
            bool gzip = read == 2 && magic[0] == 0x1f && magic[1] == 0x8b;
            return new IdxSource(path, gzip ? new GZipStream(file, CompressionMode.Decompress) : file, gzip);
        }
        catch
        {
            file.Dispose();
            throw;
        }
    }

    /// <summary>
    /// Fills <paramref name="buffer"/>; when the file ends first, throws a truncation error that states
    /// <paramref name="expectation"/> (what the file should hold, with the expected size) and the size found.
    /// </summary>
    public void ReadExactly(Span<byte> buffer, string expectation)
    {
        int read = Read(buffer);
        Position += read;
        if (read < buffer.Length)
            throw Error($"the file is truncated: {expectation}, but it ends after {Position:N0} bytes{Unpacked}.");
    }

    /// <summary>Counts the bytes left after the data the header describes (0 for a well-formed file).</summary>
    public long CountRemaining()
    {
        Span<byte> scratch = stackalloc byte[4096];
        long extra = 0;
        int read;
        while ((read = Read(scratch)) > 0) extra += read;
        return extra;
    }

    /// <summary>An error about this file; the location is the file (IDX files have no lines).</summary>
    public DataFormatException Error(string problem, Exception? inner = null) => new(Path, null, null, problem, inner);

    /// <summary>" (unpacked)" for gzip files, so that sizes and offsets say which bytes they count.</summary>
    public string Unpacked => Compressed ? " (unpacked)" : "";

    private int Read(Span<byte> buffer)
    {
        try
        {
            return _stream.ReadAtLeast(buffer, buffer.Length, throwOnEndOfStream: false);
        }
        catch (InvalidDataException e)
        {
            throw Error($"the gzip data is corrupt, so the file is damaged or incomplete (the decompressor says: {e.Message})", e);
        }
    }

    public void Dispose() => _stream.Dispose();
}
