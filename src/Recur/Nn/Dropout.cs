namespace Recur.Nn;

/// <summary>
/// Inverted dropout: in training, zeroes each element with probability <see cref="P"/> and scales the rest by
/// 1/(1−p); in evaluation, passes the input through.
/// </summary>
public sealed class Dropout : Layer
{
    private readonly Generator _generator;

    /// <summary>Creates the layer; <paramref name="generator"/> defaults to <see cref="Generator.Default"/>.</summary>
    public Dropout(float p = 0.5f, Generator? generator = null)
    {
        if (!(p >= 0f && p < 1f))
            throw new ArgumentOutOfRangeException(nameof(p), p, "Dropout probability must be in [0, 1).");
        P = p;
        _generator = RegisterGenerator("generator", generator ?? Generator.Default);
    }

    /// <summary>Probability of zeroing an element.</summary>
    public float P { get; }

    /// <inheritdoc/>
    public override Tensor Forward(Tensor input) => input.Dropout(P, Training, _generator);

    /// <summary>The input's shape.</summary>
    public override int?[] ComputeOutputShape(int?[] inputShape) => inputShape;
}
