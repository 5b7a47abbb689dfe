namespace Recur.Data.Text;

/// <summary>
/// Texts with a class label each, as a loader read them: label <c>i</c> means <see cref="ClassNames"/>[i]. Rows a
/// loader left out are reported, never dropped silently: <see cref="DroppedEmptyLines"/> lists the lines whose text
/// was empty, <see cref="BlankLines"/> counts blank lines skipped, and <see cref="Notes"/> says anything else a
/// loader noticed (such as cells outside the chosen columns).
/// </summary>
public sealed class LabelledTexts
{
    private readonly string[] _texts;
    private readonly int[] _labels;
    private readonly string[] _classNames;
    private readonly int[] _droppedEmptyLines;
    private readonly string[] _notes;

    /// <summary>Creates the set; every label must index <paramref name="classNames"/>.</summary>
    public LabelledTexts(IReadOnlyList<string> texts, IReadOnlyList<int> labels, IReadOnlyList<string> classNames,
        string? source = null, IReadOnlyList<int>? droppedEmptyLines = null, int blankLines = 0, IReadOnlyList<string>? notes = null)
    {
        ArgumentNullException.ThrowIfNull(texts);
        ArgumentNullException.ThrowIfNull(labels);
        ArgumentNullException.ThrowIfNull(classNames);
        if (texts.Count != labels.Count)
            throw new ArgumentException($"LabelledTexts: {texts.Count} texts but {labels.Count} labels.");
        if (classNames.Count == 0)
            throw new ArgumentException("LabelledTexts: at least one class name is needed.", nameof(classNames));
        for (int i = 0; i < labels.Count; i++)
            if ((uint)labels[i] >= (uint)classNames.Count)
                throw new ArgumentOutOfRangeException(nameof(labels), labels[i],
                    $"LabelledTexts: label at position {i} is {labels[i]}, outside [0, {classNames.Count}).");
        _texts = texts.ToArray();
        _labels = labels.ToArray();
        _classNames = classNames.ToArray();
        _droppedEmptyLines = droppedEmptyLines?.ToArray() ?? [];
        _notes = notes?.ToArray() ?? [];
        Source = source;
        BlankLines = blankLines;
    }

    /// <summary>The texts, in file order.</summary>
    public IReadOnlyList<string> Texts => _texts;

    /// <summary>The class id of each text.</summary>
    public IReadOnlyList<int> Labels => _labels;

    /// <summary>Class names; the index is the class id.</summary>
    public IReadOnlyList<string> ClassNames => _classNames;

    /// <summary>Where the texts came from (a path, or several joined by "; "), if known.</summary>
    public string? Source { get; }

    /// <summary>Line numbers of rows left out because their text was empty (after trimming white space).</summary>
    public IReadOnlyList<int> DroppedEmptyLines => _droppedEmptyLines;

    /// <summary>Blank lines skipped.</summary>
    public int BlankLines { get; }

    /// <summary>What the loader noticed and the user may want to know, one sentence each (empty if nothing).</summary>
    public IReadOnlyList<string> Notes => _notes;

    /// <summary>Number of texts.</summary>
    public int Count => _texts.Length;

    /// <summary>How many texts each class has; index = class id.</summary>
    public int[] CountPerClass()
    {
        var counts = new int[_classNames.Length];
        foreach (int label in _labels) counts[label]++;
        return counts;
    }

    /// <summary>The texts at <paramref name="indices"/>, in that order, with the same class names.</summary>
    public LabelledTexts Subset(IReadOnlyList<int> indices)
    {
        ArgumentNullException.ThrowIfNull(indices);
        var texts = new string[indices.Count];
        var labels = new int[indices.Count];
        for (int i = 0; i < indices.Count; i++)
        {
            int at = indices[i];
            if ((uint)at >= (uint)Count)
                throw new ArgumentOutOfRangeException(nameof(indices), at, $"LabelledTexts.Subset: index {at} is outside [0, {Count}).");
            texts[i] = _texts[at];
            labels[i] = _labels[at];
        }
        return new LabelledTexts(texts, labels, _classNames, Source);
    }

    /// <summary>A stratified train/test split (see <see cref="Text.StratifiedSplit"/>).</summary>
    public (LabelledTexts Train, LabelledTexts Test) StratifiedSplit(double testFraction, Generator generator)
    {
        var (train, test) = Text.StratifiedSplit.Indices(_labels, testFraction, generator);
        return (Subset(train), Subset(test));
    }

    /// <summary>The labels as a float tensor <c>[Count]</c> (class ids for <c>CrossEntropyLoss</c>, 0/1 targets for BCE).</summary>
    public Tensor LabelsTensor()
    {
        var data = new float[_labels.Length];
        for (int i = 0; i < data.Length; i++) data[i] = _labels[i];
        return Tensor.FromArray(data, data.Length);
    }

    /// <summary>Several sets one after the other; they must have the same class names in the same order.</summary>
    public static LabelledTexts Concat(params LabelledTexts[] parts)
    {
        ArgumentNullException.ThrowIfNull(parts);
        if (parts.Length == 0) throw new ArgumentException("LabelledTexts.Concat: nothing to join.", nameof(parts));
        var names = parts[0]._classNames;
        foreach (var part in parts)
            if (!part._classNames.SequenceEqual(names))
                throw new ArgumentException(
                    $"LabelledTexts.Concat: class names [{string.Join(", ", part._classNames)}] differ from [{string.Join(", ", names)}].");
        return new LabelledTexts(
            parts.SelectMany(p => p._texts).ToArray(),
            parts.SelectMany(p => p._labels).ToArray(),
            names,
            string.Join("; ", parts.Select(p => p.Source).Where(s => s is not null)),
            parts.SelectMany(p => p._droppedEmptyLines).ToArray(),
            parts.Sum(p => p.BlankLines),
            parts.SelectMany(p => p._notes).ToArray());
    }

    /// <summary>A one-line summary: count, per-class counts, anything left out.</summary>
    public override string ToString()
    {
        var perClass = CountPerClass();
        string classes = string.Join(", ", _classNames.Select((name, i) => $"{name} {perClass[i]:N0}"));
        string dropped = _droppedEmptyLines.Length > 0 ? $"; {_droppedEmptyLines.Length:N0} empty texts left out" : "";
        return $"{Count:N0} texts ({classes}){dropped}{(Source is null ? "" : $" from {Source}")}";
    }
}
