using System.Text;

namespace Recur.Data.Text;

/// <summary>
/// Reads the Sentiment Labelled Sentences files of Kotzias et al. (<c>imdb_labelled.txt</c>,
/// <c>amazon_cells_labelled.txt</c>, <c>yelp_labelled.txt</c>): one sentence per line, <c>text&lt;TAB&gt;0|1</c>,
/// no header; 0 = negative, 1 = positive.
/// </summary>
public static class LabelledSentencesReader
{
    /// <summary>The class names: <c>negative</c> (0), <c>positive</c> (1).</summary>
    public static IReadOnlyList<string> ClassNames { get; } = ["negative", "positive"];

    private static readonly string[] Scores = ["0", "1"];
    private const string Layout = "lines of 'text<TAB>score' with score 0 or 1";

    /// <summary>
    /// Reads one file (UTF-8 unless <paramref name="encoding"/> says otherwise). The score is after the last tab; the
    /// text before it is trimmed (the IMDB file has spaces before the tab).
    /// </summary>
    public static LabelledTexts Read(string path, Encoding? encoding = null)
    {
        var lines = TextFile.ReadLines(path, encoding ?? TextEncodings.Utf8);
        return LabelledTextsBuilder.FromLines(path, lines, 0, ClassNames, Layout, (builder, line, number) =>
        {
            int tab = line.LastIndexOf('\t');
            if (tab < 0)
                throw new DataFormatException(path, number, null, $"expected 'text<TAB>0|1' but the line has no tab: '{Excerpt.Of(line)}'.");
            builder.Add(line[..tab], builder.ClassOf(line[(tab + 1)..], Scores, number, 2), number);
        });
    }

    /// <summary>Reads several files (for example all three sources) into one set, in the order given.</summary>
    public static LabelledTexts ReadAll(IEnumerable<string> paths, Encoding? encoding = null)
    {
        ArgumentNullException.ThrowIfNull(paths);
        return LabelledTexts.Concat(paths.Select(p => Read(p, encoding)).ToArray());
    }
}
