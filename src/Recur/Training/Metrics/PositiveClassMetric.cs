namespace Recur.Training;

/// <summary>
/// A metric of the true and false positives and negatives of one positive class, counted over the batches (the base of
/// <see cref="Precision"/>, <see cref="Recall"/>, <see cref="F1Score"/> and <see cref="BinaryAccuracy"/>). Outputs are
/// either binary — shaped like targets of 0s and 1s, a prediction positive when the probability is above the threshold
/// (for logits, when σ(x) is) — or class scores laid out as <see cref="Losses.CrossEntropyLoss"/> takes them, a
/// prediction positive when the positive class has the highest score.
/// </summary>
public abstract class PositiveClassMetric : Metric
{
    // Binary outputs are positive above this: the threshold, or for logits log(t / (1 − t)), since σ(x) > t exactly
    // when x > log(t / (1 − t)) — no sigmoid per element.
    private readonly double _cut;

    /// <summary>Binary outputs: positive when the probability (σ of a logit with <paramref name="fromLogits"/>) is above <paramref name="threshold"/>.</summary>
    protected PositiveClassMetric(string name, float threshold, bool fromLogits) : base(name)
    {
        if (fromLogits ? !(threshold > 0f && threshold < 1f) : !(threshold >= 0f && threshold <= 1f))
            throw new ArgumentOutOfRangeException(nameof(threshold), threshold,
                $"{name}: the threshold is a probability and must lie in {(fromLogits ? "(0, 1) for logits" : "[0, 1]")}.");
        _cut = fromLogits ? Math.Log(threshold / (1.0 - threshold)) : threshold;
        Threshold = threshold;
        FromLogits = fromLogits;
    }

    /// <summary>Class scores: positive when <paramref name="positiveClass"/> has the highest; positions whose target is <paramref name="ignoreIndex"/> are left out.</summary>
    protected PositiveClassMetric(string name, int positiveClass, int ignoreIndex) : base(name)
    {
        if (positiveClass < 0)
            throw new ArgumentOutOfRangeException(nameof(positiveClass), positiveClass, $"{name}: the positive class must not be negative.");
        PositiveClass = positiveClass;
        IgnoreIndex = ignoreIndex;
    }

    /// <summary>The probability threshold of binary outputs (0.5 by default).</summary>
    public float Threshold { get; }

    /// <summary>True when binary outputs are logits.</summary>
    public bool FromLogits { get; }

    /// <summary>The positive class of class-score outputs, or null for binary outputs.</summary>
    public int? PositiveClass { get; }

    /// <summary>The target value of positions left out with class-score outputs.</summary>
    public int IgnoreIndex { get; }

    /// <summary>Predicted positive and positive.</summary>
    public long TruePositives { get; private set; }

    /// <summary>Predicted positive but negative.</summary>
    public long FalsePositives { get; private set; }

    /// <summary>Predicted negative but positive.</summary>
    public long FalseNegatives { get; private set; }

    /// <summary>Predicted negative and negative.</summary>
    public long TrueNegatives { get; private set; }

    /// <inheritdoc/>
    public override void Update(Tensor outputs, Tensor targets)
    {
        if (PositiveClass is int positive) UpdateClasses(outputs, targets, positive);
        else UpdateBinary(outputs, targets);
    }

    /// <inheritdoc/>
    public override void Reset() => TruePositives = FalsePositives = FalseNegatives = TrueNegatives = 0;

    /// <summary><paramref name="numerator"/> / <paramref name="denominator"/>, 0 when the denominator is 0 (scikit-learn's <c>zero_division=0</c>).</summary>
    protected static double Ratio(long numerator, long denominator) => denominator == 0 ? 0 : (double)numerator / denominator;

    private void UpdateBinary(Tensor outputs, Tensor targets)
    {
        ArgumentNullException.ThrowIfNull(outputs);
        ArgumentNullException.ThrowIfNull(targets);
        if (!outputs.ShapeRef.AsSpan().SequenceEqual(targets.ShapeRef))
            throw new ArgumentException(
                $"{Name}: binary outputs {Tensor.ShapeText(outputs.ShapeRef)} and targets {Tensor.ShapeText(targets.ShapeRef)} must have the same shape.");
        var x = outputs.Data;
        var y = targets.Data;
        for (int i = 0; i < y.Length; i++)
            if (y[i] != 0f && y[i] != 1f)
                throw new ArgumentException($"{Name}: target {i} is {y[i]}, but binary targets must be 0 or 1.", nameof(targets));
        for (int i = 0; i < x.Length; i++) Add(x[i] > _cut, y[i] == 1f);
    }

    private void UpdateClasses(Tensor outputs, Tensor targets, int positive)
    {
        var predictions = new ClassScoreReader(outputs, targets, Name);
        if (positive >= predictions.Classes)
            throw new ArgumentException($"{Name}: the positive class {positive} is outside the outputs' {predictions.Classes} classes.", nameof(outputs));
        for (int r = 0; r < predictions.Positions; r++)
            if (predictions.TryTarget(r, IgnoreIndex, Name, out int target))
                Add(predictions.Predicted(r) == positive, target == positive);
    }

    private void Add(bool predicted, bool actual)
    {
        if (predicted && actual) TruePositives++;
        else if (predicted) FalsePositives++;
        else if (actual) FalseNegatives++;
        else TrueNegatives++;
    }
}
