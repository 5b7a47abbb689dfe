namespace Recur.Tasks.TextClassification;

/// <summary>Checks the class labels a baseline is fitted on and counts them.</summary>
internal static class TrainingLabels
{
    /// <summary>
    /// The labels as an array and the count of each class. Every label must be in [0, <paramref name="classes"/>) and,
    /// when <paramref name="everyClass"/> is set, every class must occur (a model cannot learn a class it never saw).
    /// </summary>
    public static (int[] Labels, int[] Counts) Check(IReadOnlyList<int> labels, int classes, int items, string model, bool everyClass)
    {
        ArgumentNullException.ThrowIfNull(labels);
        if (classes < 2) throw new ArgumentOutOfRangeException(nameof(classes), classes, $"{model}: at least two classes are needed.");
        if (labels.Count != items)
            throw new ArgumentException($"{model}: {items} training items but {labels.Count} labels.", nameof(labels));
        if (items == 0) throw new ArgumentException($"{model}: no training items.", nameof(labels));
        var array = new int[items];
        var counts = new int[classes];
        for (int i = 0; i < items; i++)
        {
            int label = labels[i];
            if ((uint)label >= (uint)classes)
                throw new ArgumentOutOfRangeException(nameof(labels), label, $"{model}: label {i} is {label}, outside [0, {classes}).");
            array[i] = label;
            counts[label]++;
        }
        if (everyClass)
            for (int c = 0; c < classes; c++)
                if (counts[c] == 0)
                    throw new ArgumentException($"{model}: class {c} has no training items; every one of the {classes} classes must occur.", nameof(labels));
        return (array, counts);
    }
}
