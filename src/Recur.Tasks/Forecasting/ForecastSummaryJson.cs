using System.Text.Json.Nodes;

namespace Recur.Tasks.Forecasting;

/// <summary>A forecast run's scores and settings as JSON (<c>forecast.json</c>, and <c>recur forecast --json</c>).</summary>
public static class ForecastSummaryJson
{
    /// <summary>The JSON document of <paramref name="r"/>; <paramref name="files"/> lists what was written, if anything.</summary>
    public static JsonObject Of(ForecastResult r, IReadOnlyList<string>? files = null)
    {
        var epochs = r.History.Epochs;
        var json = new JsonObject
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
        };
        foreach (var f in r.Forecasters.Where(f => f.Key != "default"))
            json[f.Key] = Scores(ForecastScores.Of(r.Test, f));
        json["ar_order"] = r.AutoRegressiveOrder;
        json["arima_order"] = new JsonArray(r.Arima.Best.P, r.Arima.Best.D, r.Arima.Best.Q);
        json["default"] = Default(r.Choice, r.Default, r.TheilU);
        json["verdict"] = Verdict(r.Verdict);
        json["beats_baselines"] = r.BeatsBaselines;
        json["files"] = files is null ? null : new JsonArray(files.Select(f => (JsonNode?)f).ToArray());
        return json;
    }

    /// <summary>RMSE, MAE and MAPE as an object.</summary>
    public static JsonObject Scores(ForecastScores s) => new() { ["rmse"] = s.Rmse, ["mae"] = s.Mae, ["mape_percent"] = s.Mape };

    /// <summary>The default forecaster: what was chosen, why, and its test scores.</summary>
    public static JsonObject Default(ForecastChoice c, ForecastScores test, double theilU)
    {
        var json = Scores(test);
        json["chosen"] = c.Name;
        json["weight"] = c.Weight;
        json["theil_u"] = theilU;
        json["reason"] = c.Reason;
        json["validation"] = c.ValidationWindows == 0 ? null : new JsonObject
        {
            ["windows"] = c.ValidationWindows,
            ["persistence_rmse"] = c.PersistenceRmse,
            ["network_rmse"] = c.NetworkRmse,
            ["combination_rmse"] = c.CombinationRmse,
            ["fitted_weight"] = c.FittedWeight,
            ["p_value"] = c.Test?.PValue,
        };
        return json;
    }

    /// <summary>A Diebold–Mariano verdict as an object.</summary>
    public static JsonObject Verdict(ForecastVerdict v) => new()
    {
        ["against"] = v.BaselineKey,
        ["against_name"] = v.Baseline,
        ["result"] = v.Result,
        ["dm_statistic"] = double.IsFinite(v.Test.Statistic) ? v.Test.Statistic : null,
        ["p_value"] = v.Test.PValue,
        ["mean_loss_difference"] = v.Test.MeanDifference,
        ["hac_lag"] = v.Test.Lag,
    };
}
