namespace Recur.Training;

/// <summary>
/// Stops training when the monitored loss (validation loss when there is validation data, else training loss) has
/// not improved by at least <see cref="MinDelta"/> for <see cref="Patience"/> epochs; optionally puts back the best
/// epoch's weights (Keras' <c>EarlyStopping(restore_best_weights=True)</c>).
/// </summary>
public sealed class EarlyStopping(int patience = 5, double minDelta = 0, bool restoreBest = true)
{
    /// <summary>Epochs without improvement tolerated.</summary>
    public int Patience { get; } = patience >= 0 ? patience : throw new ArgumentOutOfRangeException(nameof(patience), patience, "Patience must not be negative.");

    /// <summary>Smallest decrease that counts as an improvement.</summary>
    public double MinDelta { get; } = minDelta;

    /// <summary>Restore the best epoch's weights when stopping (and at the end of the run).</summary>
    public bool RestoreBest { get; } = restoreBest;

    internal double Best { get; private set; } = double.PositiveInfinity;
    internal int BestEpoch { get; private set; }
    internal Dictionary<string, float[]>? BestWeights { get; private set; }
    private int _wait;

    /// <summary>Records an epoch; returns true when training should stop.</summary>
    internal bool Observe(int epoch, double monitored, Nn.Module model)
    {
        if (monitored < Best - MinDelta)
        {
            Best = monitored;
            BestEpoch = epoch;
            _wait = 0;
            if (RestoreBest) BestWeights = model.NamedParameters().ToDictionary(p => p.Name, p => p.Parameter.ToArray());
            return false;
        }
        return ++_wait > Patience;
    }
}
