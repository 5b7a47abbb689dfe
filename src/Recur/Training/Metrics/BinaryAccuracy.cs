namespace Recur.Training;

/// <summary>
/// The fraction of binary predictions equal to their 0/1 targets (Keras' <c>BinaryAccuracy</c>): outputs shaped like
/// the targets, a prediction 1 when the probability is above <paramref name="threshold"/> — with
/// <paramref name="fromLogits"/>, when σ of the logit is. Every element counts, so multi-label outputs <c>[N, C]</c>
/// give the fraction of correct labels.
/// </summary>
/// <param name="threshold">The probability above which a prediction is 1.</param>
/// <param name="fromLogits">The outputs are logits (for <see cref="Losses.BCEWithLogitsLoss"/>), not probabilities.</param>
/// <param name="name">The reported name; <c>binary_accuracy</c> by default.</param>
public sealed class BinaryAccuracy(float threshold = 0.5f, bool fromLogits = false, string name = "binary_accuracy")
    : PositiveClassMetric(name, threshold, fromLogits)
{
    /// <summary>(TP + TN) / all elements; 0 before any is counted.</summary>
    public override double Value => Ratio(TruePositives + TrueNegatives, TruePositives + TrueNegatives + FalsePositives + FalseNegatives);
}
