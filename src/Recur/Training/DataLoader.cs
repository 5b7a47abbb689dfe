using System.Collections;
using Recur.Nn;

namespace Recur.Training;

/// <summary>
/// Mini-batches over a <see cref="TensorDataset"/> (PyTorch's <c>DataLoader</c> with a batch size, shuffle,
/// generator and drop_last). Enumerating the loader runs one epoch; each epoch with <c>shuffle</c> draws a new
/// permutation from the generator's stream, so the same seed gives the same sequence of epochs.
/// </summary>
/// <remarks>
/// Every sample appears exactly once per epoch. Without <c>dropLast</c> the last batch holds the remainder
/// (<c>N mod batchSize</c> samples, when that is not 0); with it, that remainder is left out. Each batch copies its
/// rows into new tensors (and, with lengths, a new <c>int[]</c>); nothing else is allocated per batch.
/// </remarks>
/// <example>
/// <code>
/// var loader = new DataLoader(new TensorDataset(x, y), batchSize: 100, shuffle: true, generator: new Generator(42));
/// for (int epoch = 0; epoch &lt; 2; epoch++)
///     foreach (var batch in loader) { /* batch.Inputs [100, 28, 28], batch.Targets [100] */ }
/// </code>
/// </example>
public sealed class DataLoader : IEnumerable<Batch>
{
    private readonly Generator? _generator;
    private readonly int _targetRow;
    private readonly int[] _fullInputShape;
    private readonly int[] _fullTargetShape;

    /// <summary>Creates a loader; the dataset's tensors are read when batches are made, not now.</summary>
    /// <param name="dataset">The samples.</param>
    /// <param name="batchSize">Samples per batch, at least 1.</param>
    /// <param name="shuffle">Visit the samples in a new random order each epoch; otherwise in dataset order.</param>
    /// <param name="generator">The source of the permutations; null uses <see cref="Generator.Default"/> as it
    /// is at the start of each epoch (reset it with <see cref="Generator.ManualSeed"/> to reproduce a run).</param>
    /// <param name="dropLast">Leave out the last batch when it would be smaller than <paramref name="batchSize"/>.</param>
    public DataLoader(TensorDataset dataset, int batchSize, bool shuffle = false, Generator? generator = null, bool dropLast = false)
    {
        ArgumentNullException.ThrowIfNull(dataset);
        if (batchSize < 1)
            throw new ArgumentOutOfRangeException(nameof(batchSize), batchSize, "DataLoader: the batch size must be at least 1.");
        Dataset = dataset;
        BatchSize = batchSize;
        Shuffle = shuffle;
        DropLast = dropLast;
        _generator = generator;
        _targetRow = dataset.Count == 0 ? 0 : dataset.Targets.Size / dataset.Count;
        _fullInputShape = dataset.InputShape(batchSize);
        _fullTargetShape = BatchShape(dataset.Targets, batchSize);
    }

    /// <summary>The samples.</summary>
    public TensorDataset Dataset { get; }

    /// <summary>Samples per full batch.</summary>
    public int BatchSize { get; }

    /// <summary>True when each epoch visits the samples in a new random order.</summary>
    public bool Shuffle { get; }

    /// <summary>True when a last, smaller batch is left out.</summary>
    public bool DropLast { get; }

    /// <summary>Batches per epoch: <c>N / batchSize</c> rounded down with <see cref="DropLast"/>, up without.</summary>
    public int Count => DropLast ? Dataset.Count / BatchSize : (Dataset.Count + BatchSize - 1) / BatchSize;

    /// <summary>Runs one epoch: draws the sample order, then yields the batches.</summary>
    public IEnumerator<Batch> GetEnumerator()
    {
        var order = EpochOrder();
        int batches = Count;
        for (int k = 0; k < batches; k++)
        {
            int start = k * BatchSize;
            int size = Math.Min(BatchSize, order.Length - start);
            yield return MakeBatch(new ReadOnlyMemory<int>(order, start, size));
        }
    }

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    private int[] EpochOrder()
    {
        var order = new int[Dataset.Count];
        for (int i = 0; i < order.Length; i++) order[i] = i;
        if (Shuffle) (_generator ?? Generator.Default).Shuffle(order.AsSpan());
        return order;
    }

    private Batch MakeBatch(ReadOnlyMemory<int> indices)
    {
        var rows = indices.Span;
        var inputs = Tensor.Zeros(rows.Length == BatchSize ? _fullInputShape : Dataset.InputShape(rows.Length));
        var targets = Tensor.Zeros(rows.Length == BatchSize ? _fullTargetShape : BatchShape(Dataset.Targets, rows.Length));
        Dataset.CopyInputs(rows, inputs.Span);
        CopyRows(Dataset.Targets.Span, targets.Span, _targetRow, rows);
        return new Batch(inputs, targets, Dataset.Lengths?.Select(rows), indices);
    }

    private static int[] BatchShape(Tensor source, int batchSize)
    {
        var shape = source.Shape;
        shape[0] = batchSize;
        return shape;
    }

    private static void CopyRows(ReadOnlySpan<float> source, Span<float> destination, int rowSize, ReadOnlySpan<int> rows)
    {
        for (int r = 0; r < rows.Length; r++)
            source.Slice(rows[r] * rowSize, rowSize).CopyTo(destination.Slice(r * rowSize, rowSize));
    }
}
