using System.Numerics;

namespace Recur.Training;

/// <summary>
/// Metrics of how well scores (probabilities, logits, any number where larger means "more likely positive") rank the
/// positive items above the negative ones: ROC-AUC and average precision, with scikit-learn's definitions. Items with
/// equal scores are one threshold: they cross it together, never in an order picked by a sort.
/// </summary>
public static class RankingMetrics
{
    /// <summary>
    /// Area under the ROC curve (scikit-learn's <c>roc_auc_score</c> for two classes): the curve's points are
    /// (false-positive rate, true-positive rate) at each distinct score taken as a threshold, joined by straight lines
    /// from (0, 0), and the area is the trapezoid sum. Items with tied scores therefore count half, as in the
    /// Mann–Whitney U statistic. An item is positive when its <paramref name="actual"/> class equals
    /// <paramref name="positiveClass"/>.
    /// </summary>
    /// <exception cref="ArgumentException">Lengths differ, a score is NaN, or only one class occurs (the area is undefined).</exception>
    public static double RocAuc(ReadOnlySpan<double> scores, ReadOnlySpan<int> actual, int positiveClass = 1) =>
        RocAucOf(scores, actual, positiveClass);

    /// <summary>Area under the ROC curve for float scores (a network's probabilities); see the double overload.</summary>
    public static double RocAuc(ReadOnlySpan<float> scores, ReadOnlySpan<int> actual, int positiveClass = 1) =>
        RocAucOf(scores, actual, positiveClass);

    /// <summary>
    /// Average precision (scikit-learn's <c>average_precision_score</c>): Σₖ (Rₖ − Rₖ₋₁) Pₖ over the distinct scores
    /// taken as thresholds from the highest down, where Pₖ and Rₖ are the precision and recall of calling every item
    /// scored at least the k-th threshold positive. No interpolation: this is the step-wise area under the
    /// precision–recall curve, not the trapezoid one (which is optimistic).
    /// </summary>
    /// <exception cref="ArgumentException">Lengths differ, a score is NaN, or no item is positive (scikit-learn returns 0
    /// with a warning there; the value means nothing).</exception>
    public static double AveragePrecision(ReadOnlySpan<double> scores, ReadOnlySpan<int> actual, int positiveClass = 1) =>
        AveragePrecisionOf(scores, actual, positiveClass);

    /// <summary>Average precision for float scores; see the double overload.</summary>
    public static double AveragePrecision(ReadOnlySpan<float> scores, ReadOnlySpan<int> actual, int positiveClass = 1) =>
        AveragePrecisionOf(scores, actual, positiveClass);

    private static double RocAucOf<T>(ReadOnlySpan<T> scores, ReadOnlySpan<int> actual, int positiveClass) where T : struct, IFloatingPoint<T>
    {
        var steps = Thresholds(scores, actual, positiveClass, "RocAuc");
        long positives = steps[^1].TruePositives, negatives = steps[^1].FalsePositives;
        if (positives == 0 || negatives == 0)
            throw new ArgumentException(
                $"RocAuc: only one class occurs ({positives} positive, {negatives} negative items); the ROC curve needs both.");
        // Twice the area in count units, Σ Δfp · (tp + tp_prev), is an integer: summing it in long is exact, so the one
        // rounding is the final division.
        long doubledArea = 0;
        long previousTp = 0, previousFp = 0;
        foreach (var (tp, fp) in steps)
        {
            doubledArea += (fp - previousFp) * (tp + previousTp);
            (previousTp, previousFp) = (tp, fp);
        }
        return doubledArea / (2.0 * positives * negatives);
    }

    private static double AveragePrecisionOf<T>(ReadOnlySpan<T> scores, ReadOnlySpan<int> actual, int positiveClass) where T : struct, IFloatingPoint<T>
    {
        var steps = Thresholds(scores, actual, positiveClass, "AveragePrecision");
        long positives = steps[^1].TruePositives;
        if (positives == 0)
            throw new ArgumentException("AveragePrecision: no item is positive; average precision is undefined.");
        double sum = 0;
        long previousTp = 0;
        foreach (var (tp, fp) in steps)
        {
            if (tp != previousTp) sum += (tp - previousTp) * ((double)tp / (tp + fp));
            previousTp = tp;
        }
        return sum / positives;
    }

    /// <summary>
    /// Cumulative (true positives, false positives) at each distinct score, from the highest score down; the last
    /// entry holds the totals.
    /// </summary>
    private static List<(long TruePositives, long FalsePositives)> Thresholds<T>(ReadOnlySpan<T> scores, ReadOnlySpan<int> actual,
        int positiveClass, string metric) where T : struct, IFloatingPoint<T>
    {
        if (scores.Length != actual.Length)
            throw new ArgumentException($"{metric}: {scores.Length} scores but {actual.Length} targets.");
        if (scores.IsEmpty)
            throw new ArgumentException($"{metric}: no scores to rank.");
        var keys = new double[scores.Length];
        var positive = new bool[scores.Length];
        for (int i = 0; i < keys.Length; i++)
        {
            double score = double.CreateTruncating(scores[i]);
            if (double.IsNaN(score)) throw new ArgumentException($"{metric}: score {i} is NaN.");
            keys[i] = -score; // ascending order of −score is descending order of score
            positive[i] = actual[i] == positiveClass;
        }
        Array.Sort(keys, positive); // order within a run of equal keys does not matter: a run is one threshold

        var steps = new List<(long, long)>();
        long tps = 0, fps = 0;
        for (int i = 0; i < keys.Length; i++)
        {
            if (positive[i]) tps++; else fps++;
            if (i + 1 == keys.Length || keys[i + 1] != keys[i]) steps.Add((tps, fps));
        }
        return steps;
    }
}
