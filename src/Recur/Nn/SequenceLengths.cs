using System.Collections;
using System.Diagnostics.CodeAnalysis;
using System.Runtime.CompilerServices;

namespace Recur.Nn;

/// <summary>
/// The real length of each sequence in a padded batch and the side its padding is on — what the recurrent layers need
/// to read a padded batch right. With <see cref="SequenceSide.Post"/> padding (PyTorch's packed sequences) a sequence
/// of length n holds its real steps at <c>0 … n−1</c>; with <see cref="SequenceSide.Pre"/> padding (Keras'
/// <c>pad_sequences</c> default) at <c>T−n … T−1</c>. Either way a recurrent layer gives the same outputs at the real
/// steps, zeros at the padding, and the state after the last real step as the final state: a pre-padded batch and the
/// same sequences post-padded give equal results (outputs moved with their steps) and equal gradients.
/// </summary>
/// <remarks>
/// A plain <c>int[]</c> or collection expression converts to post-padding lengths, PyTorch's convention for
/// <c>pack_padded_sequence</c>. <c>PaddedSequences</c> (Recur.Data) hands out lengths that carry their own side, and
/// <see cref="FromIds"/> reads them off a batch of ids (Keras' <c>mask_zero</c>), so the usual pipeline needs no side
/// spelled out. A length may be 0 (a text that tokenised to nothing): as Keras does with an all-masked sequence, the
/// layers give it zero outputs and its initial state as the final state.
/// </remarks>
[CollectionBuilder(typeof(SequenceLengths), nameof(Create))]
public sealed class SequenceLengths : IReadOnlyList<int>
{
    private readonly int[] _values;

    /// <summary>Lengths of sequences padded on <paramref name="padding"/>'s side (copied); each at least 0.</summary>
    /// <exception cref="ArgumentOutOfRangeException">A length is negative, or <paramref name="padding"/> is not a side.</exception>
    public SequenceLengths(ReadOnlySpan<int> lengths, SequenceSide padding)
    {
        if (!Enum.IsDefined(padding))
            throw new ArgumentOutOfRangeException(nameof(padding), padding, "SequenceLengths: padding must be Pre or Post.");
        for (int i = 0; i < lengths.Length; i++)
            if (lengths[i] < 0)
                throw new ArgumentOutOfRangeException(nameof(lengths), $"SequenceLengths: length {lengths[i]} of sequence {i} is negative.");
        _values = lengths.ToArray();
        Padding = padding;
    }

    /// <summary>The side the padding is on.</summary>
    public SequenceSide Padding { get; }

    /// <summary>Number of sequences.</summary>
    public int Count => _values.Length;

    /// <summary>The real length of sequence <paramref name="index"/>.</summary>
    public int this[int index] => _values[index];

    /// <summary>The lengths as a span.</summary>
    public ReadOnlySpan<int> AsSpan() => _values;

    /// <summary>The storage, for kernels that pin it; never written.</summary>
    internal int[] Values => _values;

    /// <summary>
    /// The first real step of sequence <paramref name="index"/> in a batch of <paramref name="steps"/> steps: 0 with
    /// post-padding, <c>steps − length</c> with pre-padding.
    /// </summary>
    public int FirstStep(int index, int steps) => Padding == SequenceSide.Post ? 0 : steps - _values[index];

    /// <summary>True when every sequence is <paramref name="steps"/> long (there is no padding).</summary>
    public bool AllEqual(int steps)
    {
        foreach (int length in _values)
            if (length != steps) return false;
        return true;
    }

    /// <summary>Sequences <c>[start, start + count)</c>, with the same side.</summary>
    public SequenceLengths Slice(int start, int count) => new(_values.AsSpan(start, count), Padding);

    /// <summary>The lengths of sequences <paramref name="rows"/>, in that order, with the same side (a mini-batch's).</summary>
    public SequenceLengths Select(ReadOnlySpan<int> rows)
    {
        var selected = new int[rows.Length];
        for (int r = 0; r < rows.Length; r++) selected[r] = _values[rows[r]];
        return new SequenceLengths(selected, Padding, owned: true);
    }

    /// <summary>
    /// The lengths and side of a padded batch of ids <c>[B, T]</c> (ids stored as floats): every position holding
    /// <paramref name="paddingId"/> is padding, as Keras' <c>Embedding(mask_zero=True)</c> decides. The padding of each
    /// row must be one run at its start or at its end, and all rows of the batch on the same side.
    /// </summary>
    /// <exception cref="ArgumentException">
    /// The ids are not <c>[B, T]</c>; a row has padding between real ids (a mask with holes has no lengths, and reading it
    /// as if it had would be silently wrong); or some rows are padded at the start and others at the end.
    /// </exception>
    public static SequenceLengths FromIds(Tensor ids, float paddingId = 0f)
    {
        ArgumentNullException.ThrowIfNull(ids);
        if (ids.Rank != 2)
            throw new ArgumentException($"SequenceLengths.FromIds expects ids [B, T] but got {Tensor.ShapeText(ids.Shape)}.", nameof(ids));
        int batch = ids.Dim(0), steps = ids.Dim(1);
        var data = ids.Span;
        var lengths = new int[batch];
        int preRow = -1, postRow = -1;
        for (int b = 0; b < batch; b++)
        {
            var row = data.Slice(b * steps, steps);
            int first = 0, last = steps - 1;
            while (first < steps && row[first] == paddingId) first++;
            while (last >= first && row[last] == paddingId) last--;
            for (int t = first; t <= last; t++)
                if (row[t] == paddingId)
                    throw new ArgumentException(
                        $"SequenceLengths.FromIds: row {b} has the padding id {paddingId} at step {t}, between real ids at steps {first} and {last}; " +
                        "padding must be at the start or the end of a sequence.", nameof(ids));
            lengths[b] = last - first + 1;
            if (first > 0 && last >= first) preRow = preRow < 0 ? b : preRow;
            if (last < steps - 1 && last >= first) postRow = postRow < 0 ? b : postRow;
        }
        if (preRow >= 0 && postRow >= 0)
            throw new ArgumentException(preRow == postRow
                ? $"SequenceLengths.FromIds: row {preRow} is padded at both its start and its end; pad every row on one side."
                : $"SequenceLengths.FromIds: row {preRow} is padded at the start but row {postRow} at the end; pad every row on one side.", nameof(ids));
        return new SequenceLengths(lengths, preRow >= 0 ? SequenceSide.Pre : SequenceSide.Post, owned: true);
    }

    /// <summary>Post-padding lengths from a collection expression (<c>[5, 3, 1]</c>), PyTorch's convention.</summary>
    public static SequenceLengths Create(ReadOnlySpan<int> lengths) => new(lengths, SequenceSide.Post);

    /// <summary>Post-padding lengths from an array (PyTorch's convention for <c>pack_padded_sequence</c>); null stays null.</summary>
    [return: NotNullIfNotNull(nameof(lengths))]
    public static implicit operator SequenceLengths?(int[]? lengths) => lengths is null ? null : Create(lengths);

    /// <inheritdoc/>
    public IEnumerator<int> GetEnumerator() => ((IEnumerable<int>)_values).GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    /// <inheritdoc/>
    public override string ToString() => $"[{string.Join(", ", _values)}] ({Padding}-padded)";

    private SequenceLengths(int[] values, SequenceSide padding, bool owned)
    {
        _ = owned;
        _values = values;
        Padding = padding;
    }
}
