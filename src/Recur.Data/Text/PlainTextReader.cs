using System.Text;

namespace Recur.Data.Text;

/// <summary>Reads a whole text file for a character-level model (tiny-shakespeare's <c>input.txt</c>).</summary>
public static class PlainTextReader
{
    /// <summary>
    /// Reads the file (UTF-8 unless <paramref name="encoding"/> says otherwise; a BOM is skipped) and writes CRLF line
    /// breaks as LF, so the same text gives the same characters on every system. An empty file is an error.
    /// </summary>
    public static PlainText Read(string path, Encoding? encoding = null)
    {
        string text = TextFile.ReadAllText(path, encoding ?? TextEncodings.Utf8).Replace("\r\n", "\n");
        if (text.Length == 0)
            throw new DataFormatException(path, null, null, "the file is empty; a character model needs text to learn from.");
        int lines = text.AsSpan().Count('\n') + (text.EndsWith('\n') ? 0 : 1);
        return new PlainText(text, lines, path);
    }
}
