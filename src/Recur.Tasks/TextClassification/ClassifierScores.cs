using Recur.Training;

namespace Recur.Tasks.TextClassification;

/// <summary>
/// A classifier's test-set figures: the confusion matrix (with per-class precision, recall and F1), accuracy, macro F1,
/// and for two classes ROC-AUC and average precision of the positive class's probability.
/// </summary>
public sealed class ClassifierScores
{
    private ClassifierScores(ConfusionMatrix confusion, double? rocAuc, double? averagePrecision, int positiveClass)
    {
        Confusion = confusion;
        RocAuc = rocAuc;
        AveragePrecision = averagePrecision;
        PositiveClass = positiveClass;
    }

    /// <summary>Counts of (actual, predicted) pairs; per-class precision, recall and F1 come from it.</summary>
    public ConfusionMatrix Confusion { get; }

    /// <summary>Fraction of items predicted right.</summary>
    public double Accuracy => Confusion.Accuracy;

    /// <summary>Unweighted mean of the per-class F1 scores.</summary>
    public double MacroF1 => Confusion.MacroF1;

    /// <summary>F1 of <see cref="PositiveClass"/> (spam, positive review).</summary>
    public double PositiveF1 => Confusion.F1(PositiveClass);

    /// <summary>The class whose probability ranks the items for ROC-AUC and average precision.</summary>
    public int PositiveClass { get; }

    /// <summary>ROC-AUC of the positive class's probability; null with more than two classes or when the test set has one class.</summary>
    public double? RocAuc { get; }

    /// <summary>Average precision of the positive class's probability; null with more than two classes or no positive item.</summary>
    public double? AveragePrecision { get; }

    /// <summary>Scores <paramref name="predictions"/> against the true classes <paramref name="actual"/>.</summary>
    /// <exception cref="ArgumentException">The counts differ, or a class id is out of range.</exception>
    public static ClassifierScores Of(ClassPredictions predictions, IReadOnlyList<int> actual, int positiveClass = 1)
    {
        ArgumentNullException.ThrowIfNull(predictions);
        ArgumentNullException.ThrowIfNull(actual);
        if (actual.Count != predictions.Count)
            throw new ArgumentException($"ClassifierScores: {predictions.Count} predictions but {actual.Count} true classes.", nameof(actual));
        if ((uint)positiveClass >= (uint)predictions.Classes)
            throw new ArgumentOutOfRangeException(nameof(positiveClass), positiveClass, $"ClassifierScores: outside [0, {predictions.Classes}).");
        int[] truth = actual.ToArray();
        var confusion = new ConfusionMatrix(predictions.PredictedClasses, truth, predictions.Classes);
        double? rocAuc = null, averagePrecision = null;
        if (predictions.Classes == 2)
        {
            int positives = truth.Count(c => c == positiveClass);
            double[] scores = predictions.ProbabilitiesOf(positiveClass);
            if (positives > 0) averagePrecision = RankingMetrics.AveragePrecision(scores, truth, positiveClass);
            if (positives > 0 && positives < truth.Length) rocAuc = RankingMetrics.RocAuc(scores, truth, positiveClass);
        }
        return new ClassifierScores(confusion, rocAuc, averagePrecision, positiveClass);
    }
}
