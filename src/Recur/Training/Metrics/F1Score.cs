namespace Recur.Training;

/// <summary>
/// The harmonic mean of precision and recall of a positive class over the epoch, 2·TP / (2·TP + FP + FN)
/// (scikit-learn's <c>f1_score</c> with <c>zero_division=0</c>).
/// </summary>
public sealed class F1Score : PositiveClassMetric
{
    /// <summary>Binary outputs shaped like 0/1 targets: positive when the probability (σ of the logit with <paramref name="fromLogits"/>) is above <paramref name="threshold"/>.</summary>
    public F1Score(float threshold = 0.5f, bool fromLogits = false, string name = "f1_score") : base(name, threshold, fromLogits)
    {
    }

    /// <summary>Class scores <c>[N, C, …]</c> against class targets: <paramref name="positiveClass"/> against the rest, by argmax.</summary>
    public F1Score(int positiveClass, int ignoreIndex = -100, string name = "f1_score") : base(name, positiveClass, ignoreIndex)
    {
    }

    /// <summary>2·TP / (2·TP + FP + FN); 0 when there were neither positives nor positive predictions.</summary>
    public override double Value => Ratio(2 * TruePositives, 2 * TruePositives + FalsePositives + FalseNegatives);
}
