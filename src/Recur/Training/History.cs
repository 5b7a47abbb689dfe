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

/// <summary>The per-epoch record of a training run (Keras' <c>History</c>).</summary>
public sealed class History
{
    private readonly List<EpochRecord> _epochs = [];

    /// <summary>The epochs in order.</summary>
    public IReadOnlyList<EpochRecord> Epochs => _epochs;

    /// <summary>Why training stopped early (early stopping), or null when it ran every epoch.</summary>
    public string? StoppedEarly { get; internal set; }

    /// <summary>The epoch whose weights the model holds at the end when early stopping restored the best ones.</summary>
    public int? RestoredEpoch { get; internal set; }

    internal void Add(EpochRecord record) => _epochs.Add(record);
}

/// <summary>Progress of a training run, raised after every optimizer step.</summary>
/// <param name="Epoch">1-based epoch.</param>
/// <param name="Epochs">Epochs in the run.</param>
/// <param name="Step">1-based step within the epoch.</param>
/// <param name="Steps">Steps per epoch.</param>
/// <param name="Loss">This step's loss.</param>
/// <param name="Elapsed">Time since the run started.</param>
/// <param name="Remaining">Estimated time to the end of the run.</param>
public readonly record struct TrainingProgress(int Epoch, int Epochs, int Step, int Steps, double Loss, TimeSpan Elapsed, TimeSpan Remaining);

/// <summary>Thrown when the loss becomes NaN or infinite; names the epoch and step.</summary>
public sealed class TrainingDivergedException(string message) : Exception(message);
