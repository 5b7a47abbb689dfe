using System.Runtime.CompilerServices;
using Recur.Kernels;

namespace Recur.Nn.Recurrent;

/// <summary>
/// Which steps of a padded batch the kernels run, and where each of them sits in the caller's tensors.
/// </summary>
/// <remarks>
/// The kernels know one convention, PyTorch's packed sequences: every sequence starts at step 0 and is inactive past its
/// length. A pre-padded sequence b (Keras' default) is read rotated by <c>shift_b = T − n_b</c> steps, so its real steps
/// come first: kernel step t of row b is the caller's step <c>(t + shift_b) mod T</c>. The rotation is folded into the
/// copies the stack makes anyway (the time-major input, the output, the input's gradient), so a pre-padded batch costs
/// nothing more than a post-padded one and its results are the same bits. And no step past the batch's longest sequence
/// is run at all (<see cref="Window"/>): there every sequence only carries its state, and its output and gradients are zero,
/// as PyTorch's packed sequences skip them.
/// </remarks>
internal sealed class StepWindow
{
    private readonly int[]? _shifts;

    private StepWindow(int steps, int window, int batch, bool batchFirst, int[]? lengths, int[]? shifts)
    {
        Steps = steps;
        Window = window;
        Batch = batch;
        BatchFirst = batchFirst;
        Lengths = lengths;
        _shifts = shifts;
    }

    /// <summary>T: the caller's steps.</summary>
    public int Steps { get; }

    /// <summary>The steps the kernels run: the longest sequence's length (at least 1), or T without lengths.</summary>
    public int Window { get; }

    /// <summary>B.</summary>
    public int Batch { get; }

    /// <summary>The caller's tensors are <c>[B, T, ·]</c> (else <c>[T, B, ·]</c>).</summary>
    public bool BatchFirst { get; }

    /// <summary>Each sequence's real length in the kernels' (post-padded) convention, or null when all are full.</summary>
    public int[]? Lengths { get; }

    /// <summary>True when kernel step t of every row is the caller's step t (no rotation) and the layout is time-major.</summary>
    public bool InPlace => _shifts is null && !BatchFirst;

    /// <summary>True when the kernels run every step of every row and read the caller's layout as it is.</summary>
    public bool Whole => _shifts is null && Lengths is null;

    // A batch-first layout whose rows all move as one transpose of the leading axes: no rotation, every step in the window.
    private bool SwapsWhole => _shifts is null && BatchFirst && Window == Steps;

    /// <summary>The window for a batch of <paramref name="steps"/> × <paramref name="batch"/> with these lengths (null: all full).</summary>
    public static StepWindow For(int steps, int batch, bool batchFirst, SequenceLengths? lengths)
    {
        if (lengths is null || lengths.AllEqual(steps)) return new StepWindow(steps, steps, batch, batchFirst, null, null);
        int longest = 0;
        foreach (int n in lengths.Values) longest = Math.Max(longest, n);
        int[]? shifts = null;
        if (lengths.Padding == SequenceSide.Pre)
        {
            shifts = new int[batch];
            for (int b = 0; b < batch; b++) shifts[b] = lengths.FirstStep(b, steps);
        }
        return new StepWindow(steps, Math.Max(1, longest), batch, batchFirst, lengths.Values, shifts);
    }

    /// <summary>The caller's row (in its layout, rows of width ·) holding kernel step <paramref name="t"/> of sequence <paramref name="b"/>.</summary>
    public long CallerRow(int t, int b)
    {
        int step = _shifts is null ? t : (t + _shifts[b]) % Steps;
        return BatchFirst ? (long)b * Steps + step : (long)step * Batch + b;
    }

    /// <summary>True when kernel step <paramref name="t"/> of sequence <paramref name="b"/> is a real step.</summary>
    public bool IsReal(int t, int b) => t < Window && (Lengths is null || t < Lengths[b]);

    /// <summary>
    /// The kernels' time-major input <c>[Window·B, width]</c> from the caller's <paramref name="source"/> (all rows of the
    /// window, real or not: the kernels compute every row and ignore what is past a sequence's end).
    /// </summary>
    public unsafe void Gather(ReadOnlySpan<float> source, Span<float> target, int width)
    {
        if (SwapsWhole)
        {
            RowBlocks.SwapLeadingAxes(source, target, Batch, Steps, width, accumulate: false);
            return;
        }
        fixed (float* s = source, d = target)
            for (int t = 0; t < Window; t++)
                for (int b = 0; b < Batch; b++)
                    CopyRow(s + CallerRow(t, b) * width, d + ((long)t * Batch + b) * width, width, accumulate: false);
    }

    /// <summary>
    /// Adds the kernels' time-major gradient <c>[Window·B, width]</c> into the gradient of the caller's
    /// <paramref name="input"/>. When these rows are all of the input's and it has no gradient yet in this pass, they are
    /// written into a fresh buffer instead (<see cref="Tensor.GradBufferToFill"/>): no clearing, and no reading of zeros.
    /// </summary>
    public void AddGradient(ReadOnlySpan<float> source, Tensor input, int width)
    {
        if (SwapsWhole)
        {
            var target = input.GradBufferToFill(out bool accumulate);
            RowBlocks.SwapLeadingAxes(source, target, Steps, Batch, width, accumulate);
            return;
        }
        ScatterAdd(source, input.GradBuffer(), width);
    }

    /// <summary>Adds the kernels' time-major gradient <c>[Window·B, width]</c> into the caller's layout.</summary>
    private unsafe void ScatterAdd(ReadOnlySpan<float> source, Span<float> target, int width)
    {
        if (SwapsWhole)
        {
            RowBlocks.SwapLeadingAxes(source, target, Steps, Batch, width, accumulate: true);
            return;
        }
        fixed (float* s = source, d = target)
            for (int t = 0; t < Window; t++)
                for (int b = 0; b < Batch; b++)
                    CopyRow(s + ((long)t * Batch + b) * width, d + CallerRow(t, b) * width, width, accumulate: true);
    }

    /// <summary>
    /// The caller's output <c>[B, T, width]</c> or <c>[T, B, width]</c> from the kernels' time-major states: block t of
    /// <paramref name="states"/> (<c>[B, width]</c> rows <paramref name="stateWidth"/> apart, from <paramref name="column"/>) is
    /// kernel step t. Every element of the output's columns [column, column + width) is written: zeros where a step is not real.
    /// </summary>
    public unsafe void WriteOutput(ReadOnlySpan<float> states, int stateWidth, Span<float> target, int targetWidth, int column, int width)
    {
        if (Whole && width == stateWidth && width == targetWidth)
        {
            var all = states[..(Steps * Batch * width)];
            if (BatchFirst) RowBlocks.SwapLeadingAxes(all, target, Steps, Batch, width, accumulate: false);
            else all.CopyTo(target);
            return;
        }
        fixed (float* s = states, d = target)
            for (int b = 0; b < Batch; b++)
                for (int t = 0; t < Steps; t++)
                {
                    float* to = d + CallerRow(t, b) * targetWidth + column;
                    if (IsReal(t, b)) CopyRow(s + ((long)t * Batch + b) * stateWidth, to, width, accumulate: false);
                    else new Span<float>(to, width).Clear();
                }
    }

    /// <summary>
    /// dL/d(output) as the kernels read it, time-major <c>[Window·B, width]</c>, gathered from the caller's
    /// <paramref name="gradient"/> when it cannot be read in place (rotated rows).
    /// </summary>
    public OutputGradient OutputGradient(float[] gradient, int width, PinnedFloats scratch)
    {
        if (_shifts is null)
            return BatchFirst
                ? new OutputGradient(gradient, 0, width, Steps * width)
                : new OutputGradient(gradient, 0, Batch * width, width);
        if (gradient.Length == 0) return new OutputGradient(gradient, 0, 0, 0);
        Gather(gradient, scratch, width);
        return new OutputGradient(scratch.Array, scratch.Offset, Batch * width, width);
    }

    private static unsafe void CopyRow(float* from, float* to, int width, bool accumulate) =>
        FloatVector.Dispatch(new RowCopy(from, to, width, accumulate));

    /// <summary>One row copied, or added with <c>accumulate</c>.</summary>
    private readonly unsafe struct RowCopy(float* from, float* to, int width, bool accumulate) : IFloatVectorKernel
    {
        [MethodImpl(MethodImplOptions.AggressiveOptimization)]
        public void Run<TV>() where TV : struct, IFloatVector<TV>
        {
            for (int k = 0; k < width; k += TV.Count)
            {
                int n = width - k;
                var value = TV.Load(from + k, n);
                TV.Store(to + k, accumulate ? TV.Load(to + k, n) + value : value, n);
            }
        }
    }
}
