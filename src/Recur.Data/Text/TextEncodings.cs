using System.Text;

namespace Recur.Data.Text;

/// <summary>
/// The encodings the text readers use: strict UTF-8 by default, Windows-1252 for the older English corpora
/// (rt-polarity, Kaggle's <c>spam.csv</c>), and any other code page by name for files a user brings.
/// Readers decode strictly: a byte sequence that is not valid in the chosen encoding is an error naming the file
/// and line, never a silent replacement character.
/// </summary>
public static class TextEncodings
{
    private static readonly Lazy<Encoding> CodePages = new(() =>
    {
        Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);
        return Encoding.GetEncoding(1252);
    });

    /// <summary>UTF-8 without a byte-order mark (a BOM at the start of a file is accepted and skipped when reading).</summary>
    public static Encoding Utf8 { get; } = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    /// <summary>Windows-1252 (cp1252), the usual encoding of older English text files; registers .NET's code-page provider.</summary>
    public static Encoding Windows1252 => CodePages.Value;

    /// <summary>
    /// Resolves an encoding name as users write it: <c>utf-8</c>/<c>utf8</c>, <c>cp1252</c>/<c>windows-1252</c>,
    /// <c>latin-1</c>, <c>cp949</c>, a bare code-page number such as <c>949</c>, or any name .NET knows. The Korean names
    /// <c>euc-kr</c>, <c>ms949</c>, <c>uhc</c> and <c>ks_c_5601-1987</c> all give CP949, the superset Korean Windows reads
    /// them with. Code-page encodings are made available on first use.
    /// </summary>
    /// <exception cref="ArgumentException">The name is not an encoding .NET can provide.</exception>
    public static Encoding Get(string name)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        _ = CodePages.Value;
        string key = name.Trim().ToLowerInvariant().Replace('_', '-');
        if (key is "utf-8" or "utf8" or "utf-8-sig") return Utf8;
        if (key is "euc-kr" or "euckr" or "ms949" or "uhc" or "ks-c-5601-1987") key = "949";
        if (key is "latin-1" or "latin1") key = "iso-8859-1";
        string digits = key.StartsWith("cp", StringComparison.Ordinal) ? key[2..] : key;
        try
        {
            return int.TryParse(digits, out int codePage) ? Encoding.GetEncoding(codePage) : Encoding.GetEncoding(key);
        }
        catch (Exception e) when (e is ArgumentException or NotSupportedException)
        {
            throw new ArgumentException(
                $"'{name}' is not an encoding this system provides; try utf-8, cp1252, latin-1, cp949 or a code-page number.",
                nameof(name), e);
        }
    }

    /// <summary>
    /// The encoding a file's bytes are most likely in, for the files this project's users bring: UTF-16 when they start
    /// with its byte-order mark, or without one when zero bytes fill most odd (little-endian) or even (big-endian)
    /// positions, as they do for text that is mostly ASCII; UTF-8 when they are valid UTF-8 (with or without a BOM), else
    /// CP949 (Korean Windows). Decoding with the result is still strict, so bytes that fit none of these fail with their line.
    /// </summary>
    public static Encoding Detect(ReadOnlySpan<byte> bytes) =>
        bytes.StartsWith((ReadOnlySpan<byte>)[0xFF, 0xFE]) ? Encoding.Unicode
        : bytes.StartsWith((ReadOnlySpan<byte>)[0xFE, 0xFF]) ? Encoding.BigEndianUnicode
        : Utf16WithoutMark(bytes) is { } utf16 ? utf16
        : System.Text.Unicode.Utf8.IsValid(bytes) ? Utf8
        : Get("cp949");

    /// <summary>
    /// UTF-16 LE or BE when the first few kilobytes have zero bytes at most odd or even positions and hardly any at the
    /// others; null otherwise. Text in a single-byte or UTF-8 encoding has no zero bytes at all (U+0000 is not text).
    /// </summary>
    private static Encoding? Utf16WithoutMark(ReadOnlySpan<byte> bytes)
    {
        var sample = bytes[..(Math.Min(bytes.Length, 4096) & ~1)];
        if (sample.Length < 4 || !sample.Contains((byte)0)) return null;
        int evenZeros = 0, oddZeros = 0;
        for (int i = 0; i < sample.Length; i += 2)
        {
            if (sample[i] == 0) evenZeros++;
            if (sample[i + 1] == 0) oddZeros++;
        }
        int pairs = sample.Length / 2;
        return oddZeros * 2 > pairs && evenZeros * 10 < pairs ? new UnicodeEncoding(bigEndian: false, byteOrderMark: false, throwOnInvalidBytes: true)
            : evenZeros * 2 > pairs && oddZeros * 10 < pairs ? new UnicodeEncoding(bigEndian: true, byteOrderMark: false, throwOnInvalidBytes: true)
            : null;
    }

    /// <summary>The name messages use for <paramref name="encoding"/>: <c>cp949</c> for CP949 (whose .NET name is ks_c_5601-1987), else its web name.</summary>
    internal static string NameOf(Encoding encoding) => encoding.CodePage == 949 ? "cp949" : encoding.WebName;
}
