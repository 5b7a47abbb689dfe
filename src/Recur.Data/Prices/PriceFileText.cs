using System.Text;
using Recur.Data.Text;

namespace Recur.Data.Prices;

/// <summary>
/// A price file's text as read a block at a time: the encoding that decodes it (named or detected), where the text
/// starts (after a byte-order mark), and what one pass over its lines found (<see cref="PriceLineScan"/>). The file is
/// never held whole, as bytes or as text.
/// </summary>
internal sealed class PriceFileText
{
    private readonly string _path;
    private readonly Encoding _encoding;
    private readonly int _start;

    private PriceFileText(string path, Encoding encoding, int start, PriceLineScan lines)
    {
        _path = path;
        _encoding = encoding;
        _start = start;
        Lines = lines;
        EncodingName = TextEncodings.NameOf(encoding) + (start > 0 ? " (with BOM)" : "");
    }

    /// <summary>The encoding the file is decoded with: "utf-8", "utf-8 (with BOM)", "cp949", …</summary>
    public string EncodingName { get; }

    /// <summary>The delimiter and the line widths the decoding pass found.</summary>
    public PriceLineScan Lines { get; }

    /// <summary>A reader of the text from its start (after the byte-order mark), decoding strictly.</summary>
    public TextReader OpenReader() => new StrictTextReader(_path, _encoding, _start);

    /// <summary>
    /// Decodes the file strictly in one pass, scanning its lines for <paramref name="delimiter"/> (detected when null);
    /// undecodable bytes, or an encoding name this system does not know, are a <see cref="DataFormatException"/> (naming
    /// the line for bytes): a <see cref="PriceFormatException"/> whose remedy is to name the encoding when the bytes fit
    /// neither detected encoding. Without a name the encoding is <see cref="TextEncodings.Detect"/>'s: UTF-16 by its mark
    /// or zero bytes, else UTF-8 when the whole file decodes as UTF-8, else CP949.
    /// </summary>
    public static PriceFileText Read(string path, string? encodingName, char? delimiter)
    {
        if (encodingName is not null)
        {
            Encoding named;
            try
            {
                named = TextEncodings.Get(encodingName);
            }
            catch (ArgumentException e)
            {
                // The name is part of how this file is to be read, so it is reported like the file's other problems.
                throw new DataFormatException(path, null, null,
                    $"the encoding '{encodingName}' is unknown; price files are usually utf-8 or cp949 (euc-kr), or leave it unset to detect.", e);
            }
            return Scan(path, named, delimiter) ?? throw WholeFileError(path, named,
                "the file is in another encoding: name the right one (utf-8 or cp949) or leave the encoding unset to detect it.");
        }

        // The first 4 KB decide UTF-16 (TextEncodings.Detect looks no further for it); UTF-8 needs the whole file valid.
        Encoding first = TextEncodings.Detect(Prefix(path));
        if (first.CodePage is not (1200 or 1201)) first = TextEncodings.Utf8;
        var text = Scan(path, first, delimiter);
        if (text is null && first.CodePage != 1200 && first.CodePage != 1201)
        {
            first = TextEncodings.Get("cp949");
            text = Scan(path, first, delimiter);
        }
        if (text is not null) return text;
        var error = WholeFileError(path, first, "the file is neither UTF-8 nor CP949");
        throw new PriceFormatException(path, error.Line, error.Column, error.Problem, [PriceReadRemedy.NameEncoding], error);
    }

    private static byte[] Prefix(string path)
    {
        using var stream = File.OpenRead(path);
        var prefix = new byte[(int)Math.Min(stream.Length, 4096)];
        stream.ReadExactly(prefix);
        return prefix;
    }

    // The text in one encoding, or null when a byte does not decode.
    private static PriceFileText? Scan(string path, Encoding encoding, char? delimiter)
    {
        ReadOnlySpan<byte> preamble = encoding.CodePage == 65001 ? [0xEF, 0xBB, 0xBF] : encoding.GetPreamble();
        int start;
        using (var stream = File.OpenRead(path))
        {
            Span<byte> head = stackalloc byte[preamble.Length];
            start = stream.ReadAtLeast(head, head.Length, throwOnEndOfStream: false) == head.Length && head.SequenceEqual(preamble) ? preamble.Length : 0;
        }
        var lines = new PriceLineScan(delimiter);
        var block = new char[1 << 16];
        try
        {
            using var reader = new StrictTextReader(path, encoding, start);
            for (int n; (n = reader.Read(block)) > 0;) lines.Add(block.AsSpan(0, n));
        }
        catch (DecoderFallbackException)
        {
            return null;
        }
        lines.End();
        return new PriceFileText(path, encoding, start, lines);
    }

    // The error the whole file's strict decoding gives, naming the line and byte as it always has: on this path only,
    // which ends the read, the file's bytes are held whole.
    private static DataFormatException WholeFileError(string path, Encoding encoding, string advice)
    {
        try
        {
            TextFile.Decode(path, File.ReadAllBytes(path), encoding, advice, out _);
        }
        catch (DataFormatException e)
        {
            return e;
        }
        return new DataFormatException(path, null, null, $"the file changed while it was read; read it again. {advice}");
    }
}
