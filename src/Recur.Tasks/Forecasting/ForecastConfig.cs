using System.Text.Json.Nodes;
using Recur.Data.Prices;
using Recur.Data.Scaling;
using Recur.Data.Windows;
using Recur.Tasks.Recipes;

namespace Recur.Tasks.Forecasting;

/// <summary>
/// What a forecast checkpoint remembers to predict without the training data and to resume training: the options that
/// shape the data and the network, and the scalers fitted on the training span. Stored as the checkpoint's
/// <c>config</c> JSON object, in sections <c>data</c>, <c>model</c> and <c>training</c> (the settings a resumed run must
/// share), plus the scalers.
/// </summary>
/// <param name="Options">The run's options; <see cref="ForecastOptions.Epochs"/> and the other per-run settings are not stored.</param>
/// <param name="FeatureScaler">Scaler of the input columns, fitted on the training span.</param>
/// <param name="TargetScaler">Scaler of the target column, fitted on the training span.</param>
public sealed record ForecastConfig(ForecastOptions Options, Scaler FeatureScaler, Scaler TargetScaler)
{
    /// <summary>The <c>recipe</c> a forecast checkpoint's config names.</summary>
    public const string RecipeName = "forecast";

    /// <summary>
    /// The default forecaster chosen on the validation span after training, stored with the weights so that
    /// <c>predict</c> gives the same forecast; null before the choice (and in checkpoints written before there was one,
    /// which read as the network).
    /// </summary>
    public ForecastChoice? Choice { get; init; }

    /// <summary>A fresh network of this architecture, initialised from <paramref name="generator"/>.</summary>
    public ForecastNetwork CreateNetwork(Generator generator) =>
        new(Options.Model, Options.Features.Count, Options.Hidden, Options.Layers, Options.Bidirectional, Options.Dropout, Options.Horizon, generator);

    /// <summary>The parameters <see cref="CreateNetwork"/> would make, counted without making them.</summary>
    public long ParameterCount() =>
        ForecastNetwork.CountParameters(Options.Model, Options.Features.Count, Options.Hidden, Options.Layers, Options.Bidirectional, Options.Horizon);

    /// <summary>The JSON object stored in a checkpoint.</summary>
    public JsonObject ToJson()
    {
        var o = Options;
        return new JsonObject
        {
            ["recipe"] = RecipeName,
            ["source"] = o.CsvPath,
            ["data"] = DataSection(o),
            ["model"] = new JsonObject
            {
                ["kind"] = o.Model.ToString().ToLowerInvariant(),
                ["input_size"] = o.Features.Count,
                ["layers"] = o.Layers,
                ["hidden"] = o.Hidden,
                ["bidirectional"] = o.Bidirectional,
                ["dropout"] = o.Dropout,
                ["horizon"] = o.Horizon,
            },
            ["training"] = new JsonObject
            {
                ["seed"] = o.Seed, ["lr"] = o.LearningRate, ["batch"] = o.BatchSize, ["split"] = o.TrainFraction,
                ["validation"] = o.ValidationFraction,
            },
            ["feature_scaler"] = JsonNode.Parse(FeatureScaler.ToJson()),
            ["target_scaler"] = JsonNode.Parse(TargetScaler.ToJson()),
            ["default_forecaster"] = Choice?.ToJson(),
        };
    }

    private static JsonObject DataSection(ForecastOptions o)
    {
        var data = new JsonObject
        {
            ["features"] = Strings(o.Features),
            ["target"] = o.Target,
            ["window"] = o.Window,
            ["horizon"] = o.Horizon,
            ["target_at"] = o.TargetAt == TargetAlignment.NextStep ? "next" : "last",
            ["learn"] = o.Learn == ForecastLearning.Change ? "change" : "level",
        };
        PriceReadingConfig.Write(data, ForecastColumns.ReaderOptions(o));
        return data;
    }

    /// <summary>Reads a config written by <see cref="ToJson"/>; <paramref name="source"/> names the file in errors.</summary>
    /// <exception cref="InvalidDataException">Not a forecast config, or a field is missing or malformed.</exception>
    public static ForecastConfig FromJson(JsonObject json, string source)
    {
        try
        {
            if ((string?)json["recipe"] != RecipeName)
                throw new InvalidDataException($"{source}: not a forecast model (its recipe is '{json["recipe"]}').");
            var data = Object(json, "data", source);
            var model = Object(json, "model", source);
            var training = Object(json, "training", source);
            var reading = PriceReadingConfig.Read(data, source);
            var options = new ForecastOptions
            {
                CsvPath = (string?)json["source"] ?? "",
                Features = Required(data, "features", source).AsArray().Select(f => f!.GetValue<string>()).ToArray(),
                Target = Required(data, "target", source).GetValue<string>(),
                Window = Required(data, "window", source).GetValue<int>(),
                Horizon = Required(data, "horizon", source).GetValue<int>(),
                TargetAt = OneOf(data, "target_at", source, ("next", TargetAlignment.NextStep), ("last", TargetAlignment.LastStep)),
                Learn = OneOf(data, "learn", source, ("change", ForecastLearning.Change), ("level", ForecastLearning.Level)),
                Model = OneOf(model, "kind", source, ("lstm", RecurrentKind.Lstm), ("gru", RecurrentKind.Gru), ("rnn", RecurrentKind.Rnn)),
                Layers = Required(model, "layers", source).GetValue<int>(),
                Hidden = Required(model, "hidden", source).GetValue<int>(),
                Bidirectional = Required(model, "bidirectional", source).GetValue<bool>(),
                Dropout = Required(model, "dropout", source).GetValue<float>(),
                Seed = Required(training, "seed", source).GetValue<ulong>(),
                LearningRate = Required(training, "lr", source).GetValue<float>(),
                BatchSize = training["batch"]?.GetValue<int>(),
                TrainFraction = Required(training, "split", source).GetValue<double>(),
                ValidationFraction = Required(training, "validation", source).GetValue<double>(),
            }.WithReading(reading);
            return new ForecastConfig(options,
                Scaler.FromJson(Required(json, "feature_scaler", source).ToJsonString()),
                Scaler.FromJson(Required(json, "target_scaler", source).ToJsonString()))
            {
                Choice = json["default_forecaster"] is JsonObject choice ? ForecastChoice.FromJson(choice, source) : null,
            };
        }
        catch (Exception e) when (e is InvalidOperationException or FormatException or ArgumentException or System.Text.Json.JsonException
            or Recur.Data.DataFormatException)
        {
            throw new InvalidDataException($"{source}: the forecast configuration is malformed ({e.Message}).", e);
        }
    }

    private static JsonArray Strings(IEnumerable<string> values) => new(values.Select(v => (JsonNode?)JsonValue.Create(v)).ToArray());

    private static T OneOf<T>(JsonObject json, string key, string source, params (string Name, T Value)[] choices)
    {
        string name = Required(json, key, source).GetValue<string>();
        foreach (var (n, value) in choices)
            if (n == name) return value;
        throw new InvalidDataException($"{source}: unknown {key.Replace('_', ' ')} '{name}'.");
    }

    private static JsonObject Object(JsonObject json, string key, string source) =>
        json[key] as JsonObject ?? throw new InvalidDataException($"{source}: the configuration has no '{key}' object.");

    private static JsonNode Required(JsonObject json, string key, string source) =>
        json[key] ?? throw new InvalidDataException($"{source}: the configuration has no '{key}'.");
}
