namespace Recur.Optim;

/// <summary>Multiplies the rate by <c>gamma</c> every <c>stepSize</c> epochs: η = η₀ · γ^⌊epoch / stepSize⌋.</summary>
public sealed class StepLR : LearningRateSchedule
{
    private readonly int _stepSize;
    private readonly float _gamma;

    /// <summary>Creates the schedule.</summary>
    public StepLR(Optimizer optimizer, int stepSize, float gamma = 0.1f) : base(optimizer)
    {
        if (stepSize <= 0) throw new ArgumentOutOfRangeException(nameof(stepSize), stepSize, "StepLR: stepSize must be positive.");
        _stepSize = stepSize;
        _gamma = gamma;
    }

    /// <inheritdoc/>
    public override void Step(double? validationLoss = null)
    {
        Epoch++;
        Optimizer.LearningRate = (float)(BaseLearningRate * Math.Pow(_gamma, Epoch / _stepSize));
    }
}
