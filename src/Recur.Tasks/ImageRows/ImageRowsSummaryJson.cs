using System.Text.Json.Nodes;

namespace Recur.Tasks.ImageRows;

/// <summary>An image run's accuracies, timings and settings as JSON (<c>images.json</c>, and <c>recur images --json</c>).</summary>
public static class ImageRowsSummaryJson
{
    /// <summary>The JSON document of <paramref name="r"/>; <paramref name="files"/> lists what was written, if anything.</summary>
    public static JsonObject Of(ImageRowsResult r, IReadOnlyList<string>? files = null)
    {
        ArgumentNullException.ThrowIfNull(r);
        var config = r.Config.ToJson();
        return new JsonObject
        {
            ["dataset"] = ImageRowsConfig.DatasetName(r.Options.Dataset),
            ["data_directory"] = r.Options.DataDirectory,
            ["train_images"] = r.TrainImages,
            ["test_images"] = r.Test.Count,
            ["split_from_test_set"] = r.SplitFromTestSet,
            ["model"] = config["model"]!.DeepClone(),
            ["training"] = config["training"]!.DeepClone(),
            ["parameters"] = r.Summary.TotalParameters,
            ["epochs"] = new JsonArray(r.Epochs.Select(e => (JsonNode?)new JsonObject
            {
                ["epoch"] = e.Epoch,
                ["loss"] = Finite(e.Loss),
                ["accuracy"] = Finite(e.Accuracy),
                ["test_loss"] = Finite(e.TestLoss),
                ["test_accuracy"] = Finite(e.TestAccuracy),
                ["learning_rate"] = e.LearningRate,
                ["seconds"] = e.Seconds,
                ["training_seconds"] = e.TrainingSeconds,
            }).ToArray()),
            ["test_accuracy"] = r.TestAccuracy,
            ["accuracy_per_class"] = new JsonObject(r.ClassNames.Zip(r.AccuracyPerClass, (name, accuracy) => KeyValuePair.Create(name, (JsonNode?)accuracy))),
            ["most_confused"] = new JsonArray(r.MostConfused(5).Select(p => (JsonNode?)new JsonObject
            {
                ["true"] = r.ClassNames[p.Actual], ["predicted"] = r.ClassNames[p.Predicted], ["count"] = p.Count,
            }).ToArray()),
            ["seconds_per_epoch"] = r.SecondsPerEpoch,
            ["training_seconds"] = r.TrainingTime.TotalSeconds,
            ["resumed_after_epoch"] = r.ResumedAfterEpoch,
            ["files"] = files is null ? null : new JsonArray(files.Select(f => (JsonNode?)f).ToArray()),
        };
    }

    // JSON numbers cannot hold NaN (a metric of an epoch that ran before metrics were recorded).
    private static double? Finite(double value) => double.IsFinite(value) ? value : null;
}
