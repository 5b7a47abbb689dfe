using System.Text;

namespace Recur.Data.Prices;

/// <summary>
/// Reads a file's text a block at a time, decoding strictly: bytes that are not valid in the encoding raise
/// <see cref="DecoderFallbackException"/> instead of becoming replacement characters. Unlike <see cref="StreamReader"/> it
/// never skips a byte-order mark of its own accord: the text starts at the byte it is told.
/// </summary>
internal sealed class StrictTextReader : TextReader
{
    private const int BlockBytes = 1 << 16;

    private readonly FileStream _stream;
    private readonly Decoder _decoder;
    private readonly byte[] _bytes = new byte[BlockBytes];
    private readonly char[] _chars;
    private int _charPosition, _charLength;
    private bool _ended;

    /// <summary>Opens <paramref name="path"/> and reads it from byte <paramref name="start"/> in <paramref name="encoding"/>.</summary>
    public StrictTextReader(string path, Encoding encoding, int start)
    {
        var strict = (Encoding)encoding.Clone();
        strict.DecoderFallback = DecoderFallback.ExceptionFallback;
        _decoder = strict.GetDecoder();
        // A decoder may hold a few bytes of the previous block, so a block can give a few more characters than its bytes alone.
        _chars = new char[strict.GetMaxCharCount(BlockBytes) + 16];
        _stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, bufferSize: 1, FileOptions.SequentialScan);
        _stream.Position = start;
    }

    /// <inheritdoc/>
    public override int Read(char[] buffer, int index, int count) => Read(buffer.AsSpan(index, count));

    /// <inheritdoc/>
    public override int Read(Span<char> buffer)
    {
        if (buffer.IsEmpty || !Fill()) return 0;
        int n = Math.Min(buffer.Length, _charLength - _charPosition);
        _chars.AsSpan(_charPosition, n).CopyTo(buffer);
        _charPosition += n;
        return n;
    }

    /// <inheritdoc/>
    public override int Read() => Fill() ? _chars[_charPosition++] : -1;

    /// <inheritdoc/>
    public override int Peek() => Fill() ? _chars[_charPosition] : -1;

    // Decodes blocks until there are characters to give or the file has ended; false at the end.
    private bool Fill()
    {
        while (_charPosition == _charLength)
        {
            if (_ended) return false;
            int read = _stream.Read(_bytes, 0, BlockBytes);
            _ended = read == 0;
            _charPosition = 0;
            _charLength = _decoder.GetChars(_bytes, 0, read, _chars, 0, flush: _ended);
        }
        return true;
    }

    /// <inheritdoc/>
    protected override void Dispose(bool disposing)
    {
        if (disposing) _stream.Dispose();
        base.Dispose(disposing);
    }
}
