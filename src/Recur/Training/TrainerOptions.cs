namespace Recur.Training;

/// <summary>How <see cref="Trainer.Fit"/> trains.</summary>
public sealed record TrainerOptions
{
    /// <summary>Passes over the training data.</summary>
    public int Epochs { get; init; } = 10;

    /// <summary>Samples per optimizer step.</summary>
    public int BatchSize { get; init; } = 32;

    /// <summary>Shuffle the training samples each epoch (seeded by <see cref="Seed"/>).</summary>
    public bool Shuffle { get; init; } = true;

    /// <summary>Seed of the shuffling generator; the same seed reproduces a run, whatever <see cref="Kernels.KernelThreads.Max"/>.</summary>
    public ulong Seed { get; init; }

    /// <summary>Fraction of the training samples, taken from the end before any shuffling, held out for validation (Keras' <c>validation_split</c>).</summary>
    public double ValidationSplit { get; init; }

    /// <summary>When set, gradients are clipped to this joint 2-norm before each step.</summary>
    public float? ClipGradNorm { get; init; }

    /// <summary>Drop the last batch of an epoch when it is smaller than <see cref="BatchSize"/>.</summary>
    public bool DropLast { get; init; }

    internal void Validate()
    {
        if (Epochs <= 0) throw new ArgumentOutOfRangeException(nameof(Epochs), Epochs, "Epochs must be positive.");
        if (BatchSize <= 0) throw new ArgumentOutOfRangeException(nameof(BatchSize), BatchSize, "BatchSize must be positive.");
        if (!(ValidationSplit >= 0 && ValidationSplit < 1))
            throw new ArgumentOutOfRangeException(nameof(ValidationSplit), ValidationSplit, "ValidationSplit must be in [0, 1).");
        if (ClipGradNorm is float c && !(c > 0)) throw new ArgumentOutOfRangeException(nameof(ClipGradNorm), c, "ClipGradNorm must be positive.");
    }
}
