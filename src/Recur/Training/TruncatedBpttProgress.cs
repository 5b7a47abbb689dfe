namespace Recur.Training;

/// <summary>Progress of <see cref="TruncatedBpttTrainer{TModel}"/>, raised after every optimizer step.</summary>
/// <param name="Epoch">1-based epoch.</param>
/// <param name="Epochs">Epochs in the run.</param>
/// <param name="Step">1-based chunk within the epoch.</param>
/// <param name="Steps">Chunks per epoch.</param>
/// <param name="Loss">This chunk's mean loss per target.</param>
/// <param name="RunningLoss">The epoch's mean loss per target so far.</param>
/// <param name="Targets">Targets trained on this epoch so far.</param>
/// <param name="EpochElapsed">Time since the epoch started.</param>
/// <param name="Remaining">Estimated time to the end of the run's training steps (evaluations not included).</param>
public readonly record struct TruncatedBpttProgress(int Epoch, int Epochs, int Step, int Steps, double Loss, double RunningLoss, long Targets,
    TimeSpan EpochElapsed, TimeSpan Remaining)
{
    /// <summary>Targets (tokens, for a language model) trained on per second this epoch.</summary>
    public double TargetsPerSecond => Targets / Math.Max(EpochElapsed.TotalSeconds, 1e-9);
}
