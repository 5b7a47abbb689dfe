using Recur.Autograd;

namespace Recur;

public sealed partial class Tensor
{
    /// <summary>softmax along <paramref name="axis"/>: e^(x−max) / Σ e^(x−max).</summary>
    public Tensor Softmax(int axis = -1)
    {
        var (outer, length, inner) = AxisLayout(NormalizeAxis(axis, "Softmax"));
        var y = new Tensor(Storage.Zeroed(_data.Length), _shape);
        ForEachLane(outer, length, inner, (start, stride) =>
        {
            float max = float.NegativeInfinity;
            for (int j = 0; j < length; j++) max = MathF.Max(max, _data[start + j * stride]);
            float sum = 0f;
            for (int j = 0; j < length; j++) sum += y._data[start + j * stride] = MathF.Exp(_data[start + j * stride] - max);
            for (int j = 0; j < length; j++) y._data[start + j * stride] /= sum;
        });
        // dx = y ⊙ (dy − Σ dy ⊙ y)
        return Tape.Record(y, "softmax", [this], g =>
        {
            var dx = GradBuffer();
            var dy = g._data;
            ForEachLane(outer, length, inner, (start, stride) =>
            {
                float dot = 0f;
                for (int j = 0; j < length; j++) dot += dy[start + j * stride] * y._data[start + j * stride];
                for (int j = 0; j < length; j++)
                {
                    int k = start + j * stride;
                    dx[k] += y._data[k] * (dy[k] - dot);
                }
            });
        });
    }

    /// <summary>log-softmax along <paramref name="axis"/>: x − max − log Σ e^(x−max), stable for large logits.</summary>
    public Tensor LogSoftmax(int axis = -1)
    {
        var (outer, length, inner) = AxisLayout(NormalizeAxis(axis, "LogSoftmax"));
        var y = new Tensor(Storage.Zeroed(_data.Length), _shape);
        ForEachLane(outer, length, inner, (start, stride) =>
        {
            float max = float.NegativeInfinity;
            for (int j = 0; j < length; j++) max = MathF.Max(max, _data[start + j * stride]);
            float sum = 0f;
            for (int j = 0; j < length; j++) sum += MathF.Exp(_data[start + j * stride] - max);
            // (x − max) − log Σ, as PyTorch does: adding max back first would lose bits for large logits.
            float logSum = MathF.Log(sum);
            for (int j = 0; j < length; j++) y._data[start + j * stride] = (_data[start + j * stride] - max) - logSum;
        });
        // dx = dy − softmax ⊙ Σ dy, with softmax = e^y
        return Tape.Record(y, "log_softmax", [this], g =>
        {
            var dx = GradBuffer();
            var dy = g._data;
            ForEachLane(outer, length, inner, (start, stride) =>
            {
                float sum = 0f;
                for (int j = 0; j < length; j++) sum += dy[start + j * stride];
                for (int j = 0; j < length; j++)
                {
                    int k = start + j * stride;
                    dx[k] += dy[k] - MathF.Exp(y._data[k]) * sum;
                }
            });
        });
    }

    /// <summary>The tensor seen as [outer, length, inner] around <paramref name="axis"/>.</summary>
    internal (int Outer, int Length, int Inner) AxisLayout(int axis)
    {
        int outer = 1, inner = 1;
        for (int d = 0; d < axis; d++) outer *= _shape[d];
        for (int d = axis + 1; d < _shape.Length; d++) inner *= _shape[d];
        return (outer, _shape[axis], inner);
    }

    /// <summary>Calls <paramref name="lane"/> with the start offset and stride of every 1-D lane along the axis.</summary>
    private static void ForEachLane(int outer, int length, int inner, Action<int, int> lane)
    {
        for (int o = 0; o < outer; o++)
            for (int i = 0; i < inner; i++)
                lane(o * length * inner + i, inner);
    }
}
