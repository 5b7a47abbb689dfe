using Recur.Nn;

namespace Recur.Tasks.TextClassification;

/// <summary>
/// Everything <see cref="TextClassifier"/> needs: the labelled texts, how they become padded id sequences, the network and
/// its training, and the stratified split. <see cref="For"/> gives a recipe's settings; a program changes what its user
/// asked for with <c>with</c>.
/// </summary>
public sealed record ClassifyOptions
{
    /// <summary>Which corpus the texts come from.</summary>
    public TextCorpus Corpus { get; init; } = TextCorpus.SmsSpam;

    /// <summary>
    /// The corpus' file or folder: the SMS Spam Collection file, rt-polarity's folder (with <c>rt-polarity.pos</c> and
    /// <c>.neg</c>), NSMC's <c>ratings_*.txt</c>, the Sentiment Labelled Sentences folder, or the user's CSV/TSV.
    /// </summary>
    public required string DataPath { get; init; }

    /// <summary>For <see cref="TextCorpus.Csv"/>: the text column's header or 1-based number.</summary>
    public string? TextColumn { get; init; }

    /// <summary>For <see cref="TextCorpus.Csv"/>: the label column's header or 1-based number.</summary>
    public string? LabelColumn { get; init; }

    /// <summary>For <see cref="TextCorpus.Csv"/>: the file's encoding ("utf-8", "cp949", …); null detects UTF-8 or CP949.</summary>
    public string? Encoding { get; init; }

    /// <summary>The recipe these settings started from (recorded in the checkpoint and report).</summary>
    public TextRecipe Recipe { get; init; } = TextRecipe.Default;

    /// <summary>Tokens are words or characters.</summary>
    public TokenLevel Tokens { get; init; } = TokenLevel.Word;

    /// <summary>Lower-case the texts before tokenising.</summary>
    public bool Lowercase { get; init; } = true;

    /// <summary>Most ids in the vocabulary, <c>&lt;pad&gt;</c> and <c>&lt;unk&gt;</c> included (Keras' <c>num_words</c>); null keeps every training token.</summary>
    public int? VocabularySize { get; init; } = 20_000;

    /// <summary>Steps every text is padded or truncated to; null: the length that covers <see cref="LengthCoverage"/> of the training texts.</summary>
    public int? MaxLength { get; init; }

    /// <summary>With no <see cref="MaxLength"/>: the share of training texts that must fit whole (1 = the longest).</summary>
    public double LengthCoverage { get; init; } = 0.95;

    /// <summary>Where padding goes (Keras' default: before the text). The recurrent layers read the real steps either way.</summary>
    public SequenceSide Padding { get; init; } = SequenceSide.Pre;

    /// <summary>Which end of a long text is cut (Keras' default: the start, keeping the end).</summary>
    public SequenceSide Truncating { get; init; } = SequenceSide.Pre;

    /// <summary>The network.</summary>
    public TextModelKind Model { get; init; } = TextModelKind.BiLstm;

    /// <summary>Width of the token embedding.</summary>
    public int EmbeddingSize { get; init; } = 64;

    /// <summary>Recurrent units per direction, or the convolution's filters.</summary>
    public int Hidden { get; init; } = 64;

    /// <summary>Width of the convolution's window (CNN only).</summary>
    public int KernelSize { get; init; } = 5;

    /// <summary>Units of the dense layer after the pooling (CNN only).</summary>
    public int DenseUnits { get; init; } = 64;

    /// <summary>Dropout after the embedding and before the output layer, in [0, 1).</summary>
    public float Dropout { get; init; } = 0.3f;

    /// <summary>The optimizer: Adam (default) or RMSprop (Keras' default, the slides').</summary>
    public TextOptimizer Optimizer { get; init; } = TextOptimizer.Adam;

    /// <summary>Learning rate.</summary>
    public float LearningRate { get; init; } = 2e-3f;

    /// <summary>Most passes over the training texts.</summary>
    public int Epochs { get; init; } = 10;

    /// <summary>Texts per step.</summary>
    public int BatchSize { get; init; } = 64;

    /// <summary>Stop after this many epochs without a lower validation loss and keep the best epoch's weights; null trains every epoch.</summary>
    public int? Patience { get; init; } = 2;

    /// <summary>Weigh the classes inversely to their frequency in training (scikit-learn's "balanced").</summary>
    public bool BalanceClasses { get; init; }

    /// <summary>Share of all texts held out for the test, stratified.</summary>
    public double TestFraction { get; init; } = 0.1;

    /// <summary>Share of the rest held out for validation (early stopping, the curves), stratified.</summary>
    public double ValidationFraction { get; init; } = 0.1;

    /// <summary>Seed of the split, the initial weights, dropout and shuffling.</summary>
    public ulong Seed { get; init; } = 42;

    /// <summary>
    /// The settings of <paramref name="recipe"/> for <paramref name="corpus"/> read from <paramref name="dataPath"/>, with
    /// <paramref name="model"/> where the recipe lets the model be chosen.
    /// </summary>
    public static ClassifyOptions For(TextRecipe recipe, TextCorpus corpus, string dataPath, TextModelKind? model = null)
    {
        var defaults = new ClassifyOptions { Corpus = corpus, DataPath = dataPath, Recipe = recipe };
        if (corpus == TextCorpus.Nsmc) defaults = defaults with { TestFraction = 0.2, Tokens = TokenLevel.Char };
        switch (recipe)
        {
            case TextRecipe.Slides when model == TextModelKind.Cnn:
                return defaults with
                {
                    Model = TextModelKind.Cnn, VocabularySize = null, LengthCoverage = 1, EmbeddingSize = 32, Hidden = 32, KernelSize = 5,
                    DenseUnits = 64, Dropout = 0.2f, Optimizer = TextOptimizer.Adam, LearningRate = 1e-3f, Epochs = 10, BatchSize = 64,
                    Patience = 3, TestFraction = 0.2, ValidationFraction = 0.2,
                };
            case TextRecipe.Slides:
                return defaults with
                {
                    Model = model ?? TextModelKind.Rnn, VocabularySize = null, LengthCoverage = 1, EmbeddingSize = 32, Hidden = 32, Dropout = 0f,
                    Optimizer = TextOptimizer.RMSprop, LearningRate = 1e-3f, Epochs = 4, BatchSize = 64, Patience = null,
                    TestFraction = 0.2, ValidationFraction = 0.2,
                };
            case TextRecipe.SlidesChars:
                return defaults with
                {
                    Tokens = TokenLevel.Char, Model = TextModelKind.Rnn, VocabularySize = null, MaxLength = 10, Padding = SequenceSide.Post,
                    Truncating = SequenceSide.Post, EmbeddingSize = 5, Hidden = 8, Dropout = 0f, LearningRate = 0.01f, Epochs = 100, BatchSize = 4,
                    Patience = null, TestFraction = 0, ValidationFraction = 0,
                };
            case TextRecipe.Default when corpus == TextCorpus.Nsmc && model is null or TextModelKind.Cnn:
                // Korean reviews read as syllables: the CNN over three-syllable windows beat the BiLSTM (82.7 % against 81.6 %).
                return defaults with
                {
                    Model = TextModelKind.Cnn, EmbeddingSize = 64, Hidden = 256, KernelSize = 3, Dropout = 0.5f, LearningRate = 1e-3f, Epochs = 15,
                    Patience = 3,
                };
            default:
                return model is TextModelKind m ? defaults with { Model = m } : defaults;
        }
    }

    /// <summary>Throws a <see cref="ClassifySettingException"/> naming the first setting the recipe cannot use.</summary>
    public void Validate()
    {
        static void Require(bool ok, ClassifySetting setting, string requirement)
        {
            if (!ok) throw new ClassifySettingException(setting, requirement);
        }
        bool toy = Recipe == TextRecipe.SlidesChars;
        Require(toy || !string.IsNullOrWhiteSpace(DataPath), ClassifySetting.DataPath, "names no file.");
        Require(Corpus != TextCorpus.Csv || !string.IsNullOrWhiteSpace(TextColumn), ClassifySetting.TextColumn, "must name the column that holds the texts.");
        Require(Corpus != TextCorpus.Csv || !string.IsNullOrWhiteSpace(LabelColumn), ClassifySetting.LabelColumn, "must name the column that holds the labels.");
        Require(VocabularySize is null or >= 3, ClassifySetting.VocabularySize, $"must be at least 3 (<pad>, <unk> and one token), got {VocabularySize}.");
        Require(MaxLength is null or >= 1, ClassifySetting.MaxLength, $"must be at least 1, got {MaxLength}.");
        Require(LengthCoverage > 0 && LengthCoverage <= 1, ClassifySetting.MaxLength, $"coverage must be in (0, 1], got {LengthCoverage}.");
        Require(EmbeddingSize >= 1, ClassifySetting.EmbeddingSize, $"must be at least 1, got {EmbeddingSize}.");
        Require(Hidden >= 1, ClassifySetting.Hidden, $"must be at least 1, got {Hidden}.");
        Require(Model != TextModelKind.Cnn || (KernelSize >= 1 && DenseUnits >= 1), ClassifySetting.Hidden, "needs a kernel size and dense units of at least 1.");
        Require(Dropout >= 0 && Dropout < 1, ClassifySetting.Dropout, $"must be in [0, 1), got {Dropout}.");
        Require(Epochs >= 1, ClassifySetting.Epochs, $"must be at least 1, got {Epochs}.");
        Require(BatchSize >= 1, ClassifySetting.BatchSize, $"must be at least 1, got {BatchSize}.");
        Require(LearningRate > 0 && float.IsFinite(LearningRate), ClassifySetting.LearningRate, $"must be a positive number, got {LearningRate}.");
        Require(Patience is null or >= 0, ClassifySetting.Patience, $"must not be negative, got {Patience}.");
        Require(toy ? TestFraction == 0 : TestFraction > 0 && TestFraction < 1, ClassifySetting.TestFraction, $"must be between 0 and 1, got {TestFraction}.");
        Require(toy ? ValidationFraction == 0 : ValidationFraction >= 0 && ValidationFraction < 1, ClassifySetting.ValidationFraction,
            $"must be in [0, 1), got {ValidationFraction}.");
        Require(Patience is null || ValidationFraction > 0, ClassifySetting.Patience, "needs a validation split to watch (ValidationFraction > 0).");
    }
}
