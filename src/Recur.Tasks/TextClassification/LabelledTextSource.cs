using Recur.Data.Text;

namespace Recur.Tasks.TextClassification;

/// <summary>Reads the labelled texts a <see cref="ClassifyOptions"/> names, with the reader that knows the corpus' layout.</summary>
public static class LabelledTextSource
{
    /// <summary>The words of deck 003's many-to-one toy and their labels (1 = positive).</summary>
    public static LabelledTexts SlidesWords { get; } = new(["good", "bad", "worse", "so good"], [1, 0, 0, 1], ["negative", "positive"], "deck 003");

    /// <summary>The texts of <paramref name="options"/>' corpus.</summary>
    /// <exception cref="Data.DataFormatException">The file cannot be read as that corpus (naming file, line and column).</exception>
    public static LabelledTexts Read(ClassifyOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (options.Recipe == TextRecipe.SlidesChars) return SlidesWords;
        string path = options.DataPath;
        return options.Corpus switch
        {
            TextCorpus.SmsSpam => SmsSpamReader.Read(RequireFile(path)),
            TextCorpus.RtPolarity => RtPolarityReader.ReadDirectory(RequireDirectory(path)),
            TextCorpus.Nsmc => NsmcReader.Read(RequireFile(path)),
            TextCorpus.Sentences => LabelledSentencesReader.ReadAll(
                Directory.GetFiles(RequireDirectory(path), "*_labelled.txt").Order(StringComparer.Ordinal).ToArray() is { Length: > 0 } files ? files
                    : throw new FileNotFoundException($"{path} holds no *_labelled.txt file (the Sentiment Labelled Sentences).")),
            _ => ReadDelimited(RequireFile(path), options),
        };
    }

    /// <summary>
    /// A user's CSV/TSV. A row whose text is empty is an error here (a bundled corpus' known empty rows are left out and
    /// reported instead): in a user's file it more often means a wrong column than an empty message.
    /// </summary>
    private static LabelledTexts ReadDelimited(string path, ClassifyOptions options)
    {
        var textColumn = Column(options.TextColumn!);
        var texts = DelimitedTextReader.Read(path, new DelimitedTextOptions
        {
            TextColumn = textColumn,
            LabelColumn = Column(options.LabelColumn!),
            Encoding = options.Encoding is null ? TextEncodings.Detect(File.ReadAllBytes(path)) : TextEncodings.Get(options.Encoding),
        });
        if (texts.DroppedEmptyLines.Count > 0)
            throw new Data.DataFormatException(path, texts.DroppedEmptyLines[0], null,
                $"the text ({textColumn}) is empty{(texts.DroppedEmptyLines.Count > 1 ? $", as in {texts.DroppedEmptyLines.Count - 1} more row(s)" : "")}; give every row a text or leave such rows out.");
        return texts;
    }

    // A column given as a number is 1-based, as a user counts.
    private static ColumnReference Column(string text) =>
        int.TryParse(text, out int number) && number >= 1 ? ColumnReference.ByIndex(number - 1) : ColumnReference.ByName(text);

    private static string RequireFile(string path) =>
        File.Exists(path) ? path : throw new FileNotFoundException($"{path}: no such file.", path);

    private static string RequireDirectory(string path) =>
        Directory.Exists(path) ? path : throw new DirectoryNotFoundException($"{path}: no such directory.");
}
