using System.Numerics.Tensors;
using Recur.Autograd;

namespace Recur;

public sealed partial class Tensor
{
    /// <summary>x + s.</summary>
    public static Tensor operator +(Tensor x, float s) => x.Add(s);

    /// <summary>s + x.</summary>
    public static Tensor operator +(float s, Tensor x) => x.Add(s);

    /// <summary>x − s.</summary>
    public static Tensor operator -(Tensor x, float s) => x.Add(-s);

    /// <summary>s − x.</summary>
    public static Tensor operator -(float s, Tensor x) => x.RSub(s);

    /// <summary>x · s.</summary>
    public static Tensor operator *(Tensor x, float s) => x.Mul(s);

    /// <summary>s · x.</summary>
    public static Tensor operator *(float s, Tensor x) => x.Mul(s);

    /// <summary>x / s.</summary>
    public static Tensor operator /(Tensor x, float s) => x.Div(s);

    /// <summary>−x.</summary>
    public static Tensor operator -(Tensor x) => x.Mul(-1f);

    /// <summary>x + s for every element.</summary>
    public Tensor Add(float s)
    {
        var output = new Tensor(Storage.Zeroed(_data.Length), _shape);
        TensorPrimitives.Add(_data, s, output._data);
        // d(x+s)/dx = 1
        return Tape.Record(output, "add_scalar", [this], g => AccumulateGrad(g._data));
    }

    /// <summary>s − x for every element.</summary>
    public Tensor RSub(float s)
    {
        var output = new Tensor(Storage.Zeroed(_data.Length), _shape);
        TensorPrimitives.Subtract(s, _data, output._data);
        // d(s−x)/dx = −1
        return Tape.Record(output, "rsub_scalar", [this], g =>
            TensorPrimitives.Subtract(GradBuffer(), g._data, GradBuffer()));
    }

    /// <summary>x · s for every element.</summary>
    public Tensor Mul(float s)
    {
        var output = new Tensor(Storage.Zeroed(_data.Length), _shape);
        TensorPrimitives.Multiply(_data, s, output._data);
        // d(x·s)/dx = s
        return Tape.Record(output, "mul_scalar", [this], g =>
            TensorPrimitives.MultiplyAdd(g._data, s, GradBuffer(), GradBuffer()));
    }

    /// <summary>x / s for every element.</summary>
    public Tensor Div(float s)
    {
        var output = new Tensor(Storage.Zeroed(_data.Length), _shape);
        TensorPrimitives.Divide(_data, s, output._data);
        // d(x/s)/dx = 1/s
        return Tape.Record(output, "div_scalar", [this], g =>
        {
            var buffer = GradBuffer();
            for (int i = 0; i < buffer.Length; i++) buffer[i] += g._data[i] / s;
        });
    }

    /// <summary>x^p for every element.</summary>
    public Tensor Pow(float p)
    {
        var output = new Tensor(Storage.Zeroed(_data.Length), _shape);
        TensorPrimitives.Pow(_data, p, output._data);
        // d(x^p)/dx = p · x^(p−1)
        return Tape.Record(output, "pow_scalar", [this], g =>
        {
            var buffer = GradBuffer();
            for (int i = 0; i < buffer.Length; i++) buffer[i] += g._data[i] * p * MathF.Pow(_data[i], p - 1f);
        });
    }
}
