using System.Text;

namespace Recur.Data.Text;

/// <summary>
/// Reads the Naver Sentiment Movie Corpus (e9t/nsmc: <c>ratings_test.txt</c>, <c>ratings_train.txt</c>,
/// <c>ratings.txt</c>): a header <c>id&lt;TAB&gt;document&lt;TAB&gt;label</c>, then one Korean review per line;
/// 0 = negative, 1 = positive.
/// </summary>
/// <remarks>
/// Some reviews have an empty document (3 of the 50,000 in <c>ratings_test.txt</c>, at lines 5,748, 7,901 and
/// 27,099). They cannot be classified from their text, so they are left out and listed in
/// <see cref="LabelledTexts.DroppedEmptyLines"/>.
/// </remarks>
public static class NsmcReader
{
    /// <summary>The class names: <c>negative</c> (0), <c>positive</c> (1).</summary>
    public static IReadOnlyList<string> ClassNames { get; } = ["negative", "positive"];

    private static readonly string[] Scores = ["0", "1"];
    private const string Header = "id\tdocument\tlabel";
    private const string Layout = "a header 'id<TAB>document<TAB>label' and one review per line";

    /// <summary>Reads the file (UTF-8 unless <paramref name="encoding"/> says otherwise).</summary>
    public static LabelledTexts Read(string path, Encoding? encoding = null)
    {
        var lines = TextFile.ReadLines(path, encoding ?? TextEncodings.Utf8);
        if (lines.Length == 0 || lines.All(string.IsNullOrWhiteSpace))
            throw new DataFormatException(path, null, null, $"the file is empty; expected {Layout}.");
        if (lines[0].Trim() != Header)
            throw new DataFormatException(path, 1, null,
                $"expected the header 'id<TAB>document<TAB>label' but found '{Excerpt.Of(lines[0].Replace("\t", "<TAB>"))}'.");
        return LabelledTextsBuilder.FromLines(path, lines, 1, ClassNames, Layout, (builder, line, number) =>
        {
            var fields = line.Split('\t');
            if (fields.Length != 3)
                throw new DataFormatException(path, number, null,
                    $"expected 3 tab-separated fields (id, document, label) but found {fields.Length}: '{Excerpt.Of(line)}'.");
            builder.Add(fields[1], builder.ClassOf(fields[2], Scores, number, 3), number);
        });
    }
}
