namespace Recur.Nn;

/// <summary>
/// Adaptive max pooling over time (PyTorch's <c>nn.AdaptiveMaxPool1d</c>): <c>[B, C, L]</c> → <c>[B, C, outputSize]</c>
/// whatever L is; <c>outputSize = 1</c> is global max pooling. See <see cref="Tensor.AdaptiveMaxPool1d"/>. With
/// <c>channelsLast</c>, <c>[B, L, C]</c> → <c>[B, outputSize, C]</c>.
/// </summary>
/// <param name="outputSize">Outputs along time, at least 1.</param>
/// <param name="channelsLast">Whether the input is <c>[B, L, C]</c>.</param>
public sealed class AdaptiveMaxPool1d(int outputSize, bool channelsLast = false) : AdaptivePool1d(outputSize, channelsLast)
{
    /// <inheritdoc/>
    public override Tensor Forward(Tensor input) => Tensor.AdaptiveMaxPool1d(input, OutputSize, ChannelsLast);
}
