namespace Recur.Nn;

/// <summary>
/// Fully connected layer <c>y = x · Wᵀ + b</c> over the last dimension (PyTorch's <c>nn.Linear</c>, Keras' <c>Dense</c>
/// without activation). <c>weight</c> is <c>[out, in]</c>, <c>bias</c> <c>[out]</c>; both start as
/// U(−1/√in, 1/√in), PyTorch's default.
/// </summary>
public sealed class Linear : Layer
{
    /// <summary>Creates the layer; <paramref name="generator"/> defaults to <see cref="Generator.Default"/>.</summary>
    public Linear(int inFeatures, int outFeatures, bool bias = true, Generator? generator = null)
    {
        if (inFeatures <= 0 || outFeatures <= 0)
            throw new ArgumentOutOfRangeException(nameof(inFeatures), $"Linear({inFeatures}, {outFeatures}): sizes must be positive.");
        InFeatures = inFeatures;
        OutFeatures = outFeatures;
        generator ??= Generator.Default;
        float bound = 1f / MathF.Sqrt(inFeatures);
        Weight = RegisterParameter("weight", Tensor.Uniform(generator, -bound, bound, outFeatures, inFeatures));
        Bias = bias ? RegisterParameter("bias", Tensor.Uniform(generator, -bound, bound, outFeatures)) : null;
    }

    /// <summary>Input width.</summary>
    public int InFeatures { get; }

    /// <summary>Output width.</summary>
    public int OutFeatures { get; }

    /// <summary>Weight <c>[out, in]</c>.</summary>
    public Tensor Weight { get; }

    /// <summary>Bias <c>[out]</c>, or null.</summary>
    public Tensor? Bias { get; }

    /// <inheritdoc/>
    public override Tensor Forward(Tensor input) => Tensor.Linear(input, Weight, Bias);

    /// <summary><c>(None, inFeatures)</c>.</summary>
    public override int?[]? DeclaredInputShape => [null, InFeatures];

    /// <summary><c>(batch, …, inFeatures)</c> gives <c>(batch, …, outFeatures)</c>.</summary>
    /// <exception cref="ArgumentException">The last dimension is known and is not <see cref="InFeatures"/>.</exception>
    public override int?[] ComputeOutputShape(int?[] inputShape)
    {
        ArgumentNullException.ThrowIfNull(inputShape);
        if (inputShape.Length == 0 || inputShape[^1] is int features && features != InFeatures)
            throw new ArgumentException($"Linear({InFeatures}, {OutFeatures}) expects input (..., {InFeatures}) but got {LayerShape.Format(inputShape)}.", nameof(inputShape));
        var output = (int?[])inputShape.Clone();
        output[^1] = OutFeatures;
        return output;
    }
}
