using System.Buffers;
using System.Numerics;
using System.Runtime.CompilerServices;

namespace Recur.Kernels;

/// <summary>
/// The forward pass of a 1-D convolution at dilation 1 run by the GEMM microkernel straight on the input, with no unfolded
/// copy: in the channels-last, zero-padded layout <c>[B, L + padStart + padEnd, C_in]</c> ("runs"), the k·C_in inputs of
/// output t of item b are one contiguous run starting at row <c>t·stride</c>, so the rows of the unfolded matrix are
/// overlapping runs of the input, <c>stride·C_in</c> apart, and the microkernel reads them in place:
/// <c>y[b, t, :] = bias + run(b, t) · Wᵀ</c>, W tap-major and transposed once per call to <c>[k·C_in, C_out]</c>.
/// </summary>
/// <remarks>
/// A channels-last input without padding is read as it is; otherwise each item is first copied (transposed from
/// channels-first, padding zeroed) into a scratch row block, and a channels-first output is transposed back from the
/// channels-last tile. Items are split between threads; each item is computed the same way whatever the split, so the
/// result does not depend on the thread count. Each output sums its k·C_in products in the (tap, channel) order, in
/// k-blocks of at most the microkernel's depth, then adds the bias.
/// </remarks>
internal static unsafe class Conv1dDirect
{
    /// <summary>From this many multiply-adds a call is split over the batch between threads (as a GEMM, about 1 ms).</summary>
    internal const long ParallelThreshold = GemmSplit.ParallelThreshold;

    /// <summary>Whether the direct kernel computes this convolution (dilation 1, and a vector microkernel on this CPU).</summary>
    public static bool Suits(in Conv1dGeometry g) => g.Dilation == 1 && Gemm.BestPath is GemmPath.Avx512 or GemmPath.Avx2;

    /// <summary>Rows of an item in the runs layout: the input's length and both paddings.</summary>
    public static int PaddedLength(in Conv1dGeometry g) => g.Length + g.PadStart + g.PadEnd;

    /// <summary>Whether the input already is in the runs layout (channels-last, no padding).</summary>
    public static bool ReadsInPlace(in Conv1dGeometry g) => g.ChannelsLast && g.PadStart == 0 && g.PadEnd == 0;

    /// <summary>
    /// Writes item <paramref name="item"/> of <paramref name="x"/> into <paramref name="runs"/> (<c>[L + pads, C_in]</c>):
    /// zeros for the padding rows, the item's rows (transposed when channels-first) between them.
    /// </summary>
    public static void GatherItem(in Conv1dGeometry g, float* x, int item, float* runs)
    {
        int channels = g.InChannels, length = g.Length;
        new Span<float>(runs, g.PadStart * channels).Clear();
        new Span<float>(runs + (long)(g.PadStart + length) * channels, g.PadEnd * channels).Clear();
        float* interior = runs + (long)g.PadStart * channels, source = x + (long)item * channels * length;
        if (g.ChannelsLast)
            new ReadOnlySpan<float>(source, length * channels).CopyTo(new Span<float>(interior, length * channels));
        else
            BlockTranspose.Run(source, length, channels, length, interior, channels, accumulate: false);
    }

    /// <summary>Adds the rows of <paramref name="runs"/> that are not padding onto item <paramref name="item"/> of <paramref name="dx"/>: the adjoint of <see cref="GatherItem"/>.</summary>
    public static void ScatterAddItem(in Conv1dGeometry g, float* runs, int item, float* dx)
    {
        int channels = g.InChannels, length = g.Length;
        float* interior = runs + (long)g.PadStart * channels, target = dx + (long)item * channels * length;
        if (!g.ChannelsLast)
        {
            BlockTranspose.Run(interior, channels, length, channels, target, length, accumulate: true);
            return;
        }
        var rows = new Span<float>(target, length * channels);
        System.Numerics.Tensors.TensorPrimitives.Add(rows, new ReadOnlySpan<float>(interior, length * channels), rows);
    }

    /// <summary>The weight <c>[C_out, C_in, k]</c> as the microkernel's B: <c>[k·C_in, ⌈C_out⌉₁₆]</c>, row (tap, channel), zero columns past C_out.</summary>
    private static float[] WeightColumns(ReadOnlySpan<float> weight, in Conv1dGeometry g, out int width)
    {
        int channels = g.InChannels, taps = g.KernelSize, outChannels = g.OutChannels;
        width = (outChannels + 15) & ~15;
        var columns = ArrayPool<float>.Shared.Rent(g.Patch * width);
        columns.AsSpan(0, g.Patch * width).Clear();
        for (int o = 0; o < outChannels; o++)
            for (int c = 0; c < channels; c++)
                for (int j = 0; j < taps; j++)
                    columns[(j * channels + c) * width + o] = weight[(o * channels + c) * taps + j];
        return columns;
    }

    private struct Job
    {
        public Conv1dGeometry Geometry;
        public float* Input, Weight, Bias, Output, Scratch;
        public int* Positions;
        public int WeightWidth, ScratchPerPart, Parts;
    }

    /// <summary>
    /// <c>y</c> = the convolution of <paramref name="x"/> (the op's input layout) by <paramref name="weight"/>, plus
    /// <paramref name="bias"/>, in the op's output layout. Only for a geometry the kernel <see cref="Suits"/>.
    /// </summary>
    public static void Forward(in Conv1dGeometry g, ReadOnlySpan<float> x, ReadOnlySpan<float> weight, ReadOnlySpan<float> bias, Span<float> y)
    {
        if (y.Length < (long)g.Positions * g.OutChannels)
            throw new ArgumentException($"Conv1dDirect: the output is too short for {g.Name} on a batch of {g.Batch}.", nameof(y));
        Run(g, x, weight, bias, y, default);
    }

    /// <summary>
    /// The convolution followed by ReLU and the maximum over time, without writing the convolution's output:
    /// <c>maxima[b, o] = max(0, max_t y[b, o, t])</c> (NaN when a NaN is among them), and in <paramref name="positions"/>
    /// <c>[B, C_out]</c> the step t that ReLU and max pooling would send the gradient to — the first maximum, or the last
    /// NaN, as <see cref="Tensor.AdaptiveMaxPool1d"/> — or −1 when none gets it (the maximum is not above 0).
    /// </summary>
    public static void ForwardReluGlobalMax(in Conv1dGeometry g, ReadOnlySpan<float> x, ReadOnlySpan<float> weight, ReadOnlySpan<float> bias,
        Span<float> maxima, Span<int> positions)
    {
        int size = g.Batch * g.OutChannels;
        if (maxima.Length < size || positions.Length < size)
            throw new ArgumentException($"Conv1dDirect: the maxima or positions are too short for {g.Name} on a batch of {g.Batch}.");
        Run(g, x, weight, bias, maxima, positions);
    }

    private static void Run(in Conv1dGeometry g, ReadOnlySpan<float> x, ReadOnlySpan<float> weight, ReadOnlySpan<float> bias, Span<float> y,
        Span<int> positions)
    {
        if (!Suits(g))
            throw new InvalidOperationException($"Conv1dDirect: {g.Name} is not for the direct kernel.");
        if (x.Length < (long)g.Batch * g.InChannels * g.Length || weight.Length < g.OutChannels * g.Patch
            || !bias.IsEmpty && bias.Length < g.OutChannels)
            throw new ArgumentException($"Conv1dDirect: the spans are too short for {g.Name} on a batch of {g.Batch}.");
        if (g.Batch == 0) return;
        var columns = WeightColumns(weight, g, out int width);
        // Per part: the item's runs (unless read in place) and its output tile [L_out, C_out] (unless written in place).
        bool tiled = !g.ChannelsLast || !positions.IsEmpty;
        int scratchPerPart = (ReadsInPlace(g) ? 0 : PaddedLength(g) * g.InChannels) + (tiled ? g.OutLength * g.OutChannels : 0);
        long work = (long)g.Positions * g.OutChannels * g.Patch;
        int parts = work >= ParallelThreshold ? Math.Min(KernelThreads.Usable, g.Batch) : 1;
        var scratch = ArrayPool<float>.Shared.Rent(Math.Max(1, parts * scratchPerPart));
        fixed (float* px = x, pw = columns, pb = bias, py = y, ps = scratch)
        fixed (int* pp = positions)
        {
            var job = new Job
            {
                Geometry = g, Input = px, Weight = pw, Bias = bias.IsEmpty ? null : pb, Output = py, Scratch = ps,
                Positions = positions.IsEmpty ? null : pp, WeightWidth = width, ScratchPerPart = scratchPerPart, Parts = parts,
            };
            KernelWorkers.Run(parts, parts, large: work >= GemmSplit.WakeThreshold, &RunPart, &job);
        }
        ArrayPool<float>.Shared.Return(scratch);
        ArrayPool<float>.Shared.Return(columns);
    }

    private static void RunPart(int part, void* state)
    {
        ref readonly Job job = ref *(Job*)state;
        switch (Gemm.BestPath)
        {
            case GemmPath.Avx512: RunPart<GemmMicrokernel512>(part, job); break;
            default: RunPart<GemmMicrokernel256>(part, job); break;
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void RunPart<TKernel>(int part, in Job job) where TKernel : struct, IGemmMicrokernel
    {
        ref readonly Conv1dGeometry g = ref job.Geometry;
        int first = (int)((long)g.Batch * part / job.Parts), end = (int)((long)g.Batch * (part + 1) / job.Parts);
        int outLength = g.OutLength, outChannels = g.OutChannels, inputRows = PaddedLength(g) * g.InChannels;
        float* runs = job.Scratch + (long)part * job.ScratchPerPart;
        float* tile = ReadsInPlace(g) ? runs : runs + inputRows;
        for (int b = first; b < end; b++)
        {
            float* itemRuns = runs;
            if (ReadsInPlace(g)) itemRuns = job.Input + (long)b * g.Length * g.InChannels;
            else GatherItem(g, job.Input, b, runs);
            if (job.Positions is not null)
            {
                Item<TKernel>(g, itemRuns, job.Weight, job.WeightWidth, job.Bias, tile);
                ReluMaxOverTime(tile, outLength, outChannels, job.Output + (long)b * outChannels, job.Positions + (long)b * outChannels);
            }
            else if (g.ChannelsLast)
                Item<TKernel>(g, itemRuns, job.Weight, job.WeightWidth, job.Bias, job.Output + (long)b * outLength * outChannels);
            else
            {
                Item<TKernel>(g, itemRuns, job.Weight, job.WeightWidth, job.Bias, tile);
                BlockTranspose.Run(tile, outChannels, outLength, outChannels, job.Output + (long)b * outChannels * outLength, outLength, accumulate: false);
            }
        }
    }

    /// <summary>
    /// For each column o of <paramref name="tile"/> <c>[rows, width]</c>: the largest value by PyTorch's max-pooling test
    /// (a strictly larger value or any NaN takes over, so ties keep the first and the last NaN wins), through ReLU, and the
    /// row it came from when ReLU passes a gradient there (above 0), else −1. Columns side by side in vectors.
    /// </summary>
    private static void ReluMaxOverTime(float* tile, int rows, int width, float* maxima, int* positions)
    {
        int o = 0;
        for (int count = Vector<float>.Count; o <= width - count; o += count)
        {
            var best = new Vector<float>(float.NegativeInfinity);
            var at = Vector<int>.Zero;
            for (int t = 0; t < rows; t++)
            {
                var value = Vector.Load(tile + (long)t * width + o);
                var takes = Vector.GreaterThan(value, best) | ~Vector.Equals(value, value);
                best = Vector.ConditionalSelect(takes, value, best);
                at = Vector.ConditionalSelect(takes, new Vector<int>(t), at);
            }
            // ReLU keeps a NaN; the gradient passes where the maximum is above 0 (never at a NaN).
            var relu = Vector.ConditionalSelect(Vector.Equals(best, best), Vector.Max(best, Vector<float>.Zero), best);
            relu.Store(maxima + o);
            Vector.ConditionalSelect(Vector.GreaterThan(best, Vector<float>.Zero), at, new Vector<int>(-1)).Store(positions + o);
        }
        for (; o < width; o++)
        {
            float best = float.NegativeInfinity;
            int at = 0;
            for (int t = 0; t < rows; t++)
            {
                float value = tile[(long)t * width + o];
                if (value > best || float.IsNaN(value))
                {
                    best = value;
                    at = t;
                }
            }
            maxima[o] = MathF.Max(best, 0f);
            positions[o] = best > 0f ? at : -1;
        }
    }

    /// <summary><c>y[t, :] = bias + Σ_p runs[t·stride·C_in + p] · weight[p, :]</c> for one item, y <c>[L_out, C_out]</c>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void Item<TKernel>(in Conv1dGeometry g, float* runs, float* weight, int weightWidth, float* bias, float* y)
        where TKernel : struct, IGemmMicrokernel
    {
        int patch = g.Patch, outLength = g.OutLength, outChannels = g.OutChannels, mr = TKernel.MR, nr = TKernel.NR;
        nint rowStride = (nint)g.Stride * g.InChannels;
        // Equal k-blocks of at most KC (the first overwrites y unless the bias is there first).
        int blocks = (patch + TKernel.KC - 1) / TKernel.KC, depth = (patch + blocks - 1) / blocks;
        if (bias is not null)
            for (int t = 0; t < outLength; t++)
                new ReadOnlySpan<float>(bias, outChannels).CopyTo(new Span<float>(y + (long)t * outChannels, outChannels));
        for (int o = 0; o < outChannels; o += nr)
            for (int p = 0; p < patch; p += depth)
            {
                int cols = Math.Min(nr, outChannels - o), kc = Math.Min(depth, patch - p);
                bool overwrite = p == 0 && bias is null;
                for (int t = 0; t < outLength; t += mr)
                    TKernel.Compute(Math.Min(mr, outLength - t), cols, kc, runs + t * rowStride + p, rowStride, 1,
                        weight + (long)p * weightWidth + o, weightWidth, y + (long)t * outChannels + o, outChannels, overwrite);
            }
    }
}
