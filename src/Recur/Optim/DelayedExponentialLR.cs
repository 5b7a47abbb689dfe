namespace Recur.Optim;

/// <summary>
/// Keeps the rate for the first <c>constantEpochs</c> epochs, then multiplies it by <c>gamma</c> after every epoch:
/// epoch e (1-based) trains with η = η₀ · γ^max(0, e − constantEpochs). This is Zaremba et al.'s schedule for Penn
/// Treebank (small: η₀ = 1, 4 epochs, γ = 0.5; medium: 6 epochs, γ = 0.8), PyTorch's <c>ExponentialLR</c> started late.
/// </summary>
public sealed class DelayedExponentialLR : LearningRateSchedule
{
    private readonly int _constantEpochs;
    private readonly float _gamma;

    /// <summary>Creates the schedule.</summary>
    public DelayedExponentialLR(Optimizer optimizer, int constantEpochs, float gamma) : base(optimizer)
    {
        if (constantEpochs < 0)
            throw new ArgumentOutOfRangeException(nameof(constantEpochs), constantEpochs, "DelayedExponentialLR: constantEpochs must not be negative.");
        if (!(gamma > 0f && gamma <= 1f))
            throw new ArgumentOutOfRangeException(nameof(gamma), gamma, "DelayedExponentialLR: gamma must be in (0, 1].");
        _constantEpochs = constantEpochs;
        _gamma = gamma;
        // With no constant epochs the first epoch already trains at η₀ · γ, as in Zaremba et al.'s loop.
        Optimizer.LearningRate = Rate(1);
    }

    /// <inheritdoc/>
    public override void Step(double? validationLoss = null)
    {
        Epoch++;
        Optimizer.LearningRate = Rate(Epoch + 1);
    }

    private float Rate(int epoch) => (float)(BaseLearningRate * Math.Pow(_gamma, Math.Max(0, epoch - _constantEpochs)));
}
