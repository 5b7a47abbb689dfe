using System.Text;

namespace Recur.Data.Text;

/// <summary>Reads a whole text file strictly in one encoding and splits it into lines.</summary>
internal static class TextFile
{
    private const int Utf8CodePage = 65001;

    /// <summary>
    /// The file's text. A byte-order mark is skipped; bytes that are invalid in <paramref name="encoding"/> raise a
    /// <see cref="DataFormatException"/> naming the line, so a file in another encoding is never read as garbage.
    /// </summary>
    public static string ReadAllText(string path, Encoding encoding)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        ArgumentNullException.ThrowIfNull(encoding);
        return Decode(path, File.ReadAllBytes(path), encoding,
            "the file is probably in another encoding (for example windows-1252 or cp949): name it explicitly.", out _);
    }

    /// <summary>
    /// <paramref name="bytes"/> decoded strictly. A leading byte-order mark of the encoding is skipped (for UTF-8 also
    /// when the <see cref="Encoding"/> object itself writes none) and reported in <paramref name="hadByteOrderMark"/>.
    /// Invalid bytes raise a <see cref="DataFormatException"/> naming the file, line and byte, followed by
    /// <paramref name="advice"/>.
    /// </summary>
    public static string Decode(string path, byte[] bytes, Encoding encoding, string advice, out bool hadByteOrderMark)
    {
        ReadOnlySpan<byte> preamble = encoding.CodePage == Utf8CodePage ? [0xEF, 0xBB, 0xBF] : encoding.GetPreamble();
        hadByteOrderMark = preamble.Length > 0 && bytes.AsSpan().StartsWith(preamble);
        int start = hadByteOrderMark ? preamble.Length : 0;
        var strict = (Encoding)encoding.Clone();
        strict.DecoderFallback = DecoderFallback.ExceptionFallback;
        try
        {
            return strict.GetString(bytes, start, bytes.Length - start);
        }
        catch (DecoderFallbackException e)
        {
            int at = Math.Clamp(start + Math.Max(e.Index, 0), 0, Math.Max(bytes.Length - 1, 0));
            int lineStart = bytes.AsSpan(0, at).LastIndexOf((byte)'\n') + 1;
            int line = bytes.AsSpan(0, at).Count((byte)'\n') + 1;
            throw new DataFormatException(path, line, null,
                $"byte 0x{bytes[at]:X2} (byte {at - lineStart + 1} of the line) is not valid {TextEncodings.NameOf(encoding)}; {advice}", e);
        }
    }

    /// <summary>
    /// The lines of <paramref name="text"/> without their terminators (LF or CRLF). A final line break does not start
    /// another line, so "a\nb\n" has two lines; element <c>i</c> is line <c>i + 1</c> of the file.
    /// </summary>
    public static string[] SplitLines(string text)
    {
        if (text.Length == 0) return [];
        var lines = text.Split('\n');
        int count = text.EndsWith('\n') ? lines.Length - 1 : lines.Length;
        var result = new string[count];
        for (int i = 0; i < count; i++)
        {
            string line = lines[i];
            result[i] = line.EndsWith('\r') ? line[..^1] : line;
        }
        return result;
    }

    /// <summary>Reads and splits in one step.</summary>
    public static string[] ReadLines(string path, Encoding encoding) => SplitLines(ReadAllText(path, encoding));

    /// <summary>Line breaks in <paramref name="raw"/> (LF, CRLF or a lone CR each count once): how far a CSV record moves the line number.</summary>
    public static int LineBreaks(ReadOnlySpan<char> raw)
    {
        int breaks = 0;
        for (int i = 0; i < raw.Length; i++)
            if (raw[i] == '\n' || (raw[i] == '\r' && (i + 1 == raw.Length || raw[i + 1] != '\n'))) breaks++;
        return breaks;
    }
}
