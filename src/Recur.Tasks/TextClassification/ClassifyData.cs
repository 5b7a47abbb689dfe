using Recur.Data;
using Recur.Data.Text;
using Recur.Training;

namespace Recur.Tasks.TextClassification;

/// <summary>
/// The labelled texts of a run, split stratified into training, validation and test parts, with the tokenization fixed
/// on the training part only (vocabulary and length), and each part as padded ids ready for the trainer.
/// </summary>
public sealed class ClassifyData
{
    private ClassifyData(LabelledTexts all, LabelledTexts train, LabelledTexts validation, LabelledTexts test, TextTokenization tokenization)
    {
        All = all;
        Train = train;
        Validation = validation;
        Test = test;
        Tokenization = tokenization;
        TrainSet = Dataset(train);
        ValidationSet = validation.Count > 0 ? Dataset(validation) : null;
        TestSet = test.Count > 0 ? Dataset(test) : null;
    }

    /// <summary>Every text read.</summary>
    public LabelledTexts All { get; }

    /// <summary>The training texts.</summary>
    public LabelledTexts Train { get; }

    /// <summary>The validation texts (early stopping, curves); may be empty.</summary>
    public LabelledTexts Validation { get; }

    /// <summary>The test texts, scored once at the end; empty only for the slides' toy.</summary>
    public LabelledTexts Test { get; }

    /// <summary>Tokenizer, vocabulary and padding, fitted on <see cref="Train"/>.</summary>
    public TextTokenization Tokenization { get; }

    /// <summary>The class names, by id.</summary>
    public IReadOnlyList<string> ClassNames => All.ClassNames;

    /// <summary>True for two classes (one logit, binary cross-entropy); false for more (one logit per class).</summary>
    public bool IsBinary => All.ClassNames.Count == 2;

    /// <summary>The training texts as padded ids and targets.</summary>
    public TensorDataset TrainSet { get; }

    /// <summary>The validation texts as padded ids and targets, or null when there are none.</summary>
    public TensorDataset? ValidationSet { get; }

    /// <summary>The test texts as padded ids and targets, or null when there are none.</summary>
    public TensorDataset? TestSet { get; }

    /// <summary>Reads, splits and encodes the texts <paramref name="options"/> names.</summary>
    /// <exception cref="DataFormatException">The texts hold one class only, or too few texts of a class for the split.</exception>
    public static ClassifyData Load(ClassifyOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var all = LabelledTextSource.Read(options);
        string source = all.Source ?? options.DataPath;
        var counts = all.CountPerClass();
        int present = counts.Count(c => c > 0);
        if (all.Count == 0)
            throw new DataFormatException(source, null, null, "no labelled text was read.");
        if (present < 2)
            throw new DataFormatException(source, null, null,
                $"every text has the label '{all.ClassNames[Array.FindIndex(counts, c => c > 0)]}'; a classifier needs texts of two classes or more.");

        var generator = new Generator(options.Seed);
        int[] trainIndices, validationIndices = [], testIndices = [];
        if (options.TestFraction > 0)
        {
            RequireEnoughPerClass(counts, all.ClassNames, options.TestFraction, options.ValidationFraction, source);
            (trainIndices, testIndices) = StratifiedSplit.Indices(all.Labels, options.TestFraction, generator);
        }
        else trainIndices = Enumerable.Range(0, all.Count).ToArray();
        if (options.ValidationFraction > 0)
        {
            var trainLabels = trainIndices.Select(i => all.Labels[i]).ToArray();
            var (keep, held) = StratifiedSplit.Indices(trainLabels, options.ValidationFraction, generator);
            validationIndices = held.Select(i => trainIndices[i]).ToArray();
            trainIndices = keep.Select(i => trainIndices[i]).ToArray();
        }
        var train = all.Subset(trainIndices);
        var tokenization = Fit(train, options);
        return new ClassifyData(all, train, all.Subset(validationIndices), all.Subset(testIndices), tokenization);
    }

    /// <summary>The targets of <paramref name="labels"/> as the loss wants them: <c>[N, 1]</c> 0/1 for two classes, else class ids <c>[N]</c>.</summary>
    public static Tensor Targets(IReadOnlyList<int> labels, bool binary)
    {
        var values = labels.Select(l => (float)l).ToArray();
        return binary ? Tensor.FromArray(values, values.Length, 1) : Tensor.FromArray(values, values.Length);
    }

    private TensorDataset Dataset(LabelledTexts texts)
    {
        var padded = Tokenization.Encode(texts.Texts);
        return new TensorDataset(padded.ToTensor(), Targets(texts.Labels, IsBinary), padded.Lengths);
    }

    private static TextTokenization Fit(LabelledTexts train, ClassifyOptions options)
    {
        var tokens = TextTokenization.CreateTokenizer(options.Tokens, options.Lowercase).TokenizeAll(train.Texts);
        var vocabulary = Vocabulary.Build(tokens, maxSize: options.VocabularySize);
        int maxLength = options.MaxLength ?? CoveringLength(tokens, options.LengthCoverage);
        return new TextTokenization(options.Tokens, options.Lowercase, vocabulary, maxLength, options.Padding, options.Truncating);
    }

    /// <summary>The least length that <paramref name="coverage"/> of the texts fit in whole (at least 1).</summary>
    private static int CoveringLength(string[][] tokens, double coverage)
    {
        var lengths = tokens.Select(t => t.Length).Order().ToArray();
        int index = Math.Clamp((int)Math.Ceiling(coverage * lengths.Length) - 1, 0, lengths.Length - 1);
        return Math.Max(1, lengths[index]);
    }

    private static void RequireEnoughPerClass(int[] counts, IReadOnlyList<string> classNames, double testFraction, double validationFraction, string source)
    {
        for (int c = 0; c < counts.Length; c++)
        {
            if (counts[c] == 0) continue;
            double trainShare = (1 - testFraction) * (1 - validationFraction);
            if (counts[c] * trainShare < 1 || Math.Round(counts[c] * testFraction, MidpointRounding.AwayFromZero) < 1)
                throw new DataFormatException(source, null, null,
                    $"the class '{classNames[c]}' has only {counts[c]} text(s), too few to appear in both the training and the test part.");
        }
    }
}
