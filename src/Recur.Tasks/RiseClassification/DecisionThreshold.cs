namespace Recur.Tasks.RiseClassification;

/// <summary>
/// Chooses where a model's probability turns into "rise": on the validation span, among the scores seen there, the
/// threshold (a day is positive when its score is at or above it) with the best F1 of the rise class or the best Youden's J.
/// 0.5 is right only when the classes are balanced and the scores calibrated, neither of which holds for rare rises.
/// </summary>
public static class DecisionThreshold
{
    /// <summary>The threshold <paramref name="rule"/> picks on <paramref name="scores"/> against <paramref name="labels"/>; ties go to the higher threshold.</summary>
    /// <exception cref="ArgumentException">No positive among the labels (nothing to find), or unpaired inputs.</exception>
    public static double Choose(IReadOnlyList<double> scores, IReadOnlyList<int> labels, ThresholdRule rule)
    {
        if (scores.Count != labels.Count) throw new ArgumentException($"DecisionThreshold: {scores.Count} scores for {labels.Count} labels.");
        int positives = labels.Count(l => l == 1), negatives = labels.Count - positives;
        if (positives == 0) throw new ArgumentException("DecisionThreshold: the labels hold no positive, so no threshold finds any.");
        var order = Enumerable.Range(0, scores.Count).OrderByDescending(i => scores[i]).ToArray();
        double best = double.NegativeInfinity, threshold = scores[order[0]];
        int tp = 0, fp = 0;
        for (int k = 0; k < order.Length; k++)
        {
            if (labels[order[k]] == 1) tp++; else fp++;
            if (k + 1 < order.Length && scores[order[k + 1]] == scores[order[k]]) continue;   // a threshold takes all tied scores
            double value = rule == ThresholdRule.F1
                ? 2.0 * tp / (2.0 * tp + fp + (positives - tp))
                : (double)tp / positives - (negatives == 0 ? 0 : (double)fp / negatives);
            if (value > best)
            {
                best = value;
                threshold = scores[order[k]];
            }
        }
        return threshold;
    }
}
