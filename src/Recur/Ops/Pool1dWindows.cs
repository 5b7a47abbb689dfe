namespace Recur;

/// <summary>
/// Where each output of a 1-D pooling reads: output i covers input positions <c>First[i] + j·Step</c> for j in
/// <c>[0, Count[i])</c>, all inside the input (padding is left out; a window of padding alone has Count 0).
/// </summary>
internal sealed record Pool1dWindows(int[] First, int[] Count, int Step)
{
    /// <summary>The number of outputs along the time axis.</summary>
    public int Length => First.Length;

    /// <summary>A sliding window (max pooling): output i covers <c>i·stride + j·dilation − padding</c>, j in <c>[0, kernelSize)</c>.</summary>
    public static Pool1dWindows Sliding(int length, int outLength, int kernelSize, int stride, int padding, int dilation)
    {
        var first = new int[outLength];
        var count = new int[outLength];
        for (int i = 0; i < outLength; i++)
        {
            int start = i * stride - padding;
            var (j0, j1) = SlidingWindow.Inside(start, dilation, kernelSize, length);
            first[i] = start + j0 * dilation;
            count[i] = Math.Max(0, j1 - j0);
        }
        return new Pool1dWindows(first, count, dilation);
    }

    /// <summary>PyTorch's adaptive bins: output i covers <c>[⌊i·L/n⌋, ⌈(i+1)·L/n⌉)</c>, so the bins tile the input and may overlap by one.</summary>
    public static Pool1dWindows Adaptive(int length, int outLength)
    {
        var first = new int[outLength];
        var count = new int[outLength];
        for (int i = 0; i < outLength; i++)
        {
            long start = (long)i * length / outLength;
            long end = ((long)(i + 1) * length + outLength - 1) / outLength;
            first[i] = (int)start;
            count[i] = (int)(end - start);
        }
        return new Pool1dWindows(first, count, 1);
    }
}
