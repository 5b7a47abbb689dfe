using Recur.Training;

namespace Recur.Tasks.RiseClassification;

/// <summary>
/// One model's scores on a span: the threshold-free PR-AUC and ROC-AUC, and at its decision threshold the confusion
/// matrix with precision, recall and F1 of the rise class (and accuracy, which alone says little: "never" scores high).
/// </summary>
/// <param name="PrAuc">Average precision; NaN when the span has no rise day.</param>
/// <param name="RocAuc">Area under the ROC curve; NaN unless both classes occur.</param>
/// <param name="Threshold">The decision threshold (chosen on validation).</param>
/// <param name="Confusion">Rows actual, columns predicted; class 1 is "rises".</param>
public sealed record RiseScores(double PrAuc, double RocAuc, double Threshold, ConfusionMatrix Confusion)
{
    /// <summary>Of the days called rises, the share that rose.</summary>
    public double Precision => Confusion.Precision(1);

    /// <summary>Of the days that rose, the share called.</summary>
    public double Recall => Confusion.Recall(1);

    /// <summary>Harmonic mean of precision and recall.</summary>
    public double F1 => Confusion.F1(1);

    /// <summary>Share of days called right.</summary>
    public double Accuracy => Confusion.Accuracy;

    /// <summary>Scores <paramref name="probabilities"/> against <paramref name="labels"/>, calling a rise at or above <paramref name="threshold"/>.</summary>
    public static RiseScores Of(IReadOnlyList<double> probabilities, IReadOnlyList<int> labels, double threshold)
    {
        var predicted = probabilities.Select(p => p >= threshold ? 1 : 0).ToArray();
        double[] scores = probabilities.ToArray();
        int[] actual = labels.ToArray();
        int rises = actual.Count(l => l == 1);
        // A span without a rise has no PR-AUC, one of only rises no ROC-AUC: NaN, which the report prints as undefined.
        double prAuc = rises > 0 ? RankingMetrics.AveragePrecision(scores, actual) : double.NaN;
        double rocAuc = rises > 0 && rises < actual.Length ? RankingMetrics.RocAuc(scores, actual) : double.NaN;
        return new RiseScores(prAuc, rocAuc, threshold, new ConfusionMatrix(predicted, actual, 2));
    }
}
