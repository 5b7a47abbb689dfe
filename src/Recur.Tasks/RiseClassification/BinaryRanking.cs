namespace Recur.Tasks.RiseClassification;

/// <summary>
/// How well scores rank the positives of a binary problem above the negatives, whatever the threshold — the measures
/// that mean something for rare events: the area under the precision–recall curve as scikit-learn's
/// <c>average_precision_score</c> computes it, <c>AP = Σ (R_k − R_{k−1}) · P_k</c> over the distinct scores from the
/// highest down, and the area under the ROC curve, <c>roc_auc_score</c> (the chance that a random positive scores above a
/// random negative, ties counting half). Optional sample weights count a row that many times (a bootstrap's
/// multiplicities). (Named apart from the metrics of <c>Recur.Training</c>.)
/// </summary>
public static class BinaryRanking
{
    /// <summary>Average precision (PR-AUC); NaN when there is no positive.</summary>
    public static double AveragePrecision(IReadOnlyList<double> scores, IReadOnlyList<int> labels, IReadOnlyList<double>? weights = null)
    {
        var order = Descending(scores, labels, weights);
        double positives = Total(order, labels, weights, 1);
        if (positives == 0) return double.NaN;
        double ap = 0, truePositives = 0, predicted = 0, previousRecall = 0;
        foreach (var (tp, all) in Steps(order, scores, labels, weights))
        {
            truePositives += tp;
            predicted += all;
            double recall = truePositives / positives;
            ap += (recall - previousRecall) * (truePositives / predicted);
            previousRecall = recall;
        }
        return ap;
    }

    /// <summary>Area under the ROC curve (trapezoids between the distinct scores); NaN unless both classes occur.</summary>
    public static double RocAuc(IReadOnlyList<double> scores, IReadOnlyList<int> labels, IReadOnlyList<double>? weights = null)
    {
        var order = Descending(scores, labels, weights);
        double positives = Total(order, labels, weights, 1), negatives = Total(order, labels, weights, 0);
        if (positives == 0 || negatives == 0) return double.NaN;
        double area = 0, tpr = 0, fpr = 0;
        foreach (var (tp, all) in Steps(order, scores, labels, weights))
        {
            double nextTpr = tpr + tp / positives, nextFpr = fpr + (all - tp) / negatives;
            area += (nextFpr - fpr) * (tpr + nextTpr) / 2;
            (tpr, fpr) = (nextTpr, nextFpr);
        }
        return area;
    }

    /// <summary>The precision–recall curve: one (recall, precision) point per distinct score, from the highest down.</summary>
    public static IReadOnlyList<(double Recall, double Precision)> PrecisionRecallCurve(IReadOnlyList<double> scores, IReadOnlyList<int> labels)
    {
        var order = Descending(scores, labels, null);
        double positives = Total(order, labels, null, 1), truePositives = 0, predicted = 0;
        var curve = new List<(double, double)>();
        foreach (var (tp, all) in Steps(order, scores, labels, null))
        {
            truePositives += tp;
            predicted += all;
            curve.Add((positives == 0 ? 0 : truePositives / positives, truePositives / predicted));
        }
        return curve;
    }

    /// <summary>The ROC curve: (false-positive rate, true-positive rate) from (0, 0) through each distinct score to (1, 1).</summary>
    public static IReadOnlyList<(double FalsePositiveRate, double TruePositiveRate)> RocCurve(IReadOnlyList<double> scores, IReadOnlyList<int> labels)
    {
        var order = Descending(scores, labels, null);
        double positives = Total(order, labels, null, 1), negatives = Total(order, labels, null, 0), tp = 0, fp = 0;
        var curve = new List<(double, double)> { (0, 0) };
        foreach (var (stepTp, all) in Steps(order, scores, labels, null))
        {
            tp += stepTp;
            fp += all - stepTp;
            curve.Add((negatives == 0 ? 0 : fp / negatives, positives == 0 ? 0 : tp / positives));
        }
        return curve;
    }

    private static int[] Descending(IReadOnlyList<double> scores, IReadOnlyList<int> labels, IReadOnlyList<double>? weights)
    {
        ArgumentNullException.ThrowIfNull(scores);
        ArgumentNullException.ThrowIfNull(labels);
        if (scores.Count != labels.Count || (weights is not null && weights.Count != labels.Count))
            throw new ArgumentException($"BinaryRanking: {scores.Count} scores, {labels.Count} labels and {weights?.Count ?? labels.Count} weights must be paired.");
        if (labels.Any(l => l is not (0 or 1))) throw new ArgumentException("BinaryRanking: labels must be 0 or 1.");
        if (scores.Any(double.IsNaN)) throw new ArgumentException("BinaryRanking: a score is NaN.");
        var order = Enumerable.Range(0, scores.Count).ToArray();
        Array.Sort(order, (a, b) => scores[b].CompareTo(scores[a]));
        return order;
    }

    private static double Total(int[] order, IReadOnlyList<int> labels, IReadOnlyList<double>? weights, int label)
    {
        double sum = 0;
        foreach (int i in order) if (labels[i] == label) sum += weights?[i] ?? 1;
        return sum;
    }

    // (weight of positives, weight of all) at each distinct score, highest first: tied scores form one step.
    private static IEnumerable<(double Positives, double All)> Steps(int[] order, IReadOnlyList<double> scores, IReadOnlyList<int> labels, IReadOnlyList<double>? weights)
    {
        for (int start = 0; start < order.Length;)
        {
            double tp = 0, all = 0;
            int end = start;
            for (; end < order.Length && scores[order[end]] == scores[order[start]]; end++)
            {
                double w = weights?[order[end]] ?? 1;
                tp += labels[order[end]] * w;
                all += w;
            }
            start = end;
            if (all > 0) yield return (tp, all);
        }
    }
}
