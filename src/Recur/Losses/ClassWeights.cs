namespace Recur.Losses;

/// <summary>
/// Weights that make the classes of imbalanced data count equally in a loss: class weights for
/// <see cref="CrossEntropyLoss"/> and positive weights for <see cref="BCEWithLogitsLoss"/>.
/// </summary>
public static class ClassWeights
{
    /// <summary>
    /// scikit-learn's <c>compute_class_weight("balanced", classes=range(classes), y=labels)</c>: class c weighs
    /// <c>n / (classes · count(c))</c>, so every class contributes as much in total as it would with balanced data.
    /// Returns a tensor <c>[classes]</c> to pass as <see cref="CrossEntropyLoss"/>'s weight.
    /// </summary>
    /// <exception cref="ArgumentException">A label outside [0, classes), or a class that never occurs (its weight
    /// would be infinite; scikit-learn refuses it too).</exception>
    public static Tensor Balanced(ReadOnlySpan<int> labels, int classes)
    {
        if (classes < 1) throw new ArgumentOutOfRangeException(nameof(classes), classes, "ClassWeights.Balanced: there must be at least one class.");
        if (labels.IsEmpty) throw new ArgumentException("ClassWeights.Balanced: there are no labels to count.", nameof(labels));
        var counts = new long[classes];
        for (int i = 0; i < labels.Length; i++)
        {
            if ((uint)labels[i] >= (uint)classes)
                throw new ArgumentException($"ClassWeights.Balanced: label {i} is {labels[i]}, outside the {classes} classes [0, {classes}).", nameof(labels));
            counts[labels[i]]++;
        }
        var weights = new float[classes];
        for (int c = 0; c < classes; c++)
        {
            if (counts[c] == 0)
                throw new ArgumentException($"ClassWeights.Balanced: class {c} never occurs in the {labels.Length} labels, so it has no balanced weight.", nameof(labels));
            weights[c] = (float)((double)labels.Length / ((double)classes * counts[c]));
        }
        return Tensor.FromArray(weights, classes);
    }

    /// <summary>The balanced class weights of labels stored as floats (e.g. a dataset's targets <c>[N]</c>).</summary>
    /// <inheritdoc cref="Balanced(ReadOnlySpan{int}, int)"/>
    public static Tensor Balanced(Tensor labels, int classes)
    {
        ArgumentNullException.ThrowIfNull(labels);
        var values = labels.Data;
        var ids = new int[values.Length];
        for (int i = 0; i < ids.Length; i++) ids[i] = ClassIndex.Read(values[i], i, "ClassWeights.Balanced", "label");
        return Balanced(ids, classes);
    }

    /// <summary>
    /// For binary or multi-label targets of 0s and 1s, each column's negatives / positives (PyTorch's advice for
    /// <c>pos_weight</c>: 300 negatives and 100 positives give 3). Columns are the last axis of <c>[N, C]</c> targets,
    /// giving <c>[C]</c>; targets <c>[N]</c> are one column, giving <c>[1]</c>.
    /// </summary>
    /// <exception cref="ArgumentException">A target that is neither 0 nor 1, or a column without positives.</exception>
    public static Tensor PositiveWeights(Tensor targets)
    {
        ArgumentNullException.ThrowIfNull(targets);
        if (targets.Rank == 0 || targets.Size == 0)
            throw new ArgumentException($"ClassWeights.PositiveWeights: targets {Tensor.ShapeText(targets.ShapeRef)} hold no samples.", nameof(targets));
        int columns = targets.Rank == 1 ? 1 : targets.ShapeRef[^1];
        var positives = new long[columns];
        var values = targets.Data;
        for (int i = 0; i < values.Length; i++)
        {
            if (values[i] == 1f) positives[i % columns]++;
            else if (values[i] != 0f)
                throw new ArgumentException($"ClassWeights.PositiveWeights: target {i} is {values[i]}, but targets must be 0 or 1.", nameof(targets));
        }
        long rows = values.Length / columns;
        var weights = new float[columns];
        for (int c = 0; c < columns; c++)
        {
            if (positives[c] == 0)
                throw new ArgumentException($"ClassWeights.PositiveWeights: column {c} has no positive target, so it has no positive weight.", nameof(targets));
            weights[c] = (float)((double)(rows - positives[c]) / positives[c]);
        }
        return Tensor.FromArray(weights, columns);
    }
}
