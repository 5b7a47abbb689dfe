namespace Recur.Optim;

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
