using System.Text.Json.Nodes;

namespace Recur.Tasks.LanguageModels;

/// <summary>
/// The checkpoint's <c>config</c> for a language model: how text becomes tokens (the vocabulary included) and the
/// architecture — everything <see cref="LanguageModelSampler"/> needs to write text without the training data — plus the
/// training settings a resumed run must share.
/// </summary>
public sealed class LanguageModelConfig
{
    /// <summary>The <c>recipe</c> value that marks a language model's checkpoint.</summary>
    public const string RecipeName = "lm";

    /// <summary>Creates the configuration.</summary>
    public LanguageModelConfig(LanguageModelTokenization tokenization, LanguageModelArchitecture architecture, float? initScale, JsonObject training)
    {
        Tokenization = tokenization ?? throw new ArgumentNullException(nameof(tokenization));
        Architecture = architecture ?? throw new ArgumentNullException(nameof(architecture));
        InitScale = initScale;
        Training = training ?? throw new ArgumentNullException(nameof(training));
    }

    /// <summary>How text becomes ids.</summary>
    public LanguageModelTokenization Tokenization { get; }

    /// <summary>The network's architecture.</summary>
    public LanguageModelArchitecture Architecture { get; }

    /// <summary>The range of the initial weights (what a fresh network of this architecture starts from); null: PyTorch's defaults.</summary>
    public float? InitScale { get; }

    /// <summary>The data and training settings (recorded for resume and the report; not needed to sample).</summary>
    public JsonObject Training { get; }

    /// <summary>The settings of a run of <paramref name="options"/> on <paramref name="data"/>.</summary>
    public static LanguageModelConfig Of(LanguageModelOptions options, LanguageModelData data)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(data);
        return new LanguageModelConfig(data.Tokenization, LanguageModelArchitecture.From(options, data.Tokenization.Vocabulary.Count), options.InitScale,
            new JsonObject
            {
                ["recipe"] = options.Recipe.ToString(),
                ["corpus"] = options.Corpus.ToString(),
                ["bptt"] = options.Bptt,
                ["batch_size"] = options.BatchSize,
                ["init_scale"] = options.InitScale,
                ["optimizer"] = options.Optimizer.ToString(),
                ["learning_rate"] = options.LearningRate,
                ["decay_after_epoch"] = options.DecayAfterEpoch,
                ["decay_on_plateau"] = options.DecayOnPlateau,
                ["decay_factor"] = options.DecayFactor,
                ["clip_norm"] = options.ClipNorm,
                ["sum_over_steps"] = options.SumOverSteps,
                ["seed"] = options.Seed,
                ["validation_fraction"] = options.Corpus == LanguageModelCorpus.Ptb ? null : options.ValidationFraction,
                ["test_fraction"] = options.Corpus == LanguageModelCorpus.Ptb ? null : options.TestFraction,
                ["train_tokens"] = data.Train.Length,
                ["validation_tokens"] = data.Validation.Length,
                ["test_tokens"] = data.Test.Length,
            });
    }

    /// <summary>A fresh network of this architecture, weights drawn from <paramref name="generator"/>.</summary>
    public LanguageModelNetwork CreateNetwork(Generator generator) => new(Architecture, InitScale, generator);

    /// <summary>The configuration as the checkpoint stores it.</summary>
    public JsonObject ToJson() => new()
    {
        ["recipe"] = RecipeName,
        ["tokenization"] = Tokenization.ToJson(),
        ["model"] = Architecture.ToJson(),
        ["init_scale"] = InitScale,
        ["training"] = Training.DeepClone(),
    };

    /// <summary>Reads a checkpoint's configuration; <paramref name="source"/> names the file in errors.</summary>
    /// <exception cref="InvalidDataException">It is not a language model's, or a part is missing or malformed.</exception>
    public static LanguageModelConfig FromJson(JsonObject json, string source)
    {
        ArgumentNullException.ThrowIfNull(json);
        string? recipe = json["recipe"] is JsonValue v && v.TryGetValue(out string? r) ? r : null;
        if (recipe != RecipeName)
            throw new InvalidDataException($"{source} is a checkpoint of recur {recipe ?? "(unknown)"}, not of recur {RecipeName}.");
        var tokenization = LanguageModelTokenization.FromJson(ConfigJson.Object(json, "tokenization", source), source);
        var architecture = LanguageModelArchitecture.FromJson(ConfigJson.Object(json, "model", source), source);
        if (tokenization.Vocabulary.Count != architecture.VocabularySize)
            throw new InvalidDataException($"{source}: the vocabulary has {tokenization.Vocabulary.Count} ids but the model {architecture.VocabularySize}.");
        // null (PyTorch's default initialisation) is a value here, so the key must be present but may hold null.
        if (!json.TryGetPropertyValue("init_scale", out var scaleNode))
            throw new InvalidDataException($"{source}: init_scale is missing.");
        float? initScale;
        try
        {
            initScale = scaleNode?.GetValue<float>();
        }
        catch (Exception e) when (e is InvalidOperationException or FormatException)
        {
            throw new InvalidDataException($"{source}: init_scale is malformed ({e.Message}).", e);
        }
        if (initScale is not null and not (> 0f and < float.PositiveInfinity))
            throw new InvalidDataException($"{source}: init_scale must be a positive number or null, got {initScale}.");
        return new LanguageModelConfig(tokenization, architecture, initScale, (JsonObject)ConfigJson.Object(json, "training", source).DeepClone());
    }
}
