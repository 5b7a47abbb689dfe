using System.Numerics;

namespace Recur.Training;

/// <summary>
/// Metrics of how well scores (probabilities, logits, any number where larger means "more likely positive") rank the
/// positive items above the negative ones: ROC-AUC and average precision, with scikit-learn's definitions. Items with
/// equal scores are one threshold: they cross it together, never in an order picked by a sort.
/// </summary>
/// <remarks>
/// Each item may carry a weight (a bootstrap resample's count of the item, say): the curves then count weight instead of
/// items. Without weights every count is a whole number, and the sums below are exact in double for fewer than
/// 67 million items (every partial sum stays below 2^53).
/// </remarks>
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
        RocAucOf(scores, actual, default, positiveClass);

    /// <summary>Area under the ROC curve with a non-negative weight per item (counted instead of 1); see the unweighted overload.</summary>
    /// <exception cref="ArgumentException">Lengths differ, a score is NaN, a weight is negative or not finite, or one class has no weight.</exception>
    public static double RocAuc(ReadOnlySpan<double> scores, ReadOnlySpan<int> actual, ReadOnlySpan<double> weights, int positiveClass = 1) =>
        RocAucOf(scores, actual, Weights(weights, actual.Length, "RocAuc"), positiveClass);

    /// <summary>Area under the ROC curve for float scores (a network's probabilities); see the double overload.</summary>
    public static double RocAuc(ReadOnlySpan<float> scores, ReadOnlySpan<int> actual, int positiveClass = 1) =>
        RocAucOf(scores, actual, default, positiveClass);

    /// <summary>
    /// Average precision (scikit-learn's <c>average_precision_score</c>): Σₖ (Rₖ − Rₖ₋₁) Pₖ over the distinct scores
    /// taken as thresholds from the highest down, where Pₖ and Rₖ are the precision and recall of calling every item
    /// scored at least the k-th threshold positive. No interpolation: this is the step-wise area under the
    /// precision–recall curve, not the trapezoid one (which is optimistic).
    /// </summary>
    /// <exception cref="ArgumentException">Lengths differ, a score is NaN, or no item is positive (scikit-learn returns 0
    /// with a warning there; the value means nothing).</exception>
    public static double AveragePrecision(ReadOnlySpan<double> scores, ReadOnlySpan<int> actual, int positiveClass = 1) =>
        AveragePrecisionOf(scores, actual, default, positiveClass);

    /// <summary>Average precision with a non-negative weight per item (counted instead of 1); see the unweighted overload.</summary>
    /// <exception cref="ArgumentException">Lengths differ, a score is NaN, a weight is negative or not finite, or the positives have no weight.</exception>
    public static double AveragePrecision(ReadOnlySpan<double> scores, ReadOnlySpan<int> actual, ReadOnlySpan<double> weights, int positiveClass = 1) =>
        AveragePrecisionOf(scores, actual, Weights(weights, actual.Length, "AveragePrecision"), positiveClass);

    /// <summary>Average precision for float scores; see the double overload.</summary>
    public static double AveragePrecision(ReadOnlySpan<float> scores, ReadOnlySpan<int> actual, int positiveClass = 1) =>
        AveragePrecisionOf(scores, actual, default, positiveClass);

    /// <summary>
    /// The ROC curve's points (false-positive rate, true-positive rate), from (0, 0) through one point per distinct score
    /// taken as a threshold, highest first, to (1, 1) — the polygon whose area <see cref="RocAuc(ReadOnlySpan{double}, ReadOnlySpan{int}, int)"/> gives.
    /// </summary>
    /// <exception cref="ArgumentException">Lengths differ, a score is NaN, or only one class occurs.</exception>
    public static IReadOnlyList<(double FalsePositiveRate, double TruePositiveRate)> RocCurve(ReadOnlySpan<double> scores, ReadOnlySpan<int> actual,
        int positiveClass = 1)
    {
        var steps = Thresholds(scores, actual, default, positiveClass, "RocCurve");
        var (positives, negatives) = steps[^1];
        if (positives == 0 || negatives == 0)
            throw new ArgumentException($"RocCurve: only one class occurs ({positives} positive, {negatives} negative items); the ROC curve needs both.");
        var curve = new List<(double, double)>(steps.Count + 1) { (0, 0) };
        foreach (var (tp, fp) in steps) curve.Add((fp / negatives, tp / positives));
        return curve;
    }

    /// <summary>
    /// The precision–recall curve's points (recall, precision), one per distinct score taken as a threshold, highest first:
    /// the steps whose area <see cref="AveragePrecision(ReadOnlySpan{double}, ReadOnlySpan{int}, int)"/> sums.
    /// </summary>
    /// <exception cref="ArgumentException">Lengths differ, a score is NaN, or no item is positive.</exception>
    public static IReadOnlyList<(double Recall, double Precision)> PrecisionRecallCurve(ReadOnlySpan<double> scores, ReadOnlySpan<int> actual,
        int positiveClass = 1)
    {
        var steps = Thresholds(scores, actual, default, positiveClass, "PrecisionRecallCurve");
        double positives = steps[^1].TruePositives;
        if (positives == 0) throw new ArgumentException("PrecisionRecallCurve: no item is positive; the curve is undefined.");
        var curve = new List<(double, double)>(steps.Count);
        foreach (var (tp, fp) in steps) curve.Add((tp / positives, tp / (tp + fp)));
        return curve;
    }

    private static double RocAucOf<T>(ReadOnlySpan<T> scores, ReadOnlySpan<int> actual, ReadOnlySpan<double> weights, int positiveClass)
        where T : struct, IFloatingPoint<T>
    {
        var steps = Thresholds(scores, actual, weights, positiveClass, "RocAuc");
        var (positives, negatives) = steps[^1];
        if (positives == 0 || negatives == 0)
            throw new ArgumentException(
                $"RocAuc: only one class occurs ({positives} positive, {negatives} negative items); the ROC curve needs both.");
        // Twice the area in count units, Σ Δfp · (tp + tp_prev): whole numbers without weights, so the one rounding is the
        // final division.
        double doubledArea = 0, previousTp = 0, previousFp = 0;
        foreach (var (tp, fp) in steps)
        {
            doubledArea += (fp - previousFp) * (tp + previousTp);
            (previousTp, previousFp) = (tp, fp);
        }
        return doubledArea / (2.0 * positives * negatives);
    }

    private static double AveragePrecisionOf<T>(ReadOnlySpan<T> scores, ReadOnlySpan<int> actual, ReadOnlySpan<double> weights, int positiveClass)
        where T : struct, IFloatingPoint<T>
    {
        var steps = Thresholds(scores, actual, weights, positiveClass, "AveragePrecision");
        double positives = steps[^1].TruePositives;
        if (positives == 0)
            throw new ArgumentException("AveragePrecision: no item is positive; average precision is undefined.");
        double sum = 0, previousTp = 0;
        foreach (var (tp, fp) in steps)
        {
            if (tp != previousTp) sum += (tp - previousTp) * (tp / (tp + fp));
            previousTp = tp;
        }
        return sum / positives;
    }

    /// <summary>The weights, checked: one per item, each finite and non-negative.</summary>
    private static ReadOnlySpan<double> Weights(ReadOnlySpan<double> weights, int items, string metric)
    {
        if (weights.Length != items) throw new ArgumentException($"{metric}: {weights.Length} weights but {items} targets.");
        for (int i = 0; i < weights.Length; i++)
            if (!(weights[i] >= 0 && double.IsFinite(weights[i])))
                throw new ArgumentException($"{metric}: weight {i} is {weights[i]}; weights must be finite and non-negative.");
        return weights;
    }

    /// <summary>
    /// The cumulative (true-positive, false-positive) counts — or weights — at each distinct score, highest first; the last
    /// step holds the totals. Items of zero weight count nowhere; a threshold that only they reach adds no step.
    /// </summary>
    private static List<(double TruePositives, double FalsePositives)> Thresholds<T>(ReadOnlySpan<T> scores, ReadOnlySpan<int> actual,
        ReadOnlySpan<double> weights, int positiveClass, string metric) where T : struct, IFloatingPoint<T>
    {
        if (scores.Length != actual.Length)
            throw new ArgumentException($"{metric}: {scores.Length} scores but {actual.Length} targets.");
        if (scores.IsEmpty)
            throw new ArgumentException($"{metric}: no scores to rank.");
        var keys = new double[scores.Length];
        var items = new int[scores.Length];
        for (int i = 0; i < keys.Length; i++)
        {
            double score = double.CreateTruncating(scores[i]);
            if (double.IsNaN(score)) throw new ArgumentException($"{metric}: score {i} is NaN.");
            keys[i] = -score; // ascending order of −score is descending order of score
            items[i] = i;
        }
        Array.Sort(keys, items); // order within a run of equal keys does not matter: a run is one threshold

        var steps = new List<(double, double)>();
        double tps = 0, fps = 0;
        bool moved = false;
        for (int i = 0; i < keys.Length; i++)
        {
            double weight = weights.IsEmpty ? 1 : weights[items[i]];
            if (actual[items[i]] == positiveClass) tps += weight; else fps += weight;
            moved |= weight != 0;
            if (moved && (i + 1 == keys.Length || keys[i + 1] != keys[i]))
            {
                steps.Add((tps, fps));
                moved = false;
            }
        }
        if (steps.Count == 0) steps.Add((0, 0));   // every weight zero: the totals are zero
        return steps;
    }
}
