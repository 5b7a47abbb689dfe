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
/// <para>
/// Large calls are split over the batch between up to <see cref="KernelThreads.Max"/> threads: each part writes its own
/// columns (unfold) or its own input rows (fold), and each element gets its terms in the same order whatever the split.
/// </para>
internal static unsafe class Conv1dColumns
{
    /// <summary>From this many unfolded elements a call is split over threads (about 20 µs of copying).</summary>
    internal const int ParallelThreshold = 1 << 17;

    /// <summary>Writes every element of <paramref name="columns"/> from <paramref name="input"/>.</summary>
    public static void Unfold(in Conv1dGeometry g, ReadOnlySpan<float> input, Span<float> columns)
    {
        fixed (float* x = input, c = columns)
            Run(g, x, input.Length, c, columns.Length, fold: false);
    }

    /// <summary>Adds each element of <paramref name="columns"/> onto the input element it was unfolded from.</summary>
    public static void FoldAdd(in Conv1dGeometry g, ReadOnlySpan<float> columns, Span<float> input)
    {
        fixed (float* x = input, c = columns)
            Run(g, x, input.Length, c, columns.Length, fold: true);
    }

    private struct Job
    {
        public Conv1dGeometry Geometry;
        public float* Input, Columns;
        public int InputLength, ColumnsLength, Parts;
        public bool Fold;
    }

    // The caller has pinned both; the direction (fold or not) says which one is written.
    private static void Run(in Conv1dGeometry g, float* input, int inputLength, float* columns, int columnsLength, bool fold)
    {
        long unfolded = (long)g.Patch * g.Positions;
        if (inputLength < (long)g.Batch * g.InChannels * g.Length || columnsLength < unfolded)
            throw new ArgumentException($"Conv1dColumns: the spans are too short for {g.Name} on a batch of {g.Batch}.");
        int parts = unfolded >= ParallelThreshold ? Math.Min(KernelThreads.Usable, g.Batch) : 1;
        var job = new Job
        {
            Geometry = g, Input = input, Columns = columns, InputLength = inputLength, ColumnsLength = columnsLength, Parts = parts, Fold = fold,
        };
        KernelWorkers.Run(parts, parts, large: false, &RunPart, &job);
    }

    private static void RunPart(int part, void* state)
    {
        ref readonly Job job = ref *(Job*)state;
        ref readonly Conv1dGeometry g = ref job.Geometry;
        int first = (int)((long)g.Batch * part / job.Parts), end = (int)((long)g.Batch * (part + 1) / job.Parts);
        var input = new Span<float>(job.Input, job.InputLength);
        var columns = new Span<float>(job.Columns, job.ColumnsLength);
        if (job.Fold)
        {
            if (g.ChannelsLast) FoldAddChannelsLast(g, columns, input, first, end);
            else FoldAddChannelsFirst(g, columns, input, first, end);
        }
        else
        {
            if (g.ChannelsLast) UnfoldChannelsLast(g, input, columns, first, end);
            else UnfoldChannelsFirst(g, input, columns, first, end);
        }
    }

    private static void UnfoldChannelsFirst(in Conv1dGeometry g, ReadOnlySpan<float> x, Span<float> columns, int batchStart, int batchEnd)
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
                for (int b = batchStart; b < batchEnd; b++)
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

    private static void FoldAddChannelsFirst(in Conv1dGeometry g, ReadOnlySpan<float> columns, Span<float> dx, int batchStart, int batchEnd)
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
                for (int b = batchStart; b < batchEnd; b++)
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

    private static void UnfoldChannelsLast(in Conv1dGeometry g, ReadOnlySpan<float> x, Span<float> columns, int batchStart, int batchEnd)
    {
        int channels = g.InChannels, width = g.Patch, outLength = g.OutLength, dilation = g.Dilation;
        for (int t = 0; t < outLength; t++)
        {
            // Tap j reads input position start + j·dilation; only j in [first, end) fall inside the input.
            int start = t * g.Stride - g.PadStart;
            var (first, end) = SlidingWindow.Inside(start, dilation, g.KernelSize, g.Length);
            for (int b = batchStart; b < batchEnd; b++)
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

    private static void FoldAddChannelsLast(in Conv1dGeometry g, ReadOnlySpan<float> columns, Span<float> dx, int batchStart, int batchEnd)
    {
        int channels = g.InChannels, width = g.Patch, outLength = g.OutLength, dilation = g.Dilation;
        for (int t = 0; t < outLength; t++)
        {
            int start = t * g.Stride - g.PadStart;
            var (first, end) = SlidingWindow.Inside(start, dilation, g.KernelSize, g.Length);
            if (first >= end) continue;
            for (int b = batchStart; b < batchEnd; b++)
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
