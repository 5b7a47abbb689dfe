using Recur.Nn;

namespace Recur.Training;

/// <summary>
/// Samples held as aligned tensors (PyTorch's <c>TensorDataset</c>): inputs <c>[N, …]</c> and targets
/// <c>[N, …]</c>, sample <c>i</c> being row <c>i</c> of each, with an optional length per sample for
/// variable-length sequences padded to a common length.
/// </summary>
/// <remarks>
/// The tensors are referenced, not copied; batches copy rows out of them when they are made. Inputs can instead come
/// from an <see cref="ISampleSource"/>, which makes each batch's samples when the batch is made.
/// </remarks>
public sealed class TensorDataset
{
    private readonly ISampleSource? _source;
    private Tensor? _inputs;

    /// <summary>Pairs <paramref name="inputs"/> with <paramref name="targets"/>; both need the same first dimension.</summary>
    /// <param name="inputs">Inputs <c>[N, …]</c>.</param>
    /// <param name="targets">Targets <c>[N, …]</c>, e.g. class ids <c>[N]</c> as floats or values <c>[N, 1]</c>.</param>
    /// <param name="lengths">
    /// Optional real length of each sample and the side of its padding (a plain <c>int[]</c> means post-padding; the
    /// lengths of Recur.Data's <c>PaddedSequences</c> carry their side).
    /// </param>
    public TensorDataset(Tensor inputs, Tensor targets, SequenceLengths? lengths = null)
    {
        ArgumentNullException.ThrowIfNull(inputs);
        ArgumentNullException.ThrowIfNull(targets);
        if (inputs.Rank == 0 || targets.Rank == 0)
            throw new ArgumentException($"TensorDataset needs inputs and targets with a sample dimension but got inputs {Tensor.ShapeText(inputs.Shape)} and targets {Tensor.ShapeText(targets.Shape)}.");
        int n = inputs.Dim(0);
        if (targets.Dim(0) != n)
            throw new ArgumentException($"TensorDataset: inputs {Tensor.ShapeText(inputs.Shape)} hold {n} samples but targets {Tensor.ShapeText(targets.Shape)} hold {targets.Dim(0)}.", nameof(targets));
        if (lengths is not null)
        {
            if (lengths.Count != n)
                throw new ArgumentException($"TensorDataset: {n} samples need {n} lengths but got {lengths.Count}.", nameof(lengths));
        }
        Lengths = lengths;
        _inputs = inputs;
        Targets = targets;
        Count = n;
    }

    /// <summary>
    /// Pairs inputs made on demand by <paramref name="inputs"/> with <paramref name="targets"/>: a batch's samples are made
    /// when the batch is, so the whole input tensor never exists (unless <see cref="Inputs"/> is asked for).
    /// </summary>
    /// <param name="inputs">The samples' source, N samples.</param>
    /// <param name="targets">Targets <c>[N, …]</c>.</param>
    /// <param name="lengths">Optional real length of each sample and the side of its padding.</param>
    public TensorDataset(ISampleSource inputs, Tensor targets, SequenceLengths? lengths = null)
    {
        ArgumentNullException.ThrowIfNull(inputs);
        ArgumentNullException.ThrowIfNull(targets);
        if (targets.Rank == 0)
            throw new ArgumentException($"TensorDataset needs targets with a sample dimension but got {Tensor.ShapeText(targets.Shape)}.", nameof(targets));
        int n = inputs.Count;
        if (targets.Dim(0) != n)
            throw new ArgumentException($"TensorDataset: the input source holds {n} samples but targets {Tensor.ShapeText(targets.Shape)} hold {targets.Dim(0)}.", nameof(targets));
        if (lengths is not null && lengths.Count != n)
            throw new ArgumentException($"TensorDataset: {n} samples need {n} lengths but got {lengths.Count}.", nameof(lengths));
        _source = inputs;
        Lengths = lengths;
        Targets = targets;
        Count = n;
    }

    /// <summary>Pairs <paramref name="inputs"/> with class ids, stored as a float tensor <c>[N]</c>.</summary>
    public TensorDataset(Tensor inputs, ReadOnlySpan<int> classIds, SequenceLengths? lengths = null)
        : this(inputs, ClassIdTensor(classIds), lengths)
    {
    }

    /// <summary>
    /// Inputs <c>[N, …]</c>. For a dataset whose inputs come from an <see cref="ISampleSource"/> this makes every sample
    /// at the first call (and keeps them); training and evaluation never ask for it.
    /// </summary>
    public Tensor Inputs => _inputs ??= MakeAll(_source!);

    /// <summary>True when the inputs are made per batch by an <see cref="ISampleSource"/> rather than held as a tensor.</summary>
    public bool HasSampleSource => _source is not null;

    /// <summary>The floats of one input sample.</summary>
    internal int InputSampleSize => _source is null ? (Count == 0 ? 0 : _inputs!.Size / Count) : SizeOf(_source.SampleShape);

    /// <summary>The shape of <paramref name="samples"/> inputs: <c>[samples, …]</c>.</summary>
    internal int[] InputShape(int samples)
    {
        int[] shape = _source is null ? _inputs!.Shape : [0, .. _source.SampleShape];
        shape[0] = samples;
        return shape;
    }

    /// <summary>Writes input samples <paramref name="rows"/> one after another into <paramref name="destination"/>.</summary>
    internal void CopyInputs(ReadOnlySpan<int> rows, Span<float> destination)
    {
        if (_source is not null)
        {
            _source.CopySamples(rows, destination);
            return;
        }
        int rowSize = InputSampleSize;
        var source = _inputs!.Span;
        for (int r = 0; r < rows.Length; r++)
            source.Slice(rows[r] * rowSize, rowSize).CopyTo(destination.Slice(r * rowSize, rowSize));
    }

    private static int SizeOf(IReadOnlyList<int> shape)
    {
        int size = 1;
        foreach (int d in shape) size = checked(size * d);
        return size;
    }

    private Tensor MakeAll(ISampleSource source)
    {
        var all = Tensor.Zeros(InputShape(Count));
        var rows = new int[Count];
        for (int i = 0; i < rows.Length; i++) rows[i] = i;
        source.CopySamples(rows, all.Span);
        return all;
    }

    /// <summary>Targets <c>[N, …]</c>.</summary>
    public Tensor Targets { get; }

    /// <summary>Per-sample lengths with their padding side, or null when the dataset has none.</summary>
    public SequenceLengths? Lengths { get; }

    /// <summary>True when the samples carry lengths.</summary>
    public bool HasLengths => Lengths is not null;

    /// <summary>Number of samples, N.</summary>
    public int Count { get; }

    private static Tensor ClassIdTensor(ReadOnlySpan<int> classIds)
    {
        var tensor = Tensor.Zeros(classIds.Length);
        var span = tensor.Span;
        for (int i = 0; i < classIds.Length; i++) span[i] = classIds[i];
        return tensor;
    }

    /// <summary>
    /// Samples <c>[start, start + count)</c> as a new dataset (copies; a sample source is sliced, not copied), e.g. the last fraction for validation as Keras'
    /// <c>validation_split</c> takes it.
    /// </summary>
    public TensorDataset Slice(int start, int count)
    {
        if (start < 0 || count < 0 || start + count > Count)
            throw new ArgumentOutOfRangeException(nameof(start), $"TensorDataset.Slice: [{start}, {start + count}) is outside the {Count} samples.");
        return _source is not null
            ? new TensorDataset(_source.Slice(start, count), Targets.Slice(start, count), Lengths?.Slice(start, count))
            : new TensorDataset(_inputs!.Slice(start, count), Targets.Slice(start, count), Lengths?.Slice(start, count));
    }
}
