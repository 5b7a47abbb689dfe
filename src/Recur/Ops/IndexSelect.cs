using Recur.Autograd;

namespace Recur;

public sealed partial class Tensor
{
    /// <summary>
    /// Rows of a 2-D tensor picked by <paramref name="indices"/> (an embedding lookup): this is <c>[num, dim]</c>,
    /// the result <c>[indices.Length, dim]</c>. Backward adds each row's gradient into the row it came from.
    /// </summary>
    public Tensor IndexSelect(ReadOnlySpan<int> indices) => IndexSelect(indices, frozenRow: -1);

    /// <summary>As <see cref="IndexSelect(ReadOnlySpan{int})"/>, but row <paramref name="frozenRow"/> gets no gradient (an embedding's padding row).</summary>
    internal Tensor IndexSelect(ReadOnlySpan<int> indices, int frozenRow) => IndexSelect(indices, frozenRow, null);

    /// <summary>
    /// As <see cref="IndexSelect(ReadOnlySpan{int}, int)"/>, the result shaped <paramref name="outputShape"/> (the ids'
    /// shape and the row width; null for <c>[indices.Length, dim]</c>): an embedding of <c>[B, T]</c> ids gives
    /// <c>[B, T, dim]</c> at once, without a reshape whose backward copies the whole gradient.
    /// </summary>
    internal Tensor IndexSelect(ReadOnlySpan<int> indices, int frozenRow, int[]? outputShape)
    {
        if (_shape.Length != 2)
            throw new InvalidOperationException($"IndexSelect needs a 2-D tensor [num, dim] but got shape {ShapeText(_shape)}.");
        int num = _shape[0], dim = _shape[1];
        var ids = indices.ToArray();
        for (int i = 0; i < ids.Length; i++)
            if ((uint)ids[i] >= (uint)num)
                throw new ArgumentOutOfRangeException(nameof(indices),
                    $"IndexSelect: index {ids[i]} at position {i} is out of range for {num} rows (tensor of shape {ShapeText(_shape)}).");
        // Every element is written below.
        if (outputShape is not null && (outputShape.Length == 0 || outputShape[^1] != dim || SizeOf(outputShape) != (long)ids.Length * dim))
            throw new ArgumentException($"IndexSelect: shape {ShapeText(outputShape)} does not hold {ids.Length} rows of {dim}.", nameof(outputShape));
        var y = new Tensor(Storage.Uninitialized(ids.Length * dim), outputShape ?? [ids.Length, dim]);
        Kernels.RowBlocks.Gather(_data, ids, y._data, dim);
        return Tape.Record(y, "index_select", [this], g =>
        {
            Kernels.RowBlocks.ScatterAdd(g._data, ids, GradBuffer(), dim, frozenRow);
        });
    }
}
