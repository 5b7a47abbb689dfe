namespace Recur.Training;

/// <summary>
/// TP / (TP + FP) of a positive class over the epoch (Keras' <c>Precision</c>, scikit-learn's <c>precision_score</c>
/// with <c>zero_division=0</c>): of the predictions of the positive class, the fraction that are right.
/// </summary>
public sealed class Precision : PositiveClassMetric
{
    /// <summary>Binary outputs shaped like 0/1 targets: positive when the probability (σ of the logit with <paramref name="fromLogits"/>) is above <paramref name="threshold"/>.</summary>
    public Precision(float threshold = 0.5f, bool fromLogits = false, string name = "precision") : base(name, threshold, fromLogits)
    {
    }

    /// <summary>Class scores <c>[N, C, …]</c> against class targets: <paramref name="positiveClass"/> against the rest, by argmax.</summary>
    public Precision(int positiveClass, int ignoreIndex = -100, string name = "precision") : base(name, positiveClass, ignoreIndex)
    {
    }

    /// <summary>TP / (TP + FP); 0 when nothing was predicted positive.</summary>
    public override double Value => Ratio(TruePositives, TruePositives + FalsePositives);
}
