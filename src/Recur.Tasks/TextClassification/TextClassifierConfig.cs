using System.Text.Json.Nodes;

namespace Recur.Tasks.TextClassification;

/// <summary>
/// The checkpoint's <c>config</c> for a text classifier: what it classifies (the class names), how a text becomes ids
/// (tokenizer, vocabulary, length, padding) and the network — everything <see cref="TextClassifierPredictor"/> needs to
/// classify new texts without the training data — plus the training settings a resumed run must share.
/// </summary>
public sealed class TextClassifierConfig
{
    /// <summary>The <c>recipe</c> value that marks a text classifier's checkpoint.</summary>
    public const string RecipeName = "classify";

    /// <summary>Creates the configuration.</summary>
    public TextClassifierConfig(IReadOnlyList<string> classNames, TextTokenization tokenization, TextNetworkConfig network, JsonObject training)
    {
        ClassNames = classNames.ToArray();
        Tokenization = tokenization;
        Network = network;
        Training = training;
    }

    /// <summary>The class names, by id.</summary>
    public IReadOnlyList<string> ClassNames { get; }

    /// <summary>How texts become ids.</summary>
    public TextTokenization Tokenization { get; }

    /// <summary>The network's architecture.</summary>
    public TextNetworkConfig Network { get; }

    /// <summary>The training and split settings (recorded for resume and the report; not needed to predict).</summary>
    public JsonObject Training { get; }

    /// <summary>The settings of a run of <paramref name="options"/> on <paramref name="data"/>.</summary>
    public static TextClassifierConfig Of(ClassifyOptions options, ClassifyData data) => new(
        data.ClassNames, data.Tokenization, TextNetworkConfig.From(options, data.Tokenization, data.ClassNames.Count), new JsonObject
        {
            ["recipe"] = options.Recipe.ToString(),
            ["corpus"] = options.Corpus.ToString(),
            ["optimizer"] = options.Optimizer.ToString(),
            ["learning_rate"] = options.LearningRate,
            ["batch_size"] = options.BatchSize,
            ["patience"] = options.Patience,
            ["balance_classes"] = options.BalanceClasses,
            ["test_fraction"] = options.TestFraction,
            ["validation_fraction"] = options.ValidationFraction,
            ["seed"] = options.Seed,
            ["train_texts"] = data.Train.Count,
            ["validation_texts"] = data.Validation.Count,
            ["test_texts"] = data.Test.Count,
        });

    /// <summary>The configuration as the checkpoint stores it.</summary>
    public JsonObject ToJson() => new()
    {
        ["recipe"] = RecipeName,
        ["classes"] = new JsonArray(ClassNames.Select(c => (JsonNode?)JsonValue.Create(c)).ToArray()),
        ["tokenization"] = Tokenization.ToJson(),
        ["model"] = Network.ToJson(),
        ["training"] = Training.DeepClone(),
    };

    /// <summary>Reads a checkpoint's configuration; <paramref name="source"/> names the file in errors.</summary>
    /// <exception cref="InvalidDataException">It is not a text classifier's, or a part is missing or malformed.</exception>
    public static TextClassifierConfig FromJson(JsonObject json, string source)
    {
        ArgumentNullException.ThrowIfNull(json);
        string? recipe = json["recipe"] is JsonValue v && v.TryGetValue(out string? r) ? r : null;
        if (recipe != RecipeName)
            throw new InvalidDataException($"{source} is a checkpoint of recur {recipe ?? "(unknown)"}, not of recur {RecipeName}.");
        if (json["classes"] is not JsonArray classes || classes.Count < 2 || json["tokenization"] is not JsonObject tokenization
            || json["model"] is not JsonObject model || json["training"] is not JsonObject training)
            throw new InvalidDataException($"{source}: the classifier's configuration is incomplete (classes, tokenization, model and training are needed).");
        string[] names;
        try
        {
            names = classes.Select(c => c!.GetValue<string>()).ToArray();
        }
        catch (Exception e) when (e is NullReferenceException or InvalidOperationException or FormatException)
        {
            throw new InvalidDataException($"{source}: the class names are malformed ({e.Message}).", e);
        }
        var network = TextNetworkConfig.FromJson(model, source);
        if (network.Outputs != (names.Length == 2 ? 1 : names.Length))
            throw new InvalidDataException($"{source}: the model has {network.Outputs} output(s) for {names.Length} classes.");
        var tokens = TextTokenization.FromJson(tokenization, source);
        if (tokens.Vocabulary.Count != network.VocabularySize || tokens.MaxLength != network.InputLength)
            throw new InvalidDataException($"{source}: the vocabulary ({tokens.Vocabulary.Count} ids, length {tokens.MaxLength}) does not fit the model's embedding ({network.VocabularySize} ids, length {network.InputLength}).");
        return new TextClassifierConfig(names, tokens, network, (JsonObject)training.DeepClone());
    }
}
