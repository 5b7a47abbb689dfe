using System.Text.Json.Nodes;

namespace Recur.Tasks.Forecasting;

/// <summary>A walk-forward backtest as JSON (<c>backtest.json</c>, and <c>recur forecast --backtest K --json</c>).</summary>
public static class BacktestSummaryJson
{
    /// <summary>The JSON document of <paramref name="r"/>; <paramref name="files"/> lists what was written, if anything.</summary>
    public static JsonObject Of(BacktestResult r, IReadOnlyList<string>? files = null)
    {
        var forecasters = r.Forecasters;
        var folds = new JsonArray();
        foreach (var fold in r.Folds)
        {
            var scores = new JsonObject();
            foreach (var f in forecasters) scores[f.Key] = ForecastSummaryJson.Scores(fold.Scores(f));
            folds.Add(new JsonObject
            {
                ["fold"] = fold.Number,
                ["train_start"] = fold.TrainStart,
                ["train_windows"] = fold.TrainCount,
                ["validation_windows"] = fold.ValidationWindows,
                ["first_test_row"] = fold.Points[0].Row + 1,
                ["last_test_row"] = fold.Points[^1].Row + 1,
                ["first_test_date"] = fold.Points[0].Date?.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture),
                ["test_windows"] = fold.Points.Count,
                ["default"] = fold.Choice.Name,
                ["default_weight"] = fold.Choice.Weight,
                ["arima_order"] = new JsonArray(fold.Arima.P, fold.Arima.D, fold.Arima.Q),
                ["training_seconds"] = fold.TrainingTime.TotalSeconds,
                ["scores"] = scores,
            });
        }
        var summary = new JsonObject();
        foreach (var f in forecasters)
        {
            var (rmse, mae, mape) = r.Summary(f);
            summary[f.Key] = new JsonObject
            {
                ["rmse"] = Spread(rmse), ["mae"] = Spread(mae), ["mape_percent"] = Spread(mape),
            };
        }
        return new JsonObject
        {
            ["csv"] = r.Options.CsvPath,
            ["rows"] = r.Series.RowCount,
            ["target"] = r.Options.Target,
            ["scheme"] = r.Backtest.Scheme.ToString().ToLowerInvariant(),
            ["folds"] = folds,
            ["summary"] = summary,
            ["verdict"] = ForecastSummaryJson.Verdict(r.Verdict),
            ["default_verdict"] = ForecastSummaryJson.Verdict(r.DefaultVerdict),
            ["default_theil_u"] = r.TheilU,
            ["files"] = files is null ? null : new JsonArray(files.Select(f => (JsonNode?)f).ToArray()),
        };
    }

    private static JsonObject Spread(MeanAndSpread s) => new() { ["mean"] = s.Mean, ["sd"] = s.StandardDeviation };
}
