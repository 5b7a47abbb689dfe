using Recur.Nn;

namespace Recur.Training;

/// <summary>
/// Samples held as aligned tensors (PyTorch's <c>TensorDataset</c>): inputs <c>[N, …]</c> and targets
/// <c>[N, …]</c>, sample <c>i</c> being row <c>i</c> of each, with an optional length per sample for
/// variable-length sequences padded to a common length.
/// </summary>
/// <remarks>The tensors are referenced, not copied; batches copy rows out of them when they are made.</remarks>
public sealed class TensorDataset
{

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
        Inputs = inputs;
        Targets = targets;
        Count = n;
    }

    /// <summary>Pairs <paramref name="inputs"/> with class ids, stored as a float tensor <c>[N]</c>.</summary>
    public TensorDataset(Tensor inputs, ReadOnlySpan<int> classIds, SequenceLengths? lengths = null)
        : this(inputs, ClassIdTensor(classIds), lengths)
    {
    }

    /// <summary>Inputs <c>[N, …]</c>.</summary>
    public Tensor Inputs { get; }

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
    /// Samples <c>[start, start + count)</c> as a new dataset (copies), e.g. the last fraction for validation as Keras'
    /// <c>validation_split</c> takes it.
    /// </summary>
    public TensorDataset Slice(int start, int count)
    {
        if (start < 0 || count < 0 || start + count > Count)
            throw new ArgumentOutOfRangeException(nameof(start), $"TensorDataset.Slice: [{start}, {start + count}) is outside the {Count} samples.");
        return new TensorDataset(Inputs.Slice(start, count), Targets.Slice(start, count), Lengths?.Slice(start, count));
    }
}
