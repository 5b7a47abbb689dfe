using Recur.Autograd;

namespace Recur;

public sealed partial class Tensor
{
    /// <summary>
    /// The same elements with another shape (one dimension may be −1 and is inferred). Shares storage
    /// with this tensor, as a PyTorch view does.
    /// </summary>
    public Tensor Reshape(params int[] shape)
    {
        ArgumentNullException.ThrowIfNull(shape);
        var resolved = (int[])shape.Clone();
        int inferred = -1;
        long known = 1;
        for (int d = 0; d < resolved.Length; d++)
        {
            if (resolved[d] == -1)
            {
                if (inferred >= 0) throw new ArgumentException($"Reshape {ShapeText(_shape)} to {ShapeText(shape)}: only one dimension can be -1.");
                inferred = d;
            }
            else if (resolved[d] < 0) throw new ArgumentException($"Reshape {ShapeText(_shape)} to {ShapeText(shape)}: negative dimension.");
            else known = Math.Min(known * resolved[d], (long)int.MaxValue + 1);   // capped: no wrap to 0
        }
        if (inferred >= 0)
        {
            if (known == 0 || _data.Length % known != 0)
                throw new ArgumentException($"Reshape: shape {ShapeText(shape)} is invalid for a tensor of shape {ShapeText(_shape)} ({_data.Length} elements).");
            resolved[inferred] = (int)(_data.Length / known);
        }
        if (SizeOf(resolved) != _data.Length)
            throw new ArgumentException($"Reshape: shape {ShapeText(shape)} is invalid for a tensor of shape {ShapeText(_shape)} ({_data.Length} elements).");
        var y = new Tensor(_data, resolved);
        // Same row-major order: the gradient passes through unchanged.
        return Tape.Record(y, "reshape", [this], g => AccumulateGrad(g._data));
    }

    /// <summary>The transpose of a 2-D tensor (a copy).</summary>
    public Tensor Transpose()
    {
        if (_shape.Length != 2)
            throw new InvalidOperationException($"Transpose needs a 2-D tensor but got shape {ShapeText(_shape)}.");
        int rows = _shape[0], cols = _shape[1];
        var y = new Tensor(Storage.Zeroed(_data.Length), [cols, rows]);
        for (int r = 0; r < rows; r++)
            for (int c = 0; c < cols; c++)
                y._data[c * rows + r] = _data[r * cols + c];
        return Tape.Record(y, "transpose", [this], g =>
        {
            var dx = GradBuffer();
            for (int r = 0; r < rows; r++)
                for (int c = 0; c < cols; c++)
                    dx[r * cols + c] += g._data[c * rows + r];
        });
    }

    /// <summary>Elements <c>[start, start + length)</c> along <paramref name="axis"/> (a copy).</summary>
    public Tensor Narrow(int axis, int start, int length)
    {
        int ax = NormalizeAxis(axis, "Narrow");
        var (outer, size, inner) = AxisLayout(ax);
        if (start < 0 || length < 0 || start + length > size)
            throw new ArgumentOutOfRangeException(nameof(start),
                $"Narrow: range [{start}, {start + length}) is outside axis {axis} of size {size} in shape {ShapeText(_shape)}.");
        var shape = Shape;
        shape[ax] = length;
        var y = new Tensor(Storage.Zeroed(outer * length * inner), shape);
        int block = length * inner;
        for (int o = 0; o < outer; o++)
            Array.Copy(_data, (o * size + start) * inner, y._data, o * block, block);
        return Tape.Record(y, "narrow", [this], g =>
        {
            var dx = GradBuffer();
            for (int o = 0; o < outer; o++)
            {
                var target = dx.AsSpan((o * size + start) * inner, block);
                System.Numerics.Tensors.TensorPrimitives.Add(target, g._data.AsSpan(o * block, block), target);
            }
        });
    }

    /// <summary>Rows <c>[start, start + length)</c> along the first axis (e.g. a range of time steps or a batch).</summary>
    public Tensor Slice(int start, int length) => Narrow(0, start, length);

    /// <summary>The sub-tensor at <paramref name="index"/> of dimension <paramref name="dim"/>, with that dimension removed (e.g. time step t of <c>[T, B, H]</c>).</summary>
    public Tensor Select(int dim, int index)
    {
        int ax = NormalizeAxis(dim, "Select");
        if (index < 0) index += _shape[ax];
        if (index < 0 || index >= _shape[ax])
            throw new ArgumentOutOfRangeException(nameof(index), $"Select: index {index} is out of range for dimension {dim} of shape {ShapeText(_shape)}.");
        return Narrow(ax, index, 1).Reshape(_shape.Where((_, i) => i != ax).ToArray());
    }

    /// <summary>Joins tensors along <paramref name="axis"/> (default the last); all other dimensions must agree.</summary>
    public static Tensor Concat(IReadOnlyList<Tensor> tensors, int axis = -1)
    {
        ArgumentNullException.ThrowIfNull(tensors);
        if (tensors.Count == 0) throw new ArgumentException("Concat needs at least one tensor.");
        var first = tensors[0];
        int ax = first.NormalizeAxis(axis, "Concat");
        int total = 0;
        foreach (var t in tensors)
        {
            bool compatible = t._shape.Length == first._shape.Length;
            for (int d = 0; compatible && d < t._shape.Length; d++)
                compatible = d == ax || t._shape[d] == first._shape[d];
            if (!compatible)
                throw new ArgumentException(
                    $"Concat along axis {axis}: shapes {ShapeText(first._shape)} and {ShapeText(t._shape)} differ outside that axis.");
            total += t._shape[ax];
        }
        var shape = first.Shape;
        shape[ax] = total;
        var (outer, _, inner) = first.AxisLayout(ax);
        var y = new Tensor(Storage.Zeroed(outer * total * inner), shape);
        int offset = 0;
        var offsets = new int[tensors.Count];
        for (int k = 0; k < tensors.Count; k++)
        {
            offsets[k] = offset;
            int block = tensors[k]._shape[ax] * inner;
            for (int o = 0; o < outer; o++)
                Array.Copy(tensors[k]._data, o * block, y._data, (o * total + offset) * inner, block);
            offset += tensors[k]._shape[ax];
        }
        var inputs = tensors.ToArray();
        // Each input takes back its own slice of the gradient.
        return Tape.Record(y, "concat", inputs, g =>
        {
            for (int k = 0; k < inputs.Length; k++)
            {
                if (!inputs[k].RequiresGrad) continue;
                var dx = inputs[k].GradBuffer();
                int block = inputs[k]._shape[ax] * inner;
                for (int o = 0; o < outer; o++)
                {
                    var target = dx.AsSpan(o * block, block);
                    System.Numerics.Tensors.TensorPrimitives.Add(target, g._data.AsSpan((o * total + offsets[k]) * inner, block), target);
                }
            }
        });
    }

    /// <summary>Cuts this tensor along <paramref name="axis"/> (default the last) into pieces of the given sizes.</summary>
    public Tensor[] Split(int[] sizes, int axis = -1)
    {
        ArgumentNullException.ThrowIfNull(sizes);
        int ax = NormalizeAxis(axis, "Split");
        if (sizes.Any(s => s < 0) || sizes.Sum() != _shape[ax])
            throw new ArgumentException($"Split: sizes {ShapeText(sizes)} do not add up to {_shape[ax]}, the size of axis {axis} in shape {ShapeText(_shape)}.");
        var pieces = new Tensor[sizes.Length];
        int start = 0;
        for (int k = 0; k < sizes.Length; k++)
        {
            pieces[k] = Narrow(ax, start, sizes[k]);
            start += sizes[k];
        }
        return pieces;
    }
}
