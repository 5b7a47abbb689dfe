namespace Recur.Training;

/// <summary>
/// The fraction of positions whose highest-scoring class is the target (Keras' <c>SparseCategoricalAccuracy</c>,
/// scikit-learn's <c>accuracy_score</c> of the argmax). Outputs are class scores laid out as
/// <see cref="Losses.CrossEntropyLoss"/> takes them (logits or probabilities: the argmax is the same), <c>[N, C]</c>
/// with targets <c>[N]</c> or <c>[N, C, d₁, …]</c> with <c>[N, d₁, …]</c>; positions whose target is
/// <see cref="IgnoreIndex"/> (padding) are not counted. Ties go to the lower class.
/// </summary>
/// <param name="ignoreIndex">The target value of positions to leave out, -100 as in <see cref="Losses.CrossEntropyLoss"/>.</param>
/// <param name="name">The reported name; <c>accuracy</c> by default.</param>
public sealed class Accuracy(int ignoreIndex = -100, string name = "accuracy") : Metric(name)
{
    private long _correct;
    private long _counted;

    /// <summary>The target value of positions left out.</summary>
    public int IgnoreIndex { get; } = ignoreIndex;

    /// <summary>Correct positions / counted positions; 0 before any position is counted (Keras' <c>divide_no_nan</c>).</summary>
    public override double Value => _counted == 0 ? 0 : (double)_correct / _counted;

    /// <inheritdoc/>
    public override void Update(Tensor outputs, Tensor targets)
    {
        var predictions = new ClassScoreReader(outputs, targets, Name);
        long correct = 0, counted = 0;
        for (int r = 0; r < predictions.Positions; r++)
        {
            if (!predictions.TryTarget(r, IgnoreIndex, Name, out int target)) continue;
            counted++;
            if (predictions.Predicted(r) == target) correct++;
        }
        _correct += correct;
        _counted += counted;
    }

    /// <inheritdoc/>
    public override void Reset() => _correct = _counted = 0;
}
