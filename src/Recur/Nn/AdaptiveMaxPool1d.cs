namespace Recur.Nn;

/// <summary>
/// Adaptive max pooling over time (PyTorch's <c>nn.AdaptiveMaxPool1d</c>): <c>[B, C, L]</c> → <c>[B, C, outputSize]</c>
/// whatever L is; <c>outputSize = 1</c> is global max pooling. See <see cref="Tensor.AdaptiveMaxPool1d"/>. With
/// <c>channelsLast</c>, <c>[B, L, C]</c> → <c>[B, outputSize, C]</c>.
/// </summary>
public sealed class AdaptiveMaxPool1d : Layer
{
    /// <summary>Creates the layer.</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="outputSize"/> below 1.</exception>
    public AdaptiveMaxPool1d(int outputSize, bool channelsLast = false)
    {
        if (outputSize < 1)
            throw new ArgumentOutOfRangeException(nameof(outputSize), outputSize, $"AdaptiveMaxPool1d({outputSize}): the output size must be at least 1.");
        OutputSize = outputSize;
        ChannelsLast = channelsLast;
    }

    /// <summary>Outputs along time.</summary>
    public int OutputSize { get; }

    /// <summary>True when the layer reads <c>[B, L, C]</c>.</summary>
    public bool ChannelsLast { get; }

    /// <inheritdoc/>
    public override Tensor Forward(Tensor input) => Tensor.AdaptiveMaxPool1d(input, OutputSize, ChannelsLast);
}
