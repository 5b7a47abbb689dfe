using System.Text.Json.Nodes;
using Recur.Data.Prices;
using Recur.Data.Scaling;
using Recur.Data.Windows;

namespace Recur.Tasks.Forecasting;

/// <summary>
/// What a forecast checkpoint must remember to predict without the training data and to resume training: the columns
/// and windowing, the network's architecture, the training settings and the fitted scalers. Stored as the
/// checkpoint's <c>config</c> JSON object.
/// </summary>
public sealed class ForecastConfig
{
    private const string RecipeName = "forecast";

    /// <summary>Input columns, in order.</summary>
    public required IReadOnlyList<string> Features { get; init; }

    /// <summary>The forecast column.</summary>
    public required string Target { get; init; }

    /// <summary>Time steps per window.</summary>
    public required int Window { get; init; }

    /// <summary>Values forecast per window.</summary>
    public required int Horizon { get; init; }

    /// <summary>Where the target sits relative to the window.</summary>
    public required TargetAlignment TargetAt { get; init; }

    /// <summary>What the network outputs.</summary>
    public required ForecastLearning Learn { get; init; }

    /// <summary>Whether a file without dates is read newest first.</summary>
    public required bool NewestFirstWithoutDates { get; init; }

    /// <summary>The column names given for a file without a header row, or null.</summary>
    public IReadOnlyList<string>? ColumnNames { get; init; }

    /// <summary>The date column named by the user, or null.</summary>
    public string? DateColumn { get; init; }

    /// <summary>The empty-cell policy the training file was read with.</summary>
    public MissingValuePolicy Missing { get; init; }

    /// <summary>The encoding the training file was read with, if named.</summary>
    public string? Encoding { get; init; }

    /// <summary>The recurrent layer.</summary>
    public required RecurrentKind Model { get; init; }

    /// <summary>Stacked layers.</summary>
    public required int Layers { get; init; }

    /// <summary>Hidden units.</summary>
    public required int Hidden { get; init; }

    /// <summary>Bidirectional layers.</summary>
    public required bool Bidirectional { get; init; }

    /// <summary>Inter-layer dropout.</summary>
    public required float Dropout { get; init; }

    /// <summary>Scaler of the input columns, fitted on the training span.</summary>
    public required Scaler FeatureScaler { get; init; }

    /// <summary>Scaler of the target column, fitted on the training span.</summary>
    public required Scaler TargetScaler { get; init; }

    /// <summary>Training settings that must not change on resume (seed, learning rate, batch, split).</summary>
    public JsonObject Training { get; init; } = [];

    /// <summary>A fresh network of this architecture, initialised from <paramref name="generator"/>.</summary>
    public ForecastNetwork CreateNetwork(Generator generator) =>
        new(Model, Features.Count, Hidden, Layers, Bidirectional, Dropout, Horizon, generator);

    /// <summary>The JSON object stored in a checkpoint.</summary>
    public JsonObject ToJson() => new()
    {
        ["recipe"] = RecipeName,
        ["data"] = new JsonObject
        {
            ["features"] = new JsonArray(Features.Select(f => (JsonNode?)JsonValue.Create(f)).ToArray()),
            ["target"] = Target,
            ["window"] = Window,
            ["horizon"] = Horizon,
            ["target_at"] = TargetAt == TargetAlignment.NextStep ? "next" : "last",
            ["learn"] = Learn == ForecastLearning.Change ? "change" : "level",
            ["newest_first_without_dates"] = NewestFirstWithoutDates,
            ["encoding"] = Encoding,
            ["column_names"] = ColumnNames is null ? null : new JsonArray(ColumnNames.Select(f => (JsonNode?)JsonValue.Create(f)).ToArray()),
            ["missing"] = Missing.ToString(),
            ["date_column"] = DateColumn,
        },
        ["model"] = new JsonObject
        {
            ["kind"] = Model.ToString().ToLowerInvariant(),
            ["input_size"] = Features.Count,
            ["layers"] = Layers,
            ["hidden"] = Hidden,
            ["bidirectional"] = Bidirectional,
            ["dropout"] = Dropout,
            ["horizon"] = Horizon,
        },
        ["training"] = Training.DeepClone(),
        ["feature_scaler"] = JsonNode.Parse(FeatureScaler.ToJson()),
        ["target_scaler"] = JsonNode.Parse(TargetScaler.ToJson()),
    };

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
            return new ForecastConfig
            {
                Features = Required(data, "features", source).AsArray().Select(f => f!.GetValue<string>()).ToArray(),
                Target = Required(data, "target", source).GetValue<string>(),
                Window = Required(data, "window", source).GetValue<int>(),
                Horizon = Required(data, "horizon", source).GetValue<int>(),
                TargetAt = Required(data, "target_at", source).GetValue<string>() switch
                {
                    "next" => TargetAlignment.NextStep,
                    "last" => TargetAlignment.LastStep,
                    var other => throw new InvalidDataException($"{source}: unknown target_at '{other}'."),
                },
                Learn = Required(data, "learn", source).GetValue<string>() switch
                {
                    "change" => ForecastLearning.Change,
                    "level" => ForecastLearning.Level,
                    var other => throw new InvalidDataException($"{source}: unknown learn '{other}'."),
                },
                NewestFirstWithoutDates = Required(data, "newest_first_without_dates", source).GetValue<bool>(),
                Encoding = (string?)data["encoding"],
                DateColumn = (string?)data["date_column"],
                ColumnNames = (data["column_names"] as JsonArray)?.Select(f => f!.GetValue<string>()).ToArray(),
                Missing = data["missing"] is JsonNode missing
                    ? Enum.TryParse<MissingValuePolicy>(missing.GetValue<string>(), out var policy) ? policy
                        : throw new InvalidDataException($"{source}: unknown missing-value policy '{missing}'.")
                    : MissingValuePolicy.Error,
                Model = Required(model, "kind", source).GetValue<string>() switch
                {
                    "lstm" => RecurrentKind.Lstm,
                    "gru" => RecurrentKind.Gru,
                    "rnn" => RecurrentKind.Rnn,
                    var other => throw new InvalidDataException($"{source}: unknown model kind '{other}'."),
                },
                Layers = Required(model, "layers", source).GetValue<int>(),
                Hidden = Required(model, "hidden", source).GetValue<int>(),
                Bidirectional = Required(model, "bidirectional", source).GetValue<bool>(),
                Dropout = Required(model, "dropout", source).GetValue<float>(),
                Training = json["training"] as JsonObject is { } training ? (JsonObject)training.DeepClone() : [],
                FeatureScaler = Scaler.FromJson(Required(json, "feature_scaler", source).ToJsonString()),
                TargetScaler = Scaler.FromJson(Required(json, "target_scaler", source).ToJsonString()),
            };
        }
        catch (Exception e) when (e is InvalidOperationException or FormatException or ArgumentException or System.Text.Json.JsonException)
        {
            throw new InvalidDataException($"{source}: the forecast configuration is malformed ({e.Message}).", e);
        }
    }

    private static JsonObject Object(JsonObject json, string key, string source) =>
        json[key] as JsonObject ?? throw new InvalidDataException($"{source}: the configuration has no '{key}' object.");

    private static JsonNode Required(JsonObject json, string key, string source) =>
        json[key] ?? throw new InvalidDataException($"{source}: the configuration has no '{key}'.");
}
