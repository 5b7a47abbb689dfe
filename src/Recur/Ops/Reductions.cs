using System.Numerics.Tensors;
using Recur.Autograd;

namespace Recur;

public sealed partial class Tensor
{
    /// <summary>Sum of all elements, shape <c>[]</c>.</summary>
    public Tensor Sum()
    {
        var y = Scalar(TensorPrimitives.Sum<float>(_data));
        // d Σx / dx = 1
        return Tape.Record(y, "sum", [this], g =>
            TensorPrimitives.Add(GradBuffer(), g._data[0], GradBuffer()));
    }

    /// <summary>Mean of all elements, shape <c>[]</c>.</summary>
    public Tensor Mean()
    {
        if (_data.Length == 0)
            throw new InvalidOperationException("Mean of an empty tensor is undefined.");
        int n = _data.Length;
        var y = Scalar(TensorPrimitives.Sum<float>(_data) / n);
        // d mean/dx = 1/n
        return Tape.Record(y, "mean", [this], g =>
            TensorPrimitives.Add(GradBuffer(), g._data[0] / n, GradBuffer()));
    }

    /// <summary>Sum along <paramref name="axis"/>; the axis is kept with size 1 when <paramref name="keepDim"/>.</summary>
    public Tensor Sum(int axis, bool keepDim = false) => ReduceAxis(axis, keepDim, mean: false);

    /// <summary>Mean along <paramref name="axis"/>; the axis is kept with size 1 when <paramref name="keepDim"/>.</summary>
    public Tensor Mean(int axis, bool keepDim = false) => ReduceAxis(axis, keepDim, mean: true);

    private Tensor ReduceAxis(int axis, bool keepDim, bool mean)
    {
        string op = mean ? "mean" : "sum";
        int ax = NormalizeAxis(axis, op);
        var (outer, length, inner) = AxisLayout(ax);
        if (mean && length == 0)
            throw new InvalidOperationException($"Mean along axis {axis} of shape {ShapeText(_shape)}: the axis is empty.");
        float scale = mean ? 1f / length : 1f;
        var shape = keepDim
            ? _shape.Select((d, i) => i == ax ? 1 : d).ToArray()
            : _shape.Where((_, i) => i != ax).ToArray();
        var y = new Tensor(Storage.Zeroed(outer * inner), shape);
        for (int o = 0; o < outer; o++)
            for (int j = 0; j < length; j++)
            {
                var row = _data.AsSpan((o * length + j) * inner, inner);
                var acc = y._data.AsSpan(o * inner, inner);
                TensorPrimitives.Add(acc, row, acc);
            }
        if (mean) TensorPrimitives.Multiply(y._data, scale, y._data);
        // Each input element receives the gradient of the output it was summed into (× 1/n for the mean).
        return Tape.Record(y, op, [this], g =>
        {
            var dx = GradBuffer();
            for (int o = 0; o < outer; o++)
                for (int j = 0; j < length; j++)
                {
                    var target = dx.AsSpan((o * length + j) * inner, inner);
                    TensorPrimitives.MultiplyAdd(g._data.AsSpan(o * inner, inner), scale, target, target);
                }
        });
    }

    /// <summary>Index of the largest element along <paramref name="axis"/>, for each lane (first one on ties).</summary>
    public int[] ArgMax(int axis = -1)
    {
        var (outer, length, inner) = AxisLayout(NormalizeAxis(axis, "ArgMax"));
        if (length == 0)
            throw new InvalidOperationException($"ArgMax along axis {axis} of shape {ShapeText(_shape)}: the axis is empty.");
        var result = new int[outer * inner];
        for (int o = 0; o < outer; o++)
            for (int i = 0; i < inner; i++)
            {
                int start = o * length * inner + i, best = 0;
                for (int j = 1; j < length; j++)
                    if (_data[start + j * inner] > _data[start + best * inner]) best = j;
                result[o * inner + i] = best;
            }
        return result;
    }
}
