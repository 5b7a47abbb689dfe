using System.Text;

namespace Recur.Data.Prices;

/// <summary>A price file's bytes decoded to text, and the encoding that decoded them (named or detected).</summary>
internal sealed record PriceFileText(string Text, string EncodingName)
{
    /// <summary>The code page of CP949 (Unified Hangul Code, "ks_c_5601-1987" to .NET), a superset of EUC-KR.</summary>
    public const int Cp949 = 949;

    /// <summary>
    /// Reads and decodes a file strictly; undecodable bytes, or an encoding name this system does not know, are a
    /// <see cref="DataFormatException"/> (naming the line for bytes).
    /// </summary>
    public static PriceFileText Read(string path, string? encodingName)
    {
        byte[] bytes = File.ReadAllBytes(path);
        if (encodingName is not null)
        {
            Encoding named;
            try
            {
                named = Resolve(encodingName);
            }
            catch (ArgumentException e)
            {
                // The name is part of how this file is to be read, so it is reported like the file's other problems.
                throw new DataFormatException(path, null, null,
                    $"the encoding '{encodingName}' is unknown; price files are usually utf-8 or cp949 (euc-kr), or leave it unset to detect.", e);
            }
            return Decode(path, bytes, named, named: true);
        }

        if (bytes.AsSpan().StartsWith((ReadOnlySpan<byte>)[0xFF, 0xFE])) return Decode(path, bytes, Encoding.Unicode, named: false);
        if (bytes.AsSpan().StartsWith((ReadOnlySpan<byte>)[0xFE, 0xFF])) return Decode(path, bytes, Encoding.BigEndianUnicode, named: false);
        if (System.Text.Unicode.Utf8.IsValid(bytes)) return Decode(path, bytes, Encoding.UTF8, named: false);
        return Decode(path, bytes, Resolve("cp949"), named: false);
    }

    /// <summary>
    /// The encoding for a user's name: utf-8/utf8/utf-8-sig, cp949/euc-kr/ms949/uhc/ks_c_5601-1987 (all read as CP949),
    /// a code-page number, or any name .NET knows once code pages are registered.
    /// </summary>
    /// <exception cref="ArgumentException">No such encoding.</exception>
    public static Encoding Resolve(string name)
    {
        try
        {
            return Recur.Data.Text.TextEncodings.Get(name);
        }
        catch (ArgumentException e) when (e is not ArgumentNullException)
        {
            throw new ArgumentException(
                $"'{name}' is not an encoding this system provides; price files are usually utf-8 or cp949 (euc-kr).",
                nameof(name), e);
        }
    }

    private static PriceFileText Decode(string path, byte[] bytes, Encoding encoding, bool named)
    {
        var strict = (Encoding)encoding.Clone();
        strict.DecoderFallback = DecoderFallback.ExceptionFallback;
        ReadOnlySpan<byte> preamble = encoding.GetPreamble();
        bool hasBom = preamble.Length > 0 && bytes.AsSpan().StartsWith(preamble);
        int start = hasBom ? preamble.Length : 0;
        try
        {
            string text = strict.GetString(bytes, start, bytes.Length - start);
            return new PriceFileText(text, Describe(encoding, hasBom));
        }
        catch (DecoderFallbackException e)
        {
            int at = Math.Clamp(start + Math.Max(e.Index, 0), 0, Math.Max(bytes.Length - 1, 0));
            int line = bytes.AsSpan(0, at).Count((byte)'\n') + 1;
            string advice = named
                ? "the file is in another encoding: name the right one (utf-8 or cp949) or leave the encoding unset to detect it."
                : "the file is neither UTF-8 nor CP949: name its encoding in PriceSeriesOptions.EncodingName.";
            throw new DataFormatException(path, line, null,
                $"byte 0x{bytes[at]:X2} is not valid {Describe(encoding, false)}; {advice}", e);
        }
    }

    private static string Describe(Encoding encoding, bool hasBom) => encoding.CodePage switch
    {
        65001 => hasBom ? "utf-8 (with BOM)" : "utf-8",
        Cp949 => "cp949",
        _ => encoding.WebName + (hasBom ? " (with BOM)" : ""),
    };
}
