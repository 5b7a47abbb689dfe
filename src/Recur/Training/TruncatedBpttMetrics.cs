namespace Recur.Training;

/// <summary>The names under which <see cref="TruncatedBpttTrainer{TModel}"/> records an epoch's throughput in <see cref="EpochRecord.Metrics"/>.</summary>
public static class TruncatedBpttMetrics
{
    /// <summary>Targets (tokens) trained on per second of the epoch's training steps.</summary>
    public const string TargetsPerSecond = "targets_per_second";

    /// <summary>Seconds of the epoch's training steps, validation not included.</summary>
    public const string TrainingSeconds = "training_seconds";
}
