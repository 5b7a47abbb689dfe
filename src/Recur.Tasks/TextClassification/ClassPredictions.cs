namespace Recur.Tasks.TextClassification;

/// <summary>
/// A classifier's output on a set of items: the probability of every class for each item, and the predicted class,
/// the most probable one (the lowest class id among ties, as numpy's <c>argmax</c>).
/// </summary>
public sealed class ClassPredictions
{
    private readonly double[] _probabilities; // [Count, Classes], row-major
    private readonly int[] _predicted;

    /// <summary>
    /// Wraps probabilities laid out row-major, <c>[items, classes]</c> (not copied). Each must lie in [0, 1]; rows are
    /// not renormalised.
    /// </summary>
    /// <exception cref="ArgumentException">Fewer than two classes, a length that is not a multiple of
    /// <paramref name="classes"/>, or a value outside [0, 1].</exception>
    public ClassPredictions(double[] probabilities, int classes)
    {
        ArgumentNullException.ThrowIfNull(probabilities);
        if (classes < 2) throw new ArgumentOutOfRangeException(nameof(classes), classes, "ClassPredictions: at least two classes are needed.");
        if (probabilities.Length % classes != 0)
            throw new ArgumentException($"ClassPredictions: {probabilities.Length} probabilities are not a whole number of rows of {classes} classes.",
                nameof(probabilities));
        for (int i = 0; i < probabilities.Length; i++)
            if (!(probabilities[i] >= 0 && probabilities[i] <= 1))
                throw new ArgumentException(
                    $"ClassPredictions: item {i / classes}, class {i % classes} has probability {probabilities[i]}, outside [0, 1].", nameof(probabilities));
        _probabilities = probabilities;
        Classes = classes;
        Count = probabilities.Length / classes;
        _predicted = new int[Count];
        for (int item = 0; item < Count; item++)
        {
            var row = probabilities.AsSpan(item * classes, classes);
            int best = 0;
            for (int c = 1; c < classes; c++) if (row[c] > row[best]) best = c;
            _predicted[item] = best;
        }
    }

    /// <summary>
    /// Two-class predictions from each item's probability of class 1 (a network's sigmoid output): class 0 gets 1 − p.
    /// An item at exactly p = 0.5 is predicted class 0.
    /// </summary>
    public static ClassPredictions FromPositiveProbabilities(ReadOnlySpan<float> positive)
    {
        var probabilities = new double[2 * positive.Length];
        for (int i = 0; i < positive.Length; i++)
        {
            probabilities[2 * i] = 1 - (double)positive[i];
            probabilities[2 * i + 1] = positive[i];
        }
        return new ClassPredictions(probabilities, 2);
    }

    /// <summary>Number of items.</summary>
    public int Count { get; }

    /// <summary>Number of classes.</summary>
    public int Classes { get; }

    /// <summary>The predicted class of every item.</summary>
    public ReadOnlySpan<int> PredictedClasses => _predicted;

    /// <summary>The probability that item <paramref name="item"/> is of class <paramref name="cls"/>.</summary>
    public double this[int item, int cls]
    {
        get
        {
            if ((uint)item >= (uint)Count) throw new ArgumentOutOfRangeException(nameof(item), item, $"ClassPredictions: item is outside [0, {Count}).");
            if ((uint)cls >= (uint)Classes) throw new ArgumentOutOfRangeException(nameof(cls), cls, $"ClassPredictions: class is outside [0, {Classes}).");
            return _probabilities[item * Classes + cls];
        }
    }

    /// <summary>Every item's probability of class <paramref name="cls"/> (the scores for ROC-AUC and average precision).</summary>
    public double[] ProbabilitiesOf(int cls)
    {
        if ((uint)cls >= (uint)Classes) throw new ArgumentOutOfRangeException(nameof(cls), cls, $"ClassPredictions: class is outside [0, {Classes}).");
        var column = new double[Count];
        for (int item = 0; item < Count; item++) column[item] = _probabilities[item * Classes + cls];
        return column;
    }
}
