namespace Recur.Nn;

/// <summary>
/// Max pooling over time (PyTorch's <c>nn.MaxPool1d</c>): <c>[B, C, L]</c> (or <c>[C, L]</c>) → <c>[B, C, L_out]</c>,
/// padding counting as −∞; see <see cref="Tensor.MaxPool1d"/>. With <c>channelsLast</c>, <c>[B, L, C]</c> →
/// <c>[B, L_out, C]</c>.
/// </summary>
public sealed class MaxPool1d : Layer
{
    /// <summary>Creates the layer; <paramref name="stride"/> defaults to <paramref name="kernelSize"/>.</summary>
    /// <exception cref="ArgumentOutOfRangeException">kernelSize, stride or dilation below 1; padding negative or more than half the kernel.</exception>
    public MaxPool1d(int kernelSize, int? stride = null, int padding = 0, int dilation = 1, bool ceilMode = false, bool channelsLast = false)
    {
        Stride = Tensor.CheckMaxPool1dArguments(Tensor.MaxPool1dName(kernelSize, stride, padding, dilation, ceilMode, channelsLast),
            kernelSize, stride, padding, dilation);
        KernelSize = kernelSize;
        Padding = padding;
        Dilation = dilation;
        CeilMode = ceilMode;
        ChannelsLast = channelsLast;
    }

    /// <summary>Window width.</summary>
    public int KernelSize { get; }

    /// <summary>Step between windows (the kernel size unless given).</summary>
    public int Stride { get; }

    /// <summary>−∞ added at each end of the sequence.</summary>
    public int Padding { get; }

    /// <summary>Spacing between the elements of a window.</summary>
    public int Dilation { get; }

    /// <summary>True when the output length is rounded up (a last, partial window is kept).</summary>
    public bool CeilMode { get; }

    /// <summary>True when the layer reads <c>[B, L, C]</c>.</summary>
    public bool ChannelsLast { get; }

    /// <inheritdoc/>
    public override Tensor Forward(Tensor input) => Tensor.MaxPool1d(input, KernelSize, Stride, Padding, Dilation, CeilMode, ChannelsLast);
}
