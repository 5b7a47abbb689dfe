using System.Text.Json.Nodes;

namespace Recur.Tasks.TextClassification;

/// <summary>A classify run's figures and settings as JSON (<c>classify.json</c>, and <c>recur classify --json</c>).</summary>
public static class ClassifySummaryJson
{
    /// <summary>The JSON document of <paramref name="r"/>; <paramref name="files"/> lists what was written, if anything.</summary>
    public static JsonObject Of(ClassifyResult r, IReadOnlyList<string>? files = null)
    {
        var names = r.Data.ClassNames;
        JsonObject Scores(ClassifierScores s)
        {
            var perClass = new JsonObject();
            for (int k = 0; k < names.Count; k++)
                perClass[names[k]] = new JsonObject
                {
                    ["precision"] = s.Confusion.Precision(k),
                    ["recall"] = s.Confusion.Recall(k),
                    ["f1"] = s.Confusion.F1(k),
                };
            return new JsonObject
            {
                ["accuracy"] = s.Accuracy,
                ["macro_f1"] = s.MacroF1,
                ["roc_auc"] = s.RocAuc,
                ["average_precision"] = s.AveragePrecision,
                ["per_class"] = perClass,
            };
        }
        var epochs = r.History.Epochs;
        var test = r.AgainstBestBaseline;
        return new JsonObject
        {
            ["corpus"] = r.Options.Corpus.ToString(),
            ["source"] = r.Data.All.Source ?? r.Options.DataPath,
            ["recipe"] = r.Options.Recipe.ToString(),
            ["classes"] = new JsonArray(names.Select(n => (JsonNode?)n).ToArray()),
            ["texts"] = new JsonObject { ["train"] = r.Data.Train.Count, ["validation"] = r.Data.Validation.Count, ["test"] = r.Data.Test.Count },
            ["seed"] = r.Options.Seed,
            ["tokenization"] = new JsonObject
            {
                ["tokens"] = r.Data.Tokenization.Level == TokenLevel.Char ? "char" : "word",
                ["vocabulary"] = r.Data.Tokenization.Vocabulary.Count,
                ["max_length"] = r.Data.Tokenization.MaxLength,
            },
            ["model"] = r.Config.Network.ToJson(),
            ["parameters"] = r.Summary.TotalParameters,
            ["epochs"] = epochs.Count == 0 ? 0 : epochs[^1].Epoch,
            ["restored_epoch"] = r.History.RestoredEpoch,
            ["seconds_per_epoch"] = r.SecondsPerEpoch,
            ["training_seconds"] = r.TrainingTime.TotalSeconds,
            ["network"] = Scores(r.Network),
            ["baselines"] = new JsonArray(r.Baselines.Select(b => (JsonNode?)new JsonObject { ["name"] = b.Name, ["scores"] = Scores(b.Scores) }).ToArray()),
            ["best_baseline"] = r.BestBaseline?.Name,
            ["beats_best_baseline"] = r.BestBaseline is null ? null : r.BeatsBestBaseline,
            ["mcnemar_p"] = test?.PValue,
            ["verdict"] = ClassifyReport.Verdict(r),
            ["files"] = files is null ? null : new JsonArray(files.Select(f => (JsonNode?)f).ToArray()),
        };
    }
}
