using System.Numerics;
using System.Numerics.Tensors;
using Recur.Autograd;

namespace Recur;

public sealed partial class Tensor
{
    /// <summary>σ(x) = 1 / (1 + e^−x), elementwise.</summary>
    public Tensor Sigmoid()
    {
        var y = new Tensor(Storage.Zeroed(_data.Length), _shape);
        TensorPrimitives.Sigmoid(_data, y._data);
        // dσ/dx = σ(1 − σ)
        return Tape.Record(y, "sigmoid", [this], g =>
        {
            var dx = GradBuffer();
            var s = y._data;
            for (int i = 0; i < dx.Length; i++) dx[i] += g._data[i] * s[i] * (1f - s[i]);
        });
    }

    /// <summary>tanh(x), elementwise.</summary>
    public Tensor Tanh()
    {
        var y = new Tensor(Storage.Zeroed(_data.Length), _shape);
        TensorPrimitives.Tanh(_data, y._data);
        // d tanh/dx = 1 − tanh²
        return Tape.Record(y, "tanh", [this], g =>
        {
            var dx = GradBuffer();
            var t = y._data;
            for (int i = 0; i < dx.Length; i++) dx[i] += g._data[i] * (1f - t[i] * t[i]);
        });
    }

    /// <summary>max(x, 0), elementwise.</summary>
    public Tensor Relu()
    {
        var y = new Tensor(Storage.Uninitialized(_data.Length), _shape);
        TensorPrimitives.Max(_data, 0f, y._data);
        // d relu/dx = 1 where x > 0, else 0 (PyTorch's choice at 0)
        return Tape.Record(y, "relu", [this], g => ReluBackward(_data, g._data, GradBuffer()));
    }

    /// <summary>dx += dy where x > 0. Branch-free: on inputs of random sign a branch per element mispredicts half the time.</summary>
    private static void ReluBackward(ReadOnlySpan<float> x, ReadOnlySpan<float> dy, Span<float> dx)
    {
        int i = 0;
        if (Vector.IsHardwareAccelerated)
            for (int width = Vector<float>.Count; i <= x.Length - width; i += width)
            {
                var passes = Vector.GreaterThan(new Vector<float>(x[i..]), Vector<float>.Zero);
                var gradient = Vector.ConditionalSelect(passes, new Vector<float>(dy[i..]), Vector<float>.Zero);
                (new Vector<float>(dx[i..]) + gradient).CopyTo(dx[i..]);
            }
        for (; i < x.Length; i++)
            if (x[i] > 0f) dx[i] += dy[i];
    }

    /// <summary>e^x, elementwise.</summary>
    public Tensor Exp()
    {
        var y = new Tensor(Storage.Zeroed(_data.Length), _shape);
        TensorPrimitives.Exp(_data, y._data);
        // d e^x/dx = e^x
        return Tape.Record(y, "exp", [this], g =>
        {
            var dx = GradBuffer();
            TensorPrimitives.MultiplyAdd(g._data, y._data, dx, dx);
        });
    }

    /// <summary>Natural logarithm, elementwise.</summary>
    public Tensor Log()
    {
        var y = new Tensor(Storage.Zeroed(_data.Length), _shape);
        TensorPrimitives.Log(_data, y._data);
        // d ln x/dx = 1/x
        return Tape.Record(y, "log", [this], g =>
        {
            var dx = GradBuffer();
            for (int i = 0; i < dx.Length; i++) dx[i] += g._data[i] / _data[i];
        });
    }
}
