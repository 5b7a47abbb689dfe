using System.Globalization;
using System.Text.Json.Nodes;

namespace Recur.Training;

/// <summary>
/// The epochs of a <see cref="History"/> as the JSON a checkpoint keeps them in:
/// <c>[{"epoch", "loss", "validation_loss", "learning_rate", "seconds", "metrics": {name: value}, "validation_metrics": {…}}]</c>.
/// Metric values that are not finite are written as the strings "NaN", "Infinity" and "-Infinity", which JSON numbers
/// cannot hold; checkpoints written before metrics existed have neither object and read back with none.
/// </summary>
internal static class HistoryJson
{
    public static JsonArray Write(History history)
    {
        var records = new JsonArray();
        foreach (var e in history.Epochs)
        {
            var record = new JsonObject
            {
                ["epoch"] = e.Epoch, ["loss"] = e.Loss, ["validation_loss"] = e.ValidationLoss,
                ["learning_rate"] = e.LearningRate, ["seconds"] = e.Duration.TotalSeconds,
            };
            if (e.Metrics.Count > 0) record["metrics"] = WriteValues(e.Metrics);
            if (e.ValidationMetrics.Count > 0) record["validation_metrics"] = WriteValues(e.ValidationMetrics);
            records.Add(record);
        }
        return records;
    }

    /// <summary>Adds the records of <paramref name="records"/> to <paramref name="history"/>; a missing field throws (the caller names the checkpoint).</summary>
    public static void Read(JsonArray records, History history)
    {
        foreach (var e in records)
            history.Add(new EpochRecord(e!["epoch"]!.GetValue<int>(), e["loss"]!.GetValue<double>(), e["validation_loss"]?.GetValue<double>(),
                e["learning_rate"]!.GetValue<float>(), TimeSpan.FromSeconds(e["seconds"]!.GetValue<double>()))
            {
                Metrics = ReadValues(e["metrics"]),
                ValidationMetrics = ReadValues(e["validation_metrics"]),
            });
    }

    private static JsonObject WriteValues(IReadOnlyDictionary<string, double> values)
    {
        var json = new JsonObject();
        foreach (var (name, value) in values)
            json[name] = double.IsFinite(value) ? JsonValue.Create(value) : JsonValue.Create(value.ToString(CultureInfo.InvariantCulture));
        return json;
    }

    private static Dictionary<string, double> ReadValues(JsonNode? json)
    {
        var values = new Dictionary<string, double>();
        if (json is null) return values;
        foreach (var (name, value) in json.AsObject())
            values[name] = value!.GetValueKind() == System.Text.Json.JsonValueKind.String
                ? double.Parse(value.GetValue<string>(), NumberStyles.Float, CultureInfo.InvariantCulture)
                : value.GetValue<double>();
        return values;
    }
}
