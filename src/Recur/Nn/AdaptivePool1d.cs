namespace Recur.Nn;

/// <summary>
/// Pooling over time to a fixed number of outputs whatever the input's length: the base of
/// <see cref="AdaptiveMaxPool1d"/> and <see cref="AdaptiveAvgPool1d"/> (PyTorch's bins <c>[⌊i·L/n⌋, ⌈(i+1)·L/n⌉)</c>).
/// </summary>
public abstract class AdaptivePool1d : Layer
{
    /// <summary>Checks and keeps the arguments.</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="outputSize"/> below 1.</exception>
    protected AdaptivePool1d(int outputSize, bool channelsLast)
    {
        if (outputSize < 1)
            throw new ArgumentOutOfRangeException(nameof(outputSize), outputSize, $"{GetType().Name}({outputSize}): the output size must be at least 1.");
        OutputSize = outputSize;
        ChannelsLast = channelsLast;
    }

    /// <summary>Outputs along time.</summary>
    public int OutputSize { get; }

    /// <summary>True when the layer reads <c>[B, L, C]</c> and writes <c>[B, OutputSize, C]</c>.</summary>
    public bool ChannelsLast { get; }
}
