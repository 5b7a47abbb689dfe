namespace Recur.Training;

/// <summary>How <see cref="TruncatedBpttTrainer{TModel}.Fit"/> trains.</summary>
public sealed record TruncatedBpttOptions
{
    /// <summary>Passes over the training chunks.</summary>
    public int Epochs { get; init; } = 10;

    /// <summary>When set, gradients are clipped to this joint 2-norm before each step.</summary>
    public float? ClipGradNorm { get; init; }

    /// <summary>
    /// Backpropagate the chunk's loss summed over its time steps (and averaged over its streams), T times the mean per
    /// target, as Zaremba et al.'s code does: their learning rate 1 and clipping at 5 mean what they say only with this.
    /// The reported losses stay means per target either way.
    /// </summary>
    public bool SumOverSteps { get; init; }

    internal void Validate()
    {
        if (Epochs <= 0) throw new ArgumentOutOfRangeException(nameof(Epochs), Epochs, "Epochs must be positive.");
        if (ClipGradNorm is float c && !(c > 0)) throw new ArgumentOutOfRangeException(nameof(ClipGradNorm), c, "ClipGradNorm must be positive.");
    }
}
