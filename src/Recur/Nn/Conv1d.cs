namespace Recur.Nn;

/// <summary>
/// 1-D convolution over time (PyTorch's <c>nn.Conv1d</c>): input <c>[B, C_in, L]</c> (or <c>[C_in, L]</c>), output
/// <c>[B, C_out, L_out]</c>, see <see cref="Tensor.Conv1d(Tensor, Tensor, Tensor?, int, int, int, bool)"/>. <c>weight</c> is
/// <c>[C_out, C_in, kernelSize]</c>, <c>bias</c> <c>[C_out]</c>; both start as U(−1/√(C_in·k), 1/√(C_in·k)), PyTorch's
/// default (<c>kaiming_uniform_(a=√5)</c> for the weight). With <c>channelsLast</c> the layer reads <c>[B, L, C_in]</c>
/// and writes <c>[B, L_out, C_out]</c> (Keras' layout) with the same parameters. Zero padding on both sides; no groups.
/// </summary>
public sealed class Conv1d : Layer
{
    /// <summary>Creates the layer; <paramref name="generator"/> defaults to <see cref="Generator.Default"/>.</summary>
    /// <exception cref="ArgumentOutOfRangeException">A size below 1, stride or dilation below 1, or negative padding.</exception>
    public Conv1d(int inChannels, int outChannels, int kernelSize, int stride = 1, int padding = 0, int dilation = 1,
        bool bias = true, Generator? generator = null, bool channelsLast = false)
    {
        Conv1dGeometry.CheckArguments(inChannels, outChannels, kernelSize, stride, padding, padding, dilation, channelsLast);
        InChannels = inChannels;
        OutChannels = outChannels;
        KernelSize = kernelSize;
        Stride = stride;
        Padding = padding;
        Dilation = dilation;
        ChannelsLast = channelsLast;
        generator ??= Generator.Default;
        float bound = 1f / MathF.Sqrt((float)inChannels * kernelSize);
        Weight = RegisterParameter("weight", Tensor.Uniform(generator, -bound, bound, outChannels, inChannels, kernelSize));
        Bias = bias ? RegisterParameter("bias", Tensor.Uniform(generator, -bound, bound, outChannels)) : null;
    }

    /// <summary>Input channels C_in.</summary>
    public int InChannels { get; }

    /// <summary>Output channels (filters) C_out.</summary>
    public int OutChannels { get; }

    /// <summary>Kernel width k.</summary>
    public int KernelSize { get; }

    /// <summary>Step between output positions.</summary>
    public int Stride { get; }

    /// <summary>Zeros added at each end of the sequence.</summary>
    public int Padding { get; }

    /// <summary>Spacing between kernel taps.</summary>
    public int Dilation { get; }

    /// <summary>True when the layer reads <c>[B, L, C_in]</c> and writes <c>[B, L_out, C_out]</c>.</summary>
    public bool ChannelsLast { get; }

    /// <summary>Weight <c>[C_out, C_in, k]</c>.</summary>
    public Tensor Weight { get; }

    /// <summary>Bias <c>[C_out]</c>, or null.</summary>
    public Tensor? Bias { get; }

    /// <inheritdoc/>
    public override Tensor Forward(Tensor input) => Tensor.Conv1d(input, Weight, Bias, Stride, Padding, Dilation, ChannelsLast);

    /// <summary>
    /// This layer, ReLU and <c>AdaptiveMaxPool1d(1)</c> in the same layout as one op (<see cref="Conv1dReluGlobalMaxLayers"/>):
    /// <c>[B, C_out, 1]</c>, channels-last <c>[B, 1, C_out]</c>, as the pooling would return.
    /// </summary>
    internal Tensor ForwardReluGlobalMax(Tensor input)
    {
        var maxima = Tensor.Conv1dReluGlobalMax(input, Weight, Bias, Stride, Padding, Dilation, ChannelsLast);
        int[] pooled = ChannelsLast ? [1, OutChannels] : [OutChannels, 1];
        return maxima.Reshape(maxima.Rank == 2 ? [maxima.Dim(0), .. pooled] : pooled);
    }
}
