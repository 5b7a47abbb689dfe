namespace Recur.Training;

/// <summary>What one epoch measured.</summary>
/// <param name="Epoch">1-based epoch number.</param>
/// <param name="Loss">Mean training loss over the epoch's samples.</param>
/// <param name="ValidationLoss">Mean validation loss after the epoch, or null without validation data.</param>
/// <param name="LearningRate">The learning rate the epoch trained with.</param>
/// <param name="Duration">Wall time of the epoch, validation included.</param>
public sealed record EpochRecord(int Epoch, double Loss, double? ValidationLoss, float LearningRate, TimeSpan Duration)
{
    private static readonly IReadOnlyDictionary<string, double> None = new Dictionary<string, double>();

    /// <summary>
    /// Each of the trainer's metrics over the epoch's training batches by name (as Keras reports them: measured on each
    /// batch's outputs as it was trained, in training mode, accumulated over the epoch); empty without metrics.
    /// </summary>
    public IReadOnlyDictionary<string, double> Metrics { get; init; } = None;

    /// <summary>Each metric on the validation data after the epoch (Keras' <c>val_</c> names without the prefix); empty without validation data or metrics.</summary>
    public IReadOnlyDictionary<string, double> ValidationMetrics { get; init; } = None;
}
