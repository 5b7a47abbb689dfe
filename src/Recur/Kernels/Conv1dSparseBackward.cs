using System.Buffers;
using System.Numerics;
using System.Numerics.Tensors;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace Recur.Kernels;

/// <summary>
/// The backward pass of a 1-D convolution whose output gradient is mostly zeros, as behind max pooling (global max
/// pooling leaves one nonzero per channel and sequence): it visits the nonzeros only. For g = dy at output channel o and
/// position (b, t), whose inputs are the taps of run (b, t) in the runs layout of <see cref="Conv1dDirect"/>:
/// <c>db[o] += g;  dW[o] += g · run;  d run += g · W[o]</c>, W and dW tap-major (<c>[C_out, k·C_in]</c>). At dilation 1
/// a run is one contiguous vector of k·C_in floats; at dilation d its k taps are C_in floats each, d rows apart.
/// </summary>
/// <remarks>
/// The terms a dense pass would add for zeros of dy are skipped, so an infinite input or weight there gives 0, not NaN.
/// Items are visited in order on one thread (the weight gradient sums over all of them), so the result is the same for
/// any thread count; an item without a nonzero costs one scan of its gradient.
/// </remarks>
internal static unsafe class Conv1dSparseBackward
{
    /// <summary>
    /// Adds the gradients to <paramref name="dx"/>, <paramref name="tapMajorGradient"/> (<c>[C_out, k·C_in]</c>, tap-major) and
    /// <paramref name="db"/>, each skipped when empty. <paramref name="tapMajorWeight"/> is the weight as <c>[C_out, k·C_in]</c>.
    /// <paramref name="dy"/> is the output gradient in the op's layout, or, with <paramref name="positions"/>, one gradient
    /// per item and output channel <c>[B, C_out]</c> for the step <paramref name="positions"/> names (none where it is −1):
    /// the convolution's output gradient behind <see cref="Conv1dDirect.ForwardReluGlobalMax"/>.
    /// </summary>
    public static void Run(in Conv1dGeometry g, ReadOnlySpan<float> dy, ReadOnlySpan<int> positions, ReadOnlySpan<float> x,
        ReadOnlySpan<float> tapMajorWeight, Span<float> dx, Span<float> tapMajorGradient, Span<float> db)
    {
        long gradients = positions.IsEmpty ? (long)g.Positions * g.OutChannels : (long)g.Batch * g.OutChannels;
        if (dy.Length < gradients || !positions.IsEmpty && positions.Length < gradients
            || x.Length < (long)g.Batch * g.InChannels * g.Length || tapMajorWeight.Length < g.OutChannels * g.Patch
            || !dx.IsEmpty && dx.Length < x.Length || !tapMajorGradient.IsEmpty && tapMajorGradient.Length < g.OutChannels * g.Patch
            || !db.IsEmpty && db.Length < g.OutChannels)
            throw new ArgumentException($"Conv1dSparseBackward: the spans are too short for {g.Name} on a batch of {g.Batch}.");
        bool needInput = !tapMajorGradient.IsEmpty, needDx = !dx.IsEmpty;
        int runsLength = Conv1dDirect.PaddedLength(g) * g.InChannels;
        bool inPlace = Conv1dDirect.ReadsInPlace(g);
        // Scratch: the item's input in the runs layout, and its gradient there (unless both are the tensors themselves).
        var scratch = ArrayPool<float>.Shared.Rent(inPlace ? 1 : 2 * runsLength);
        fixed (float* px = x, pdx = dx, ps = scratch)
        {
            var visit = new Visit
            {
                Geometry = g, Weight = tapMajorWeight, WeightGradient = tapMajorGradient, BiasGradient = db, NeedDx = needDx,
            };
            for (int b = 0; b < g.Batch; b++)
            {
                if (positions.IsEmpty ? !HasNonzero(g, dy, b) : !HasPosition(g, positions, b)) continue;
                if (inPlace)
                {
                    visit.Runs = new ReadOnlySpan<float>(px + (long)b * runsLength, runsLength);
                    visit.RunsGradient = needDx ? new Span<float>(pdx + (long)b * runsLength, runsLength) : default;
                }
                else
                {
                    if (needInput) Conv1dDirect.GatherItem(g, px, b, ps);
                    visit.Runs = new ReadOnlySpan<float>(ps, runsLength);
                    visit.RunsGradient = needDx ? new Span<float>(ps + runsLength, runsLength) : default;
                    visit.RunsGradient.Clear();
                }
                if (positions.IsEmpty) VisitNonzeros(g, dy, b, ref visit);
                else
                    for (int o = 0, at = b * g.OutChannels; o < g.OutChannels; o++, at++)
                        if (positions[at] >= 0 && dy[at] != 0f) visit.Add(positions[at], o, dy[at]);
                if (needDx && !inPlace) Conv1dDirect.ScatterAddItem(g, ps + runsLength, b, pdx);
            }
        }
        ArrayPool<float>.Shared.Return(scratch);
    }

    /// <summary>What one nonzero of dy updates, for the item in hand.</summary>
    private ref struct Visit
    {
        public Conv1dGeometry Geometry;
        public ReadOnlySpan<float> Weight, Runs;
        public Span<float> WeightGradient, BiasGradient, RunsGradient;
        public bool NeedDx;

        /// <summary>db[o] += g;  dW[o] += g · run(t);  d run(t) += g · W[o].</summary>
        public readonly void Add(int t, int o, float gradient)
        {
            ref readonly Conv1dGeometry g = ref Geometry;
            int patch = g.Patch, channels = g.InChannels, start = t * g.Stride * channels;
            if (!BiasGradient.IsEmpty) BiasGradient[o] += gradient;
            // At dilation 1 the taps are one run of k·C_in; at dilation d, k runs of C_in, d rows apart.
            int tapLength = g.Dilation == 1 ? patch : channels, tapStride = g.Dilation * channels;
            for (int j = 0, offset = start; j * tapLength < patch; j++, offset += tapStride)
            {
                int p = j * tapLength;
                if (!WeightGradient.IsEmpty) AddScaled(Runs.Slice(offset, tapLength), gradient, WeightGradient.Slice(o * patch + p, tapLength));
                if (NeedDx) AddScaled(Weight.Slice(o * patch + p, tapLength), gradient, RunsGradient.Slice(offset, tapLength));
            }
        }
    }

    /// <summary>
    /// <c>y += scale · x</c> over a run of a few hundred floats. A library call per run cost a third of the loop in its
    /// checks and dispatch: this is called twice per nonzero, thousands of times per backward pass.
    /// </summary>
    private static void AddScaled(ReadOnlySpan<float> x, float scale, Span<float> y)
    {
        if (y.Length < x.Length)
            throw new ArgumentException("Conv1dSparseBackward: the run to add to is shorter than the run added.", nameof(y));
        int i = 0;
        ref float from = ref MemoryMarshal.GetReference(x);
        ref float to = ref MemoryMarshal.GetReference(y);
        if (Vector512.IsHardwareAccelerated)
        {
            var factor = Vector512.Create(scale);
            for (; i <= x.Length - Vector512<float>.Count; i += Vector512<float>.Count)
                Vector512.FusedMultiplyAdd(Vector512.LoadUnsafe(ref from, (nuint)i), factor, Vector512.LoadUnsafe(ref to, (nuint)i))
                    .StoreUnsafe(ref to, (nuint)i);
        }
        else if (Vector256.IsHardwareAccelerated)
        {
            var factor = Vector256.Create(scale);
            for (; i <= x.Length - Vector256<float>.Count; i += Vector256<float>.Count)
                Vector256.FusedMultiplyAdd(Vector256.LoadUnsafe(ref from, (nuint)i), factor, Vector256.LoadUnsafe(ref to, (nuint)i))
                    .StoreUnsafe(ref to, (nuint)i);
        }
        for (; i < x.Length; i++) y[i] = MathF.FusedMultiplyAdd(x[i], scale, y[i]);
    }

    /// <summary>Calls <see cref="Visit.Add"/> for each nonzero (NaN included) of item <paramref name="b"/>'s output gradient.</summary>
    private static void VisitNonzeros(in Conv1dGeometry g, ReadOnlySpan<float> dy, int b, ref Visit visit)
    {
        int outLength = g.OutLength, outChannels = g.OutChannels;
        var item = dy.Slice(b * outLength * outChannels, outLength * outChannels);
        // Rows of the item's gradient: [C_out, L_out] channels-first (row o, entry t), [L_out, C_out] channels-last (row t, entry o).
        int rows = g.ChannelsLast ? outLength : outChannels, width = g.ChannelsLast ? outChannels : outLength;
        for (int r = 0; r < rows; r++)
        {
            var row = item.Slice(r * width, width);
            int i = 0;
            for (int vector = Vector<float>.Count; i <= width - vector; i += vector)
            {
                if (Vector.EqualsAll(new Vector<float>(row[i..]), Vector<float>.Zero)) continue;
                for (int e = i; e < i + vector; e++)
                    if (row[e] != 0f) Add(ref visit, g.ChannelsLast, r, e, row[e]);
            }
            for (; i < width; i++)
                if (row[i] != 0f) Add(ref visit, g.ChannelsLast, r, i, row[i]);
        }
    }

    private static void Add(ref Visit visit, bool channelsLast, int row, int entry, float gradient)
    {
        if (channelsLast) visit.Add(row, entry, gradient);
        else visit.Add(entry, row, gradient);
    }

    /// <summary>Whether an output channel of item <paramref name="b"/> passes a gradient to a step.</summary>
    private static bool HasPosition(in Conv1dGeometry g, ReadOnlySpan<int> positions, int b) =>
        positions.Slice(b * g.OutChannels, g.OutChannels).IndexOfAnyExceptInRange(int.MinValue, -1) >= 0;

    /// <summary>Whether item <paramref name="b"/>'s output gradient has a nonzero (or NaN).</summary>
    private static bool HasNonzero(in Conv1dGeometry g, ReadOnlySpan<float> dy, int b)
    {
        // The largest magnitude is nonzero unless all are zeros; a NaN is found first.
        int size = g.OutLength * g.OutChannels, at = TensorPrimitives.IndexOfMaxMagnitude(dy.Slice(b * size, size));
        return dy[b * size + at] != 0f;
    }
}
