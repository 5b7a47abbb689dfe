namespace Recur.Tasks.TextClassification;

/// <summary>
/// The floor every text classifier must clear: it ignores the text and predicts the class most frequent in training
/// (the lowest id among ties). Its probabilities are the training class shares (scikit-learn's
/// <c>DummyClassifier(strategy="prior")</c>), so its ROC-AUC is 0.5 and its accuracy is the majority's share of the
/// test set.
/// </summary>
public sealed class MajorityClassBaseline : ITextClassifier
{
    private readonly double[] _shares;

    private MajorityClassBaseline(double[] shares, int majority)
    {
        _shares = shares;
        MajorityClass = majority;
    }

    /// <inheritdoc />
    public string Name => "majority class";

    /// <inheritdoc />
    public int Classes => _shares.Length;

    /// <summary>The class always predicted.</summary>
    public int MajorityClass { get; }

    /// <summary>Each class's share of the training labels.</summary>
    public IReadOnlyList<double> ClassShares => _shares;

    /// <summary>Counts the training <paramref name="labels"/> (class ids in [0, <paramref name="classes"/>)).</summary>
    public static MajorityClassBaseline Fit(IReadOnlyList<int> labels, int classes)
    {
        ArgumentNullException.ThrowIfNull(labels);
        var (_, counts) = TrainingLabels.Check(labels, classes, labels.Count, "MajorityClassBaseline", everyClass: false);
        var shares = counts.Select(c => (double)c / labels.Count).ToArray();
        int majority = 0;
        for (int c = 1; c < classes; c++) if (counts[c] > counts[majority]) majority = c;
        return new MajorityClassBaseline(shares, majority);
    }

    /// <inheritdoc />
    public ClassPredictions Predict(IReadOnlyList<string> texts)
    {
        ArgumentNullException.ThrowIfNull(texts);
        var probabilities = new double[texts.Count * Classes];
        for (int i = 0; i < texts.Count; i++) _shares.CopyTo(probabilities, i * Classes);
        return new ClassPredictions(probabilities, Classes);
    }
}
