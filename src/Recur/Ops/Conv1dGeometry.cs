namespace Recur;

/// <summary>
/// The sizes of one 1-D convolution, checked against each other: input <c>[B, C_in, L]</c> (or <c>[B, L, C_in]</c> when
/// channels-last; a missing batch axis means B = 1), weight <c>[C_out, C_in, k]</c>, output length
/// <c>L_out = ⌊(L + padStart + padEnd − dilation·(k − 1) − 1) / stride⌋ + 1</c>.
/// </summary>
internal readonly record struct Conv1dGeometry(
    int Batch, int InChannels, int Length, int OutChannels, int KernelSize,
    int Stride, int PadStart, int PadEnd, int Dilation, int OutLength, bool ChannelsLast, bool Batched)
{
    /// <summary>Rows of the unfolded input, one per (input channel, kernel tap): <c>C_in·k</c>.</summary>
    public int Patch => InChannels * KernelSize;

    /// <summary>Output positions of the whole batch: <c>B·L_out</c>.</summary>
    public int Positions => Batch * OutLength;

    /// <summary>The layer as PyTorch would print it, e.g. <c>Conv1d(32, 64, k=5, stride=2)</c>.</summary>
    public string Name => Describe(InChannels, OutChannels, KernelSize, Stride, PadStart, PadEnd, Dilation, ChannelsLast);

    /// <summary>The output's shape: <c>[B, C_out, L_out]</c>, <c>[B, L_out, C_out]</c> channels-last, without B when the input had none.</summary>
    public int[] OutputShape()
    {
        int[] perItem = ChannelsLast ? [OutLength, OutChannels] : [OutChannels, OutLength];
        return Batched ? [Batch, .. perItem] : perItem;
    }

    /// <summary>Checks every argument and works out the sizes; the exceptions name the layer, the shapes and the argument.</summary>
    public static Conv1dGeometry Of(Tensor input, Tensor weight, Tensor? bias, int stride, int padStart, int padEnd, int dilation, bool channelsLast)
    {
        var w = weight.ShapeRef;
        if (w.Length != 3 || w[0] <= 0 || w[1] <= 0 || w[2] <= 0)
            throw new ArgumentException(
                $"Conv1d: weight must be [out_channels, in_channels, kernel_size] with positive sizes but has shape {Tensor.ShapeText(w)}.", nameof(weight));
        int outChannels = w[0], inChannels = w[1], kernelSize = w[2];
        string name = CheckArguments(inChannels, outChannels, kernelSize, stride, padStart, padEnd, dilation, channelsLast);
        if (bias is not null && (bias.Rank != 1 || bias.ShapeRef[0] != outChannels))
            throw new ArgumentException($"{name}: bias must be [{outChannels}] but has shape {Tensor.ShapeText(bias.ShapeRef)}.", nameof(bias));

        var x = input.ShapeRef;
        int channelAxis = channelsLast ? x.Length - 1 : x.Length - 2;
        if (x.Length is not (2 or 3) || x[channelAxis] != inChannels)
        {
            string expected = channelsLast ? $"[B, L, {inChannels}] or [L, {inChannels}]" : $"[B, {inChannels}, L] or [{inChannels}, L]";
            throw new ArgumentException($"{name} expects input {expected} but got {Tensor.ShapeText(x)}.", nameof(input));
        }
        bool batched = x.Length == 3;
        int batch = batched ? x[0] : 1;
        int length = channelsLast ? x[^2] : x[^1];
        int outLength = SlidingWindow.OutputLength(length, kernelSize, stride, padStart, padEnd, dilation);
        if (outLength < 1)
        {
            long span = (long)dilation * (kernelSize - 1) + 1;
            throw new ArgumentException(
                $"{name}: input length {length} is too short: the kernel spans {span} steps but the padded input has " +
                $"{(long)length + padStart + padEnd} (input {Tensor.ShapeText(x)}).", nameof(input));
        }
        return new Conv1dGeometry(batch, inChannels, length, outChannels, kernelSize, stride, padStart, padEnd, dilation,
            outLength, channelsLast, batched);
    }

    /// <summary>Checks the sizes, stride, padding and dilation; returns the layer's <see cref="Describe">description</see> for messages.</summary>
    /// <exception cref="ArgumentOutOfRangeException">A size, the stride or the dilation below 1, or negative padding.</exception>
    public static string CheckArguments(int inChannels, int outChannels, int kernelSize, int stride, int padStart, int padEnd, int dilation,
        bool channelsLast)
    {
        string name = Describe(inChannels, outChannels, kernelSize, stride, padStart, padEnd, dilation, channelsLast);
        if (inChannels <= 0 || outChannels <= 0 || kernelSize <= 0)
            throw new ArgumentOutOfRangeException(nameof(inChannels), $"{name}: channel counts and kernel size must be positive.");
        if (stride < 1)
            throw new ArgumentOutOfRangeException(nameof(stride), stride, $"{name}: stride must be at least 1.");
        if (dilation < 1)
            throw new ArgumentOutOfRangeException(nameof(dilation), dilation, $"{name}: dilation must be at least 1.");
        if (padStart < 0 || padEnd < 0)
            throw new ArgumentOutOfRangeException("padding", $"{name}: padding must not be negative.");
        return name;
    }

    /// <summary>The layer as PyTorch would print it, e.g. <c>Conv1d(32, 64, k=5, stride=2)</c>, for messages.</summary>
    public static string Describe(int inChannels, int outChannels, int kernelSize, int stride, int padStart, int padEnd, int dilation, bool channelsLast)
    {
        var text = new System.Text.StringBuilder($"Conv1d({inChannels}, {outChannels}, k={kernelSize}");
        if (stride != 1) text.Append($", stride={stride}");
        if (padStart != 0 || padEnd != 0) text.Append(padStart == padEnd ? $", padding={padStart}" : $", padding=({padStart}, {padEnd})");
        if (dilation != 1) text.Append($", dilation={dilation}");
        if (channelsLast) text.Append(", channels last");
        return text.Append(')').ToString();
    }
}
