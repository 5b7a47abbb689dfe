using Recur.Tasks.TextClassification;

namespace Recur.Tasks.LanguageModels;

/// <summary>
/// Everything <see cref="LanguageModelTrainer"/> needs: the text and how it becomes tokens, the network, truncated
/// backpropagation's window and streams, and the optimizer with its schedule. <see cref="For"/> gives a recipe's settings;
/// a program changes what its user asked for with <c>with</c>.
/// </summary>
public sealed record LanguageModelOptions
{
    /// <summary>Where the text comes from.</summary>
    public LanguageModelCorpus Corpus { get; init; } = LanguageModelCorpus.Ptb;

    /// <summary>Penn Treebank's folder (with <c>ptb.train.txt</c>, <c>ptb.valid.txt</c>, <c>ptb.test.txt</c>), or the text file.</summary>
    public required string DataPath { get; init; }

    /// <summary>Tokens are words (a line break ends a sentence: <c>&lt;eos&gt;</c>) or characters.</summary>
    public TokenLevel Level { get; init; } = TokenLevel.Word;

    /// <summary>The recipe these settings started from (recorded in the checkpoint and report).</summary>
    public LanguageModelRecipe Recipe { get; init; } = LanguageModelRecipe.ZarembaSmall;

    /// <summary>The recurrent layer.</summary>
    public RecurrentKind Model { get; init; } = RecurrentKind.Lstm;

    /// <summary>Stacked recurrent layers.</summary>
    public int Layers { get; init; } = 2;

    /// <summary>Hidden units per layer.</summary>
    public int Hidden { get; init; } = 200;

    /// <summary>Width of the token embedding; null: <see cref="Hidden"/> (which weight tying needs).</summary>
    public int? EmbeddingSize { get; init; }

    /// <summary>Steps per chunk of truncated backpropagation through time (T).</summary>
    public int Bptt { get; init; } = 20;

    /// <summary>Parallel streams the training text is cut into (B).</summary>
    public int BatchSize { get; init; } = 20;

    /// <summary>Dropout on every non-recurrent connection (after the embedding, between layers, before the output layer), in [0, 1).</summary>
    public float Dropout { get; init; }

    /// <summary>Share one matrix between the embedding and the output layer (Press and Wolf, 2017).</summary>
    public bool TieWeights { get; init; }

    /// <summary>
    /// Every weight, biases included, starts uniform in ±this (Zaremba et al.); null keeps each layer's PyTorch default
    /// (embedding N(0, 1); recurrent and output weights and biases U(±1/√H)), which the char recipe trains with.
    /// </summary>
    public float? InitScale { get; init; } = 0.1f;

    /// <summary>The optimizer.</summary>
    public LanguageModelOptimizer Optimizer { get; init; } = LanguageModelOptimizer.Sgd;

    /// <summary>Learning rate (of the first epoch).</summary>
    public float LearningRate { get; init; } = 1f;

    /// <summary>
    /// Multiply the rate by <see cref="DecayFactor"/> after every epoch from this one on (Zaremba's schedule: epoch e
    /// trains at η·f^max(0, e − k)); null for no such decay.
    /// </summary>
    public int? DecayAfterEpoch { get; init; } = 4;

    /// <summary>Instead, multiply the rate by <see cref="DecayFactor"/> whenever the validation loss does not improve (PyTorch's example: ÷4).</summary>
    public bool DecayOnPlateau { get; init; }

    /// <summary>The factor of either decay, in (0, 1).</summary>
    public float DecayFactor { get; init; } = 0.5f;

    /// <summary>Clip the gradients to this joint norm; null for none.</summary>
    public float? ClipNorm { get; init; } = 5f;

    /// <summary>Backpropagate the loss summed over a chunk's steps (Zaremba's scaling, which their learning rate assumes).</summary>
    public bool SumOverSteps { get; init; } = true;

    /// <summary>Passes over the training text.</summary>
    public int Epochs { get; init; } = 13;

    /// <summary>Most ids in the vocabulary, <c>&lt;pad&gt;</c> and <c>&lt;unk&gt;</c> included; null keeps every training token.</summary>
    public int? VocabularySize { get; init; }

    /// <summary>For a single text: the share after the training part held out for validation.</summary>
    public double ValidationFraction { get; init; } = 0.1;

    /// <summary>For a single text: the share at its end held out for the test (0: no test part).</summary>
    public double TestFraction { get; init; } = 0.1;

    /// <summary>Tokens sampled at each of the three temperatures of <c>samples.md</c>.</summary>
    public int SampleTokens { get; init; } = 60;

    /// <summary>Seed of the initial weights, dropout and the samples.</summary>
    public ulong Seed { get; init; }

    /// <summary>The width of the embedding: <see cref="EmbeddingSize"/>, else <see cref="Hidden"/>.</summary>
    public int EmbeddingWidth => EmbeddingSize ?? Hidden;

    /// <summary>The settings of <paramref name="recipe"/> for <paramref name="corpus"/> read from <paramref name="dataPath"/>.</summary>
    public static LanguageModelOptions For(LanguageModelRecipe recipe, LanguageModelCorpus corpus, string dataPath)
    {
        var small = new LanguageModelOptions { Corpus = corpus, DataPath = dataPath, Recipe = recipe };
        // tiny-shakespeare's split is 90/10, as the PyTorch figure the char recipe is measured against.
        if (corpus == LanguageModelCorpus.Shakespeare) small = small with { TestFraction = 0 };
        return recipe switch
        {
            LanguageModelRecipe.ZarembaMedium => small with
            {
                Hidden = 650, Bptt = 35, Dropout = 0.5f, InitScale = 0.05f, DecayAfterEpoch = 6, DecayFactor = 1 / 1.2f, Epochs = 39,
            },
            LanguageModelRecipe.CharSmall => small with
            {
                Level = TokenLevel.Char, Hidden = 128, Bptt = 50, BatchSize = 50, Optimizer = LanguageModelOptimizer.Adam, LearningRate = 2e-3f,
                DecayAfterEpoch = null, SumOverSteps = false, Epochs = 10, SampleTokens = 400,
                // PyTorch's default initialisation, as the PyTorch figure this recipe is measured against: with every weight
                // in ±0.1 the embedding's vectors start ~17× shorter than N(0, 1)'s, and Adam's steps of ~2e-3 spend the
                // first epochs making up for it (docs/language-models.md has both runs).
                InitScale = null,
            },
            _ => small,
        };
    }

    /// <summary>Throws a <see cref="LanguageModelSettingException"/> naming the first setting the recipe cannot use.</summary>
    public void Validate()
    {
        static void Require(bool ok, LanguageModelSetting setting, string requirement)
        {
            if (!ok) throw new LanguageModelSettingException(setting, requirement);
        }
        Require(!string.IsNullOrWhiteSpace(DataPath), LanguageModelSetting.DataPath, "names no file or folder.");
        Require(Layers >= 1, LanguageModelSetting.Layers, $"must be at least 1, got {Layers}.");
        Require(Hidden is >= 1 and <= 8192, LanguageModelSetting.Hidden, $"must be between 1 and 8192, got {Hidden}.");
        Require(EmbeddingSize is null or (>= 1 and <= 8192), LanguageModelSetting.EmbeddingSize, $"must be between 1 and 8192, got {EmbeddingSize}.");
        Require(Bptt is >= 1 and <= 100_000, LanguageModelSetting.Bptt, $"must be between 1 and 100000, got {Bptt}.");
        Require(BatchSize is >= 1 and <= 100_000, LanguageModelSetting.BatchSize, $"must be between 1 and 100000, got {BatchSize}.");
        Require(Dropout >= 0f && Dropout < 1f, LanguageModelSetting.Dropout, $"must be in [0, 1), got {Dropout}.");
        Require(!TieWeights || EmbeddingWidth == Hidden, LanguageModelSetting.TieWeights,
            $"needs the embedding as wide as the hidden state (embedding {EmbeddingWidth}, hidden {Hidden}): the output layer reads the hidden state with the embedding's matrix.");
        Require(InitScale is null or (> 0f and < float.PositiveInfinity), LanguageModelSetting.InitScale, $"must be a positive number, got {InitScale}.");
        Require(LearningRate > 0f && float.IsFinite(LearningRate), LanguageModelSetting.LearningRate, $"must be a positive number, got {LearningRate}.");
        Require(DecayAfterEpoch is null or >= 0, LanguageModelSetting.DecayAfterEpoch, $"must not be negative, got {DecayAfterEpoch}.");
        Require(!(DecayOnPlateau && DecayAfterEpoch is not null), LanguageModelSetting.DecayAfterEpoch,
            "and decay on plateau are two schedules; choose one.");
        Require(DecayFactor > 0f && DecayFactor < 1f, LanguageModelSetting.DecayFactor, $"must be in (0, 1), got {DecayFactor}.");
        Require(ClipNorm is null or > 0f, LanguageModelSetting.ClipNorm, $"must be a positive number, got {ClipNorm}.");
        Require(Epochs >= 1, LanguageModelSetting.Epochs, $"must be at least 1, got {Epochs}.");
        Require(VocabularySize is null or >= 3, LanguageModelSetting.VocabularySize,
            $"must be at least 3 (<pad>, <unk> and one token), got {VocabularySize}.");
        bool single = Corpus != LanguageModelCorpus.Ptb;
        Require(!single || ValidationFraction > 0 && ValidationFraction < 1, LanguageModelSetting.ValidationFraction,
            $"must be between 0 and 1, got {ValidationFraction}.");
        Require(!single || TestFraction >= 0 && TestFraction < 1 && ValidationFraction + TestFraction < 1, LanguageModelSetting.TestFraction,
            $"must be in [0, 1) and leave text to train on beside the validation share, got {TestFraction}.");
        Require(SampleTokens is >= 0 and <= 100_000, LanguageModelSetting.SampleTokens, $"must be between 0 and 100000, got {SampleTokens}.");
    }
}
