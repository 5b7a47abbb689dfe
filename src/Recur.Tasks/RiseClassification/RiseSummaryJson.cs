using System.Text.Json.Nodes;

namespace Recur.Tasks.RiseClassification;

/// <summary>An up/down run's scores and settings as JSON (<c>updown.json</c>, and <c>recur updown --json</c>).</summary>
public static class RiseSummaryJson
{
    /// <summary>The JSON document of <paramref name="r"/>; <paramref name="files"/> lists what was written, if anything.</summary>
    public static JsonObject Of(RiseResult r, IReadOnlyList<string>? files = null)
    {
        var o = r.Options;
        var models = new JsonObject();
        foreach (var m in r.Models)
            models[m.Key] = new JsonObject { ["name"] = m.Name, ["test"] = Scores(m.Test), ["validation"] = Scores(m.Validation) };
        var (train, validation, test, purged) = r.Samples;
        var (trainRate, validationRate, testRate) = r.BaseRates;
        return new JsonObject
        {
            ["csv"] = o.CsvPath,
            ["rows"] = r.Series.RowCount,
            ["question"] = RiseReport.Question(o),
            ["price"] = o.Price,
            ["rise_percent"] = o.RisePercent,
            ["within"] = o.Within,
            ["window"] = o.Window,
            ["features"] = new JsonArray(r.Config.Features.Select(f => (JsonNode?)f).ToArray()),
            ["samples"] = new JsonObject { ["train"] = train, ["validation"] = validation, ["test"] = test, ["purged_per_boundary"] = purged },
            ["base_rate"] = new JsonObject { ["train"] = trainRate, ["validation"] = validationRate, ["test"] = testRate },
            ["test_rises"] = r.TestLabels.Sum(),
            ["pos_weight"] = r.PositiveWeight,
            ["weighting"] = o.Weighting.ToString().ToLowerInvariant(),
            ["threshold_rule"] = o.Threshold.ToString().ToLowerInvariant(),
            ["model"] = r.Config.ToJson()["model"]!.DeepClone(),
            ["parameters"] = r.Summary.TotalParameters,
            ["epochs"] = r.History.Epochs.Count,
            ["best_epoch"] = r.BestEpoch,
            ["training_seconds"] = r.TrainingTime.TotalSeconds,
            ["pr_auc"] = Number(r.Network.Test.PrAuc),
            ["baselines_pr_auc"] = new JsonObject
            {
                ["logistic"] = Number(r.Models.Single(m => m.Key == "logistic").Test.PrAuc),
                ["always_no"] = Number(r.Models.Single(m => m.Key == "always_no").Test.PrAuc),
            },
            ["network_above_baselines"] = r.NetworkAboveBaselines,
            ["against_logistic"] = Difference(r.AgainstLogistic),
            ["against_always_no"] = Difference(r.AgainstAlwaysNo),
            ["models"] = models,
            ["verdict"] = RiseReport.Verdict(r),
            ["files"] = files is null ? null : new JsonArray(files.Select(f => (JsonNode?)f).ToArray()),
        };
    }

    private static JsonObject Scores(RiseScores s) => new()
    {
        ["pr_auc"] = Number(s.PrAuc),
        ["roc_auc"] = Number(s.RocAuc),
        ["threshold"] = Number(s.Threshold),
        ["precision"] = s.Precision,
        ["recall"] = s.Recall,
        ["f1"] = s.F1,
        ["accuracy"] = s.Accuracy,
        ["confusion"] = new JsonObject { ["tp"] = s.Confusion[1, 1], ["fp"] = s.Confusion[0, 1], ["fn"] = s.Confusion[1, 0], ["tn"] = s.Confusion[0, 0] },
    };

    private static JsonObject? Difference(PrAucDifference? d) => d is null ? null : new JsonObject
    {
        ["difference"] = Number(d.Difference), ["low"] = Number(d.Low), ["high"] = Number(d.High),
        ["resamples"] = d.Resamples, ["block_days"] = d.BlockLength, ["beyond_chance"] = d.ClearlyAbove,
    };

    // JSON has no NaN or infinity: a score that cannot be measured (no rise day) or a threshold never reached is null.
    private static JsonNode? Number(double value) => double.IsFinite(value) ? value : null;
}
