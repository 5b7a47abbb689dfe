using System.Text.Json.Nodes;
using Recur.Data.Scaling;
using Recur.Tasks.Forecasting;
using Recur.Tasks.Recipes;

namespace Recur.Tasks.RiseClassification;

/// <summary>
/// What an up/down checkpoint remembers to predict without the training data: the options that shape the data and the
/// network, the scaler fitted on the training days, each feature's training range, and the decision threshold chosen on
/// validation. Stored as the checkpoint's <c>config</c>.
/// </summary>
/// <param name="Options">The run's options (the per-run settings such as epochs are stored for the record only).</param>
/// <param name="Features">The features, in the network's input order.</param>
/// <param name="Scaler">The features' standard scaler, fitted on the training days.</param>
/// <param name="Range">Each feature's training range.</param>
/// <param name="Threshold">The network's decision threshold on its probability.</param>
public sealed record RiseConfig(RiseOptions Options, IReadOnlyList<string> Features, Scaler Scaler, TrainingRange Range, double Threshold)
{
    /// <summary>The <c>recipe</c> an up/down checkpoint's config names.</summary>
    public const string RecipeName = "updown";

    /// <summary>A fresh network of this architecture (one logit out), initialised from <paramref name="generator"/>.</summary>
    public ForecastNetwork CreateNetwork(Generator generator) =>
        new(Options.Model, Features.Count, Options.Hidden, Options.Layers, bidirectional: false, Options.Dropout, horizon: 1, generator);

    /// <summary>The parameters <see cref="CreateNetwork"/> would make, counted without making them.</summary>
    public long ParameterCount() =>
        ForecastNetwork.CountParameters(Options.Model, Features.Count, Options.Hidden, Options.Layers, bidirectional: false, horizon: 1);

    /// <summary>The JSON object stored in a checkpoint.</summary>
    public JsonObject ToJson()
    {
        var o = Options;
        var data = new JsonObject
        {
            ["price"] = o.Price,
            ["volume"] = o.Volume,
            ["features"] = new JsonArray(Features.Select(f => (JsonNode?)f).ToArray()),
            ["rise_percent"] = o.RisePercent,
            ["within"] = o.Within,
            ["window"] = o.Window,
        };
        PriceReadingConfig.Write(data, o.Reading);
        return new JsonObject
        {
            ["recipe"] = RecipeName,
            ["source"] = o.CsvPath,
            ["data"] = data,
            ["model"] = new JsonObject
            {
                ["kind"] = o.Model.ToString().ToLowerInvariant(), ["input_size"] = Features.Count, ["layers"] = o.Layers,
                ["hidden"] = o.Hidden, ["dropout"] = o.Dropout, ["outputs"] = "logit of P(rise)",
            },
            ["training"] = new JsonObject
            {
                ["seed"] = o.Seed, ["lr"] = o.LearningRate, ["batch"] = o.BatchSize, ["epochs"] = o.Epochs, ["patience"] = o.Patience,
                ["split"] = o.TrainFraction, ["validation"] = o.ValidationFraction,
                ["weighting"] = o.Weighting.ToString().ToLowerInvariant(), ["threshold_rule"] = o.Threshold.ToString().ToLowerInvariant(),
            },
            ["scaler"] = JsonNode.Parse(Scaler.ToJson()),
            ["training_range"] = new JsonObject
            {
                ["min"] = new JsonArray(Range.Min.Select(v => (JsonNode?)v).ToArray()),
                ["max"] = new JsonArray(Range.Max.Select(v => (JsonNode?)v).ToArray()),
            },
            ["threshold"] = Threshold,
        };
    }

    /// <summary>Reads a config written by <see cref="ToJson"/>; <paramref name="source"/> names the file in errors.</summary>
    /// <exception cref="InvalidDataException">Not an up/down config, or a field is missing or malformed.</exception>
    public static RiseConfig FromJson(JsonObject json, string source)
    {
        try
        {
            if ((string?)json["recipe"] != RecipeName)
                throw new InvalidDataException($"{source}: not an up/down model (its recipe is '{json["recipe"]}').");
            var data = json["data"] as JsonObject ?? throw new InvalidDataException($"{source}: the configuration has no 'data' object.");
            var model = json["model"] as JsonObject ?? throw new InvalidDataException($"{source}: the configuration has no 'model' object.");
            var features = Array(data, "features", source).Select(f => f!.GetValue<string>()).ToArray();
            string kind = Required(model, "kind", source).GetValue<string>();
            var options = new RiseOptions
            {
                CsvPath = (string?)json["source"] ?? "",
                Reading = PriceReadingConfig.Read(data, source),
                Price = Required(data, "price", source).GetValue<string>(),
                Volume = Required(data, "volume", source).GetValue<string>(),
                Features = features,
                RisePercent = Required(data, "rise_percent", source).GetValue<double>(),
                Within = Required(data, "within", source).GetValue<int>(),
                Window = Required(data, "window", source).GetValue<int>(),
                Model = Enum.TryParse<RecurrentKind>(kind, ignoreCase: true, out var k) && Enum.IsDefined(k) ? k
                    : throw new InvalidDataException($"{source}: unknown recurrent layer '{kind}'."),
                Layers = Required(model, "layers", source).GetValue<int>(),
                Hidden = Required(model, "hidden", source).GetValue<int>(),
                Dropout = Required(model, "dropout", source).GetValue<float>(),
            };
            var range = json["training_range"] as JsonObject ?? throw new InvalidDataException($"{source}: the configuration has no 'training_range'.");
            return new RiseConfig(options, features, Scaler.FromJson(Required(json, "scaler", source).ToJsonString()),
                new TrainingRange(features, Doubles(range, "min", source), Doubles(range, "max", source)), Required(json, "threshold", source).GetValue<double>());
        }
        catch (Exception e) when (e is InvalidOperationException or FormatException or ArgumentException or System.Text.Json.JsonException or Recur.Data.DataFormatException)
        {
            throw new InvalidDataException($"{source}: the up/down configuration is malformed ({e.Message}).", e);
        }
    }

    private static JsonNode Required(JsonObject json, string key, string source) =>
        json[key] ?? throw new InvalidDataException($"{source}: the configuration has no '{key}'.");

    private static JsonArray Array(JsonObject json, string key, string source) =>
        json[key] as JsonArray ?? throw new InvalidDataException($"{source}: the configuration has no '{key}' list.");

    private static double[] Doubles(JsonObject json, string key, string source) => Array(json, key, source).Select(v => v!.GetValue<double>()).ToArray();
}
