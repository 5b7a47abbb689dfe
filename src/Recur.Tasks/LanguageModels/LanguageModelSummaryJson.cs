using System.Text.Json.Nodes;
using Recur.Tasks.TextClassification;

namespace Recur.Tasks.LanguageModels;

/// <summary>A language model's run as JSON (<c>lm.json</c>, and <c>recur lm --json</c>).</summary>
public static class LanguageModelSummaryJson
{
    /// <summary>The JSON document of <paramref name="r"/>; <paramref name="files"/> lists what was written, if anything.</summary>
    public static JsonObject Of(LanguageModelResult r, IReadOnlyList<string>? files = null)
    {
        ArgumentNullException.ThrowIfNull(r);
        var o = r.Options;
        return new JsonObject
        {
            ["corpus"] = o.Corpus.ToString(),
            ["source"] = r.Data.Source,
            ["recipe"] = o.Recipe.ToString(),
            ["level"] = o.Level == TokenLevel.Char ? "char" : "word",
            ["tokens"] = new JsonObject { ["train"] = r.Data.Train.Length, ["validation"] = r.Data.Validation.Length, ["test"] = r.Data.Test.Length },
            ["vocabulary"] = r.Data.Tokenization.Vocabulary.Count,
            ["model"] = r.Config.Architecture.ToJson(),
            ["parameters"] = r.ParameterCount,
            ["training"] = r.Config.Training.DeepClone(),
            ["epochs"] = new JsonArray(r.Epochs.Select(e => (JsonNode?)new JsonObject
            {
                ["epoch"] = e.Epoch,
                ["learning_rate"] = e.LearningRate,
                ["train_loss"] = e.TrainLoss,
                ["train_perplexity"] = e.TrainPerplexity,
                ["validation_loss"] = e.ValidationLoss,
                ["validation_perplexity"] = e.ValidationPerplexity,
                ["tokens_per_second"] = Finite(e.TokensPerSecond),
                ["training_seconds"] = Finite(e.TrainingSeconds),
                ["seconds"] = e.Seconds,
            }).ToArray()),
            ["resumed_after_epoch"] = r.ResumedAfterEpoch,
            ["validation_loss"] = r.ValidationLoss,
            ["validation_perplexity"] = r.ValidationPerplexity,
            ["test_loss"] = r.TestLoss,
            ["test_perplexity"] = r.TestPerplexity,
            ["tokens_per_second"] = Finite(r.TokensPerSecond),
            ["steps_per_epoch"] = r.StepsPerEpoch,
            ["milliseconds_per_step"] = r.MillisecondsPerStep,
            ["wall_seconds"] = r.WallTime.TotalSeconds,
            ["files"] = files is null ? null : new JsonArray(files.Select(f => (JsonNode?)f).ToArray()),
        };
    }

    private static double? Finite(double value) => double.IsFinite(value) ? value : null;
}
