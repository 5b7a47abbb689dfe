namespace Recur.Training;

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
