using Recur.Nn;

namespace Recur.Data.Text;

/// <summary>
/// Sequences of ids padded to one length (the result of <see cref="SequencePadding.PadSequences"/>): a row-major
/// <c>[Count, Length]</c> matrix, each row's true length after truncation, and the side the padding is on.
/// </summary>
public sealed class PaddedSequences
{
    private readonly int[] _ids;
    private readonly SequenceLengths _lengths;

    internal PaddedSequences(int[] ids, int count, int length, int[] lengths, SequenceSide padding, int value)
    {
        _ids = ids;
        _lengths = new SequenceLengths(lengths, padding);
        Count = count;
        Length = length;
        Padding = padding;
        PaddingValue = value;
    }

    /// <summary>Number of sequences (rows), N.</summary>
    public int Count { get; }

    /// <summary>The common length (columns), T.</summary>
    public int Length { get; }

    /// <summary>Where the padding was added.</summary>
    public SequenceSide Padding { get; }

    /// <summary>The value the padding positions hold.</summary>
    public int PaddingValue { get; }

    /// <summary>
    /// The number of real (not padding) ids in each row, after truncation (0 for an empty sequence), carrying the side of
    /// the padding: give them to a recurrent layer (or a <c>TensorDataset</c>) as they are, and it reads the real steps
    /// whichever side the padding is on.
    /// </summary>
    public SequenceLengths Lengths => _lengths;

    /// <summary>The id at row <paramref name="row"/>, step <paramref name="step"/>.</summary>
    public int this[int row, int step]
    {
        get
        {
            if ((uint)row >= (uint)Count || (uint)step >= (uint)Length)
                throw new ArgumentOutOfRangeException(nameof(row), $"PaddedSequences: [{row}, {step}] is outside [{Count}, {Length}].");
            return _ids[row * Length + step];
        }
    }

    /// <summary>One row's ids, padding included.</summary>
    public ReadOnlySpan<int> Row(int row)
    {
        if ((uint)row >= (uint)Count)
            throw new ArgumentOutOfRangeException(nameof(row), row, $"PaddedSequences: row {row} is outside [0, {Count}).");
        return _ids.AsSpan(row * Length, Length);
    }

    /// <summary>Whether position <paramref name="step"/> of row <paramref name="row"/> holds a real id rather than padding.</summary>
    public bool IsReal(int row, int step)
    {
        _ = this[row, step];
        int real = _lengths[row];
        return Padding == SequenceSide.Post ? step < real : step >= Length - real;
    }

    /// <summary>The whole matrix, row-major.</summary>
    public ReadOnlySpan<int> Ids => _ids;

    /// <summary>The matrix as jagged rows (for tests and printing).</summary>
    public int[][] ToArrays()
    {
        var rows = new int[Count][];
        for (int i = 0; i < Count; i++) rows[i] = Row(i).ToArray();
        return rows;
    }

    /// <summary>
    /// The ids as a float tensor <c>[Count, Length]</c>, the input <see cref="Recur.Nn.Embedding"/>'s
    /// <c>Forward(Tensor)</c> takes.
    /// </summary>
    public Tensor ToTensor()
    {
        var data = new float[_ids.Length];
        for (int i = 0; i < data.Length; i++) data[i] = _ids[i];
        return Tensor.FromArray(data, Count, Length);
    }

    /// <summary>The rows <paramref name="rows"/> (a mini-batch) as a float tensor <c>[rows.Count, Length]</c>.</summary>
    public Tensor ToTensor(IReadOnlyList<int> rows)
    {
        ArgumentNullException.ThrowIfNull(rows);
        var data = new float[rows.Count * Length];
        for (int r = 0; r < rows.Count; r++)
        {
            var row = Row(rows[r]);
            for (int t = 0; t < Length; t++) data[r * Length + t] = row[t];
        }
        return Tensor.FromArray(data, rows.Count, Length);
    }

    /// <summary>
    /// The true lengths of rows <paramref name="rows"/>, in that order, with this matrix's padding side (the
    /// <c>lengths</c> a recurrent layer takes for the mini-batch <see cref="ToTensor(IReadOnlyList{int})"/> gives).
    /// </summary>
    public SequenceLengths LengthsOf(IReadOnlyList<int> rows)
    {
        ArgumentNullException.ThrowIfNull(rows);
        var picked = new int[rows.Count];
        for (int r = 0; r < rows.Count; r++)
        {
            _ = Row(rows[r]);
            picked[r] = rows[r];
        }
        return _lengths.Select(picked);
    }
}
