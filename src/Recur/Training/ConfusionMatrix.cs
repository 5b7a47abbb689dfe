namespace Recur.Training;

/// <summary>
/// Counts of (actual, predicted) class pairs, with per-class precision, recall and F1 and their macro averages.
/// Rows are actual classes, columns predicted (scikit-learn's convention).
/// </summary>
public sealed class ConfusionMatrix
{
    private readonly long[,] _counts;

    /// <summary>Counts the pairs; classes are <c>0 … classes−1</c>.</summary>
    public ConfusionMatrix(ReadOnlySpan<int> predicted, ReadOnlySpan<int> actual, int classes)
    {
        if (classes < 2) throw new ArgumentOutOfRangeException(nameof(classes), classes, "A confusion matrix needs at least two classes.");
        if (predicted.Length != actual.Length)
            throw new ArgumentException($"ConfusionMatrix: {predicted.Length} predictions but {actual.Length} targets.");
        Classes = classes;
        _counts = new long[classes, classes];
        for (int i = 0; i < predicted.Length; i++)
        {
            if ((uint)predicted[i] >= (uint)classes || (uint)actual[i] >= (uint)classes)
                throw new ArgumentOutOfRangeException(nameof(predicted),
                    $"ConfusionMatrix: pair {i} (actual {actual[i]}, predicted {predicted[i]}) is outside the {classes} classes.");
            _counts[actual[i], predicted[i]]++;
        }
        Total = predicted.Length;
    }

    /// <summary>Number of classes.</summary>
    public int Classes { get; }

    /// <summary>Number of pairs counted.</summary>
    public long Total { get; }

    /// <summary>How often class <paramref name="actual"/> was predicted as <paramref name="predicted"/>.</summary>
    public long this[int actual, int predicted] => _counts[actual, predicted];

    /// <summary>Fraction of correct predictions.</summary>
    public double Accuracy
    {
        get
        {
            long correct = 0;
            for (int c = 0; c < Classes; c++) correct += _counts[c, c];
            return Total == 0 ? 0 : (double)correct / Total;
        }
    }

    /// <summary>TP / (TP + FP) for <paramref name="cls"/>; 0 when the class was never predicted (scikit-learn's zero_division=0).</summary>
    public double Precision(int cls)
    {
        long predicted = 0;
        for (int a = 0; a < Classes; a++) predicted += _counts[a, cls];
        return predicted == 0 ? 0 : (double)_counts[cls, cls] / predicted;
    }

    /// <summary>TP / (TP + FN) for <paramref name="cls"/>; 0 when the class never occurs.</summary>
    public double Recall(int cls)
    {
        long actual = 0;
        for (int p = 0; p < Classes; p++) actual += _counts[cls, p];
        return actual == 0 ? 0 : (double)_counts[cls, cls] / actual;
    }

    /// <summary>Harmonic mean of precision and recall for <paramref name="cls"/>; 0 when both are 0.</summary>
    public double F1(int cls)
    {
        double p = Precision(cls), r = Recall(cls);
        return p + r == 0 ? 0 : 2 * p * r / (p + r);
    }

    /// <summary>Unweighted mean of the per-class F1 scores.</summary>
    public double MacroF1 => Enumerable.Range(0, Classes).Average(F1);
}
