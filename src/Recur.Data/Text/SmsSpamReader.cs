using System.Text;

namespace Recur.Data.Text;

/// <summary>
/// Reads the SMS Spam Collection (<c>SMSSpamCollection</c>, Almeida &amp; Gómez Hidalgo): one message per line,
/// <c>label&lt;TAB&gt;text</c>, no header, labels <c>ham</c> → 0 and <c>spam</c> → 1.
/// </summary>
public static class SmsSpamReader
{
    /// <summary>The class names: <c>ham</c> (0), <c>spam</c> (1).</summary>
    public static IReadOnlyList<string> ClassNames { get; } = ["ham", "spam"];

    private const string Layout = "lines of 'label<TAB>text' with label ham or spam";

    /// <summary>
    /// Reads the file (UTF-8 unless <paramref name="encoding"/> says otherwise). The text is everything after the first
    /// tab, trimmed. Blank lines are skipped and counted; a missing tab or another label is an error naming the line.
    /// </summary>
    public static LabelledTexts Read(string path, Encoding? encoding = null)
    {
        var lines = TextFile.ReadLines(path, encoding ?? TextEncodings.Utf8);
        return LabelledTextsBuilder.FromLines(path, lines, 0, ClassNames, Layout, (builder, line, number) =>
        {
            int tab = line.IndexOf('\t');
            if (tab < 0)
                throw new DataFormatException(path, number, null, $"expected 'label<TAB>text' but the line has no tab: '{Excerpt.Of(line)}'.");
            builder.Add(line[(tab + 1)..], builder.ClassOf(line[..tab], ClassNames, number, 1), number);
        });
    }
}
