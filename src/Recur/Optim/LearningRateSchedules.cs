namespace Recur.Optim;

/// <summary>Changes an optimizer's learning rate once per epoch (PyTorch's <c>lr_scheduler</c>; call <see cref="Step"/> after each epoch).</summary>
public abstract class LearningRateSchedule
{
    /// <summary>Binds the schedule to <paramref name="optimizer"/>; its current rate is the base rate.</summary>
    protected LearningRateSchedule(Optimizer optimizer)
    {
        Optimizer = optimizer ?? throw new ArgumentNullException(nameof(optimizer));
        BaseLearningRate = optimizer.LearningRate;
    }

    /// <summary>The optimizer whose rate is set.</summary>
    public Optimizer Optimizer { get; }

    /// <summary>The rate when the schedule started.</summary>
    public float BaseLearningRate { get; }

    /// <summary>Epochs completed so far.</summary>
    public int Epoch { get; protected set; }

    /// <summary>Ends an epoch; <paramref name="validationLoss"/> is used by schedules that watch it.</summary>
    public abstract void Step(double? validationLoss = null);

    /// <summary>The schedule's counters, for checkpoints.</summary>
    public virtual double[] GetState() => [Epoch];

    /// <summary>Restores counters saved by <see cref="GetState"/>.</summary>
    public virtual void SetState(double[] state)
    {
        ArgumentNullException.ThrowIfNull(state);
        Epoch = (int)state[0];
    }
}

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

/// <summary>
/// Multiplies the rate by <c>factor</c> when the validation loss has not improved (by a relative <c>threshold</c>) for
/// more than <c>patience</c> epochs, never below <c>minLearningRate</c> (PyTorch's <c>ReduceLROnPlateau</c>, mode min).
/// </summary>
public sealed class ReduceLROnPlateau : LearningRateSchedule
{
    private readonly float _factor;
    private readonly int _patience;
    private readonly float _minLearningRate;
    private readonly double _threshold;
    private double _best = double.PositiveInfinity;
    private int _badEpochs;

    /// <summary>Creates the schedule.</summary>
    public ReduceLROnPlateau(Optimizer optimizer, float factor = 0.1f, int patience = 10, float minLearningRate = 0f, double threshold = 1e-4)
        : base(optimizer)
    {
        if (!(factor > 0f && factor < 1f)) throw new ArgumentOutOfRangeException(nameof(factor), factor, "ReduceLROnPlateau: factor must be in (0, 1).");
        if (patience < 0) throw new ArgumentOutOfRangeException(nameof(patience), patience, "ReduceLROnPlateau: patience must not be negative.");
        _factor = factor;
        _patience = patience;
        _minLearningRate = minLearningRate;
        _threshold = threshold;
    }

    /// <inheritdoc/>
    public override void Step(double? validationLoss = null)
    {
        if (validationLoss is not double loss)
            throw new InvalidOperationException("ReduceLROnPlateau needs the validation loss of each epoch; give the trainer validation data.");
        Epoch++;
        if (loss < _best * (1 - _threshold))
        {
            _best = loss;
            _badEpochs = 0;
            return;
        }
        if (++_badEpochs > _patience)
        {
            Optimizer.LearningRate = Math.Max(Optimizer.LearningRate * _factor, _minLearningRate);
            _badEpochs = 0;
        }
    }

    /// <inheritdoc/>
    public override double[] GetState() => [Epoch, _best, _badEpochs];

    /// <inheritdoc/>
    public override void SetState(double[] state)
    {
        base.SetState(state);
        _best = state[1];
        _badEpochs = (int)state[2];
    }
}
