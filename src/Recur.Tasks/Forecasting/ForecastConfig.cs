using System.Text.Json.Nodes;
using static Recur.Tasks.ConfigJson;
using Recur.Data.Prices;
using Recur.Data.Scaling;
using Recur.Data.Windows;

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
    private const string RecipeName = "forecast";
    private const string OrderKey = "order_without_dates";
    private const string LegacyOrderKey = "newest_first_without_dates";

    /// <summary>A fresh network of this architecture, initialised from <paramref name="generator"/>.</summary>
    public ForecastNetwork CreateNetwork(Generator generator) =>
        new(Options.Model, Options.Features.Count, Options.Hidden, Options.Layers, Options.Bidirectional, Options.Dropout, Options.Horizon, generator);

    /// <summary>The JSON object stored in a checkpoint.</summary>
    public JsonObject ToJson()
    {
        var o = Options;
        return new JsonObject
        {
            ["recipe"] = RecipeName,
            ["source"] = o.CsvPath,
            ["data"] = new JsonObject
            {
                ["features"] = Strings(o.Features),
                ["target"] = o.Target,
                ["window"] = o.Window,
                ["horizon"] = o.Horizon,
                ["target_at"] = o.TargetAt == TargetAlignment.NextStep ? "next" : "last",
                ["learn"] = o.Learn == ForecastLearning.Change ? "change" : "level",
                [OrderKey] = DatelessRowOrderNames.Of(o.DatelessOrder),
                ["encoding"] = o.Encoding,
                ["date_column"] = o.DateColumn,
                ["column_names"] = o.ColumnNames is null ? null : Strings(o.ColumnNames),
                ["missing"] = o.Missing.ToString(),
            },
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
        };
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
            var options = new ForecastOptions
            {
                CsvPath = (string?)json["source"] ?? "",
                Features = StringList(data, "features", source),
                Target = Required(data, "target", source).GetValue<string>(),
                Window = Required(data, "window", source).GetValue<int>(),
                Horizon = Required(data, "horizon", source).GetValue<int>(),
                TargetAt = Choice(data, "target_at", source, ("next", TargetAlignment.NextStep), ("last", TargetAlignment.LastStep)),
                Learn = Choice(data, "learn", source, ("change", ForecastLearning.Change), ("level", ForecastLearning.Level)),
                DatelessOrder = DatelessOrder(data, source),
                Encoding = (string?)data["encoding"],
                DateColumn = (string?)data["date_column"],
                ColumnNames = (data["column_names"] as JsonArray)?.Select(f => f!.GetValue<string>()).ToArray(),
                Missing = data["missing"] is null ? MissingValuePolicy.Error
                    : Choice(data, "missing", source, Enum.GetValues<MissingValuePolicy>().Select(p => (p.ToString(), p)).ToArray()),
                Model = Kind(model, "kind", source),
                Layers = Required(model, "layers", source).GetValue<int>(),
                Hidden = Required(model, "hidden", source).GetValue<int>(),
                Bidirectional = Required(model, "bidirectional", source).GetValue<bool>(),
                Dropout = Required(model, "dropout", source).GetValue<float>(),
                Seed = Required(training, "seed", source).GetValue<ulong>(),
                LearningRate = Required(training, "lr", source).GetValue<float>(),
                BatchSize = training["batch"]?.GetValue<int>(),
                TrainFraction = Required(training, "split", source).GetValue<double>(),
                ValidationFraction = Required(training, "validation", source).GetValue<double>(),
            };
            return new ForecastConfig(options,
                Scaler.FromJson(Required(json, "feature_scaler", source).ToJsonString()),
                Scaler.FromJson(Required(json, "target_scaler", source).ToJsonString()));
        }
        catch (Exception e) when (e is InvalidOperationException or FormatException or ArgumentException or System.Text.Json.JsonException
            or Data.DataFormatException)
        {
            throw new InvalidDataException($"{source}: the forecast configuration is malformed ({e.Message}).", e);
        }
    }

    // Checkpoints before the order was a choice of three stored a bool: true reversed the rows (newest first); false kept
    // them in file order, a guess rather than a statement, so it reads as unspecified and a file without dates then needs
    // an order again.
    private static DatelessRowOrder DatelessOrder(JsonObject data, string source)
    {
        if (!data.ContainsKey(OrderKey))
            return data[LegacyOrderKey]?.GetValue<bool>() == true ? DatelessRowOrder.NewestFirst : DatelessRowOrder.Unspecified;
        if (data[OrderKey] is null) return DatelessRowOrder.Unspecified;
        string name = data[OrderKey]!.GetValue<string>();
        return DatelessRowOrderNames.TryParse(name, out var order) ? order
            : throw new InvalidDataException($"{source}: unknown order without dates '{name}'.");
    }
}
