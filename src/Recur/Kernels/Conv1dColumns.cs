using System.Numerics.Tensors;

namespace Recur.Kernels;

/// <summary>
/// The unfolded input of a 1-D convolution ("im2col"), which turns the convolution into one matrix product, and its
/// adjoint ("col2im"), which adds the gradient of the unfolded input back onto the input. Padding reads as zeros.
/// </summary>
/// <remarks>
/// Channels-first input <c>[B, C_in, L]</c> unfolds to <c>[C_in·k, B·L_out]</c>: row <c>(c, j)</c>, column <c>(b, t)</c>
/// holds <c>x[b, c, t·stride + j·dilation − padStart]</c>, so each row is made of strided runs of one input row (plain
/// copies at stride 1). Channels-last input <c>[B, L, C_in]</c> unfolds to <c>[B·L_out, k·C_in]</c>: row <c>(b, t)</c>,
/// column <c>(j, c)</c> holds <c>x[b, t·stride + j·dilation − padStart, c]</c>, so each row is k runs of C_in contiguous
/// values (one run of k·C_in at dilation 1).
/// </remarks>
internal static class Conv1dColumns
{
    /// <summary>Writes every element of <paramref name="columns"/> from <paramref name="input"/>.</summary>
    public static void Unfold(in Conv1dGeometry g, ReadOnlySpan<float> input, Span<float> columns)
    {
        if (g.ChannelsLast) UnfoldChannelsLast(g, input, columns);
        else UnfoldChannelsFirst(g, input, columns);
    }

    /// <summary>Adds each element of <paramref name="columns"/> onto the input element it was unfolded from.</summary>
    public static void FoldAdd(in Conv1dGeometry g, ReadOnlySpan<float> columns, Span<float> input)
    {
        if (g.ChannelsLast) FoldAddChannelsLast(g, columns, input);
        else FoldAddChannelsFirst(g, columns, input);
    }

    private static void UnfoldChannelsFirst(in Conv1dGeometry g, ReadOnlySpan<float> x, Span<float> columns)
    {
        int n = g.Positions, outLength = g.OutLength, length = g.Length, stride = g.Stride;
        for (int j = 0; j < g.KernelSize; j++)
        {
            // Output t reads input position t·stride + offset; only t in [first, end) fall inside the input.
            int offset = j * g.Dilation - g.PadStart;
            var (first, end) = SlidingWindow.Inside(offset, stride, outLength, length);
            for (int c = 0; c < g.InChannels; c++)
            {
                var row = columns.Slice((c * g.KernelSize + j) * n, n);
                for (int b = 0; b < g.Batch; b++)
                {
                    var target = row.Slice(b * outLength, outLength);
                    if (first >= end)
                    {
                        target.Clear();
                        continue;
                    }
                    var source = x.Slice((b * g.InChannels + c) * length, length);
                    target[..first].Clear();
                    target[end..].Clear();
                    if (stride == 1)
                        source.Slice(first + offset, end - first).CopyTo(target[first..end]);
                    else
                        for (int t = first; t < end; t++) target[t] = source[t * stride + offset];
                }
            }
        }
    }

    private static void FoldAddChannelsFirst(in Conv1dGeometry g, ReadOnlySpan<float> columns, Span<float> dx)
    {
        int n = g.Positions, outLength = g.OutLength, length = g.Length, stride = g.Stride;
        for (int j = 0; j < g.KernelSize; j++)
        {
            int offset = j * g.Dilation - g.PadStart;
            var (first, end) = SlidingWindow.Inside(offset, stride, outLength, length);
            if (first >= end) continue;
            for (int c = 0; c < g.InChannels; c++)
            {
                var row = columns.Slice((c * g.KernelSize + j) * n, n);
                for (int b = 0; b < g.Batch; b++)
                {
                    var source = row.Slice(b * outLength + first, end - first);
                    var target = dx.Slice((b * g.InChannels + c) * length, length);
                    if (stride == 1)
                    {
                        var run = target.Slice(first + offset, end - first);
                        TensorPrimitives.Add(run, source, run);
                    }
                    else
                        for (int t = first; t < end; t++) target[t * stride + offset] += source[t - first];
                }
            }
        }
    }

    private static void UnfoldChannelsLast(in Conv1dGeometry g, ReadOnlySpan<float> x, Span<float> columns)
    {
        int channels = g.InChannels, width = g.Patch, outLength = g.OutLength, dilation = g.Dilation;
        for (int t = 0; t < outLength; t++)
        {
            // Tap j reads input position start + j·dilation; only j in [first, end) fall inside the input.
            int start = t * g.Stride - g.PadStart;
            var (first, end) = SlidingWindow.Inside(start, dilation, g.KernelSize, g.Length);
            for (int b = 0; b < g.Batch; b++)
            {
                var target = columns.Slice((b * outLength + t) * width, width);
                if (first >= end)
                {
                    target.Clear();
                    continue;
                }
                target[..(first * channels)].Clear();
                target[(end * channels)..].Clear();
                int inputRow = b * g.Length + start;
                if (dilation == 1)
                    x.Slice((inputRow + first) * channels, (end - first) * channels).CopyTo(target[(first * channels)..]);
                else
                    for (int j = first; j < end; j++)
                        x.Slice((inputRow + j * dilation) * channels, channels).CopyTo(target.Slice(j * channels, channels));
            }
        }
    }

    private static void FoldAddChannelsLast(in Conv1dGeometry g, ReadOnlySpan<float> columns, Span<float> dx)
    {
        int channels = g.InChannels, width = g.Patch, outLength = g.OutLength, dilation = g.Dilation;
        for (int t = 0; t < outLength; t++)
        {
            int start = t * g.Stride - g.PadStart;
            var (first, end) = SlidingWindow.Inside(start, dilation, g.KernelSize, g.Length);
            if (first >= end) continue;
            for (int b = 0; b < g.Batch; b++)
            {
                var source = columns.Slice((b * outLength + t) * width, width);
                int inputRow = b * g.Length + start;
                if (dilation == 1)
                {
                    var run = dx.Slice((inputRow + first) * channels, (end - first) * channels);
                    TensorPrimitives.Add(run, source.Slice(first * channels, run.Length), run);
                }
                else
                    for (int j = first; j < end; j++)
                    {
                        var run = dx.Slice((inputRow + j * dilation) * channels, channels);
                        TensorPrimitives.Add(run, source.Slice(j * channels, channels), run);
                    }
            }
        }
    }
}
