using System.Text.Json.Nodes;

namespace Recur.Tasks.Forecasting;

/// <summary>A forecast run's scores and settings as JSON (<c>forecast.json</c>, and <c>recur forecast --json</c>).</summary>
public static class ForecastSummaryJson
{
    /// <summary>The JSON document of <paramref name="r"/>; <paramref name="files"/> lists what was written, if anything.</summary>
    public static JsonObject Of(ForecastResult r, IReadOnlyList<string>? files = null)
    {
        static JsonObject Scores(ForecastScores s) => new() { ["rmse"] = s.Rmse, ["mae"] = s.Mae, ["mape_percent"] = s.Mape };
        var epochs = r.History.Epochs;
        return new JsonObject
        {
            ["csv"] = r.Options.CsvPath,
            ["rows"] = r.Series.RowCount,
            ["target"] = r.Options.Target,
            ["features"] = new JsonArray(r.Options.Features.Select(f => (JsonNode?)f).ToArray()),
            ["window"] = r.Options.Window,
            ["horizon"] = r.Options.Horizon,
            ["model"] = r.Config.ToJson()["model"]!.DeepClone(),
            ["parameters"] = r.Summary.TotalParameters,
            ["train_windows"] = r.TrainWindows,
            ["validation_windows"] = r.ValidationWindows,
            ["test_windows"] = r.TestWindows,
            ["epochs"] = epochs.Count == 0 ? 0 : epochs[^1].Epoch,
            ["final_loss"] = epochs.Count == 0 ? null : epochs[^1].Loss,
            ["training_seconds"] = r.TrainingTime.TotalSeconds,
            ["network"] = Scores(r.Network),
            ["naive"] = Scores(r.Naive),
            ["ar"] = Scores(r.AutoRegressive),
            ["ar_order"] = r.AutoRegressiveOrder,
            ["beats_baselines"] = r.BeatsBaselines,
            ["files"] = files is null ? null : new JsonArray(files.Select(f => (JsonNode?)f).ToArray()),
        };
    }
}
