using System.Text;

namespace Recur.Data.Text;

/// <summary>
/// Reads Pang &amp; Lee's sentence polarity dataset v1.0 (<c>rt-polarity.pos</c> and <c>rt-polarity.neg</c>): one
/// lower-cased, tokenised sentence per line in each file, no labels inside. The original files are Windows-1252,
/// which is the default here; 0 = negative, 1 = positive.
/// </summary>
public static class RtPolarityReader
{
    /// <summary>The class names: <c>negative</c> (0), <c>positive</c> (1).</summary>
    public static IReadOnlyList<string> ClassNames { get; } = ["negative", "positive"];

    /// <summary>
    /// Reads both files: the negative sentences first, then the positive ones (use a shuffled split, such as
    /// <see cref="StratifiedSplit"/>, before training). Blank lines are skipped and counted.
    /// </summary>
    public static LabelledTexts Read(string positivePath, string negativePath, Encoding? encoding = null)
    {
        encoding ??= TextEncodings.Windows1252;
        return LabelledTexts.Concat(ReadOne(negativePath, 0, encoding), ReadOne(positivePath, 1, encoding));
    }

    /// <summary>Reads <c>rt-polarity.pos</c> and <c>rt-polarity.neg</c> from <paramref name="directory"/>.</summary>
    public static LabelledTexts ReadDirectory(string directory, Encoding? encoding = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(directory);
        return Read(Path.Combine(directory, "rt-polarity.pos"), Path.Combine(directory, "rt-polarity.neg"), encoding);
    }

    private static LabelledTexts ReadOne(string path, int label, Encoding encoding) =>
        LabelledTextsBuilder.FromLines(path, TextFile.ReadLines(path, encoding), 0, ClassNames, "one sentence per line",
            (builder, line, number) => builder.Add(line, label, number));
}
