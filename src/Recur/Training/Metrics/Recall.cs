namespace Recur.Training;

/// <summary>
/// TP / (TP + FN) of a positive class over the epoch (Keras' <c>Recall</c>, scikit-learn's <c>recall_score</c>
/// with <c>zero_division=0</c>): of the positives, the fraction predicted positive.
/// </summary>
public sealed class Recall : PositiveClassMetric
{
    /// <summary>Binary outputs shaped like 0/1 targets: positive when the probability (σ of the logit with <paramref name="fromLogits"/>) is above <paramref name="threshold"/>.</summary>
    public Recall(float threshold = 0.5f, bool fromLogits = false, string name = "recall") : base(name, threshold, fromLogits)
    {
    }

    /// <summary>Class scores <c>[N, C, …]</c> against class targets: <paramref name="positiveClass"/> against the rest, by argmax.</summary>
    public Recall(int positiveClass, int ignoreIndex = -100, string name = "recall") : base(name, positiveClass, ignoreIndex)
    {
    }

    /// <summary>TP / (TP + FN); 0 when there were no positives.</summary>
    public override double Value => Ratio(TruePositives, TruePositives + FalseNegatives);
}
