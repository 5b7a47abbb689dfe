namespace Recur;

public sealed partial class Tensor
{
    /// <summary>A tensor over a copy of <paramref name="data"/> with the given shape.</summary>
    public static Tensor FromArray(float[] data, params int[] shape)
    {
        ArgumentNullException.ThrowIfNull(data);
        ValidateShape(shape, "FromArray");
        int size = SizeOf(shape);
        if (size != data.Length)
            throw new ArgumentException($"FromArray: shape {ShapeText(shape)} holds {size} elements but the array has {data.Length}.");
        return new Tensor((float[])data.Clone(), (int[])shape.Clone());
    }

    /// <summary>A one-element tensor of shape <c>[]</c>.</summary>
    public static Tensor Scalar(float value) => new([value], []);

    /// <summary>A tensor of zeros.</summary>
    public static Tensor Zeros(params int[] shape)
    {
        ValidateShape(shape, "Zeros");
        return new Tensor(Storage.Zeroed(SizeOf(shape)), (int[])shape.Clone());
    }

    /// <summary>A tensor of ones.</summary>
    public static Tensor Ones(params int[] shape) => Full(1f, shape);

    /// <summary>A tensor filled with <paramref name="value"/>.</summary>
    public static Tensor Full(float value, params int[] shape)
    {
        var t = Zeros(shape);
        t._data.AsSpan().Fill(value);
        return t;
    }

    /// <summary>A zero tensor of this tensor's shape.</summary>
    public Tensor ZerosLike() => new(Storage.Zeroed(_data.Length), Shape);

    /// <summary>Uniform samples in [<paramref name="low"/>, <paramref name="high"/>) from <paramref name="generator"/>.</summary>
    public static Tensor Uniform(Generator generator, float low, float high, params int[] shape)
    {
        ArgumentNullException.ThrowIfNull(generator);
        if (!(low <= high))
            throw new ArgumentException($"Uniform: low ({low}) must not exceed high ({high}).");
        var t = Zeros(shape);
        var span = t._data.AsSpan();
        for (int i = 0; i < span.Length; i++)
        {
            float v = low + (high - low) * generator.NextFloat();
            // Rounding can land exactly on high for the largest draw; the interval is half-open.
            span[i] = v >= high && high > low ? MathF.BitDecrement(high) : v;
        }
        return t;
    }

    /// <summary>Uniform samples in [0, 1).</summary>
    public static Tensor Rand(Generator generator, params int[] shape) => Uniform(generator, 0f, 1f, shape);

    /// <summary>Normal samples with the given mean and standard deviation.</summary>
    public static Tensor Normal(Generator generator, float mean, float std, params int[] shape)
    {
        ArgumentNullException.ThrowIfNull(generator);
        if (!(std >= 0))
            throw new ArgumentException($"Normal: std must be non-negative but is {std}.");
        var t = Zeros(shape);
        var span = t._data.AsSpan();
        for (int i = 0; i < span.Length; i++)
            span[i] = mean + std * generator.NextNormal();
        return t;
    }

    /// <summary>Standard normal samples.</summary>
    public static Tensor Randn(Generator generator, params int[] shape) => Normal(generator, 0f, 1f, shape);

    private static void ValidateShape(int[] shape, string op)
    {
        ArgumentNullException.ThrowIfNull(shape);
        foreach (int d in shape)
            if (d < 0)
                throw new ArgumentException($"{op}: shape {ShapeText(shape)} has a negative dimension.");
    }
}
