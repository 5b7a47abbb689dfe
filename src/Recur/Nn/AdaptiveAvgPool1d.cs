namespace Recur.Nn;

/// <summary>
/// Adaptive average pooling over time (PyTorch's <c>nn.AdaptiveAvgPool1d</c>): <c>[B, C, L]</c> → <c>[B, C, outputSize]</c>
/// whatever L is; <c>outputSize = 1</c> is global average pooling. See <see cref="Tensor.AdaptiveAvgPool1d"/>. With
/// <c>channelsLast</c>, <c>[B, L, C]</c> → <c>[B, outputSize, C]</c>.
/// </summary>
/// <param name="outputSize">Outputs along time, at least 1.</param>
/// <param name="channelsLast">Whether the input is <c>[B, L, C]</c>.</param>
public sealed class AdaptiveAvgPool1d(int outputSize, bool channelsLast = false) : AdaptivePool1d(outputSize, channelsLast)
{
    /// <inheritdoc/>
    public override Tensor Forward(Tensor input) => Tensor.AdaptiveAvgPool1d(input, OutputSize, ChannelsLast);
}
