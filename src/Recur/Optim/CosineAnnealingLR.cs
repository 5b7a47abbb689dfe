namespace Recur.Optim;

/// <summary>Cosine annealing from η₀ to η_min over <c>tMax</c> epochs: η = η_min + (η₀ − η_min)(1 + cos(π·epoch/tMax)) / 2.</summary>
public sealed class CosineAnnealingLR : LearningRateSchedule
{
    private readonly int _tMax;
    private readonly float _minLearningRate;

    /// <summary>Creates the schedule.</summary>
    public CosineAnnealingLR(Optimizer optimizer, int tMax, float minLearningRate = 0f) : base(optimizer)
    {
        if (tMax <= 0) throw new ArgumentOutOfRangeException(nameof(tMax), tMax, "CosineAnnealingLR: tMax must be positive.");
        _tMax = tMax;
        _minLearningRate = minLearningRate;
    }

    /// <inheritdoc/>
    public override void Step(double? validationLoss = null)
    {
        Epoch++;
        double progress = Math.Min(Epoch, _tMax) / (double)_tMax;
        Optimizer.LearningRate = (float)(_minLearningRate + (BaseLearningRate - _minLearningRate) * (1 + Math.Cos(Math.PI * progress)) / 2);
    }
}
