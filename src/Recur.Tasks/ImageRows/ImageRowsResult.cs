using Recur.Data.Images;
using Recur.Training;

namespace Recur.Tasks.ImageRows;

/// <summary>What an image run produced: the data it saw, the per-epoch record, and the test images' predictions and scores.</summary>
public sealed record ImageRowsResult
{
    /// <summary>The options of the run.</summary>
    public ImageRowsOptions Options => Config.Options;

    /// <summary>The options, image size, class names and normalisation, as saved in the checkpoint.</summary>
    public required ImageRowsConfig Config { get; init; }

    /// <summary>The network's layers, output shapes and parameter counts (Keras' table).</summary>
    public required ModelSummary Summary { get; init; }

    /// <summary>Notes about the data: a folder without a training split, a quick run on part of the images.</summary>
    public required IReadOnlyList<string> DataNotes { get; init; }

    /// <summary>True when the training and test images are two parts of the folder's test split.</summary>
    public required bool SplitFromTestSet { get; init; }

    /// <summary>Images trained on.</summary>
    public required int TrainImages { get; init; }

    /// <summary>The test images with their labels.</summary>
    public required LabelledImages Test { get; init; }

    /// <summary>Per epoch: training loss and accuracy, test loss and accuracy, time.</summary>
    public required IReadOnlyList<ImageEpoch> Epochs { get; init; }

    /// <summary>The training loss of every optimizer step of this run, in order (for the curves).</summary>
    public required IReadOnlyList<double> StepLosses { get; init; }

    /// <summary>Optimizer steps per epoch.</summary>
    public required int StepsPerEpoch { get; init; }

    /// <summary>The epoch training resumed after, or null for a fresh run.</summary>
    public int? ResumedAfterEpoch { get; init; }

    /// <summary>The predicted class of every test image, in test order.</summary>
    public required int[] Predicted { get; init; }

    /// <summary>The probability the network gives its predicted class, per test image.</summary>
    public required float[] Confidence { get; init; }

    /// <summary>Actual (rows) against predicted (columns) classes of the test images.</summary>
    public required ConfusionMatrix Confusion { get; init; }

    /// <summary>Wall-clock time of the training call (all epochs of this run, test evaluations included).</summary>
    public required TimeSpan TrainingTime { get; init; }

    /// <summary>The class names by label.</summary>
    public IReadOnlyList<string> ClassNames => Config.ClassNames;

    /// <summary>Accuracy on the test images after the last epoch.</summary>
    public double TestAccuracy => Confusion.Accuracy;

    /// <summary>The fraction of each class's test images classified right (the recall of each class).</summary>
    public double[] AccuracyPerClass => Enumerable.Range(0, Confusion.Classes).Select(Confusion.Recall).ToArray();

    /// <summary>
    /// Mean wall time of the training steps of the epochs run now, without the test evaluations; null when every epoch ran
    /// before a resume.
    /// </summary>
    public double? SecondsPerEpoch
    {
        get
        {
            var timed = Epochs.Where(e => e.TrainingSeconds is not null).Select(e => e.TrainingSeconds!.Value).ToArray();
            return timed.Length == 0 ? null : timed.Average();
        }
    }

    /// <summary>The pairs of distinct classes mixed up most often, most first (ties by class), at most <paramref name="count"/>; pairs never confused are left out.</summary>
    public IReadOnlyList<ConfusedPair> MostConfused(int count)
    {
        var pairs = new List<ConfusedPair>();
        for (int a = 0; a < Confusion.Classes; a++)
        {
            long total = 0;
            for (int p = 0; p < Confusion.Classes; p++) total += Confusion[a, p];
            for (int p = 0; p < Confusion.Classes; p++)
                if (p != a && Confusion[a, p] > 0)
                    pairs.Add(new ConfusedPair(a, p, Confusion[a, p], (double)Confusion[a, p] / total));
        }
        return pairs.OrderByDescending(q => q.Count).ThenBy(q => q.Actual).ThenBy(q => q.Predicted).Take(count).ToArray();
    }
}
