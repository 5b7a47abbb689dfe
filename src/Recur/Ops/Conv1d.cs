using System.Buffers;
using System.Numerics;
using System.Numerics.Tensors;
using Recur.Autograd;
using Recur.Kernels;

namespace Recur;

public sealed partial class Tensor
{
    /// <summary>
    /// 1-D convolution (PyTorch's <c>F.conv1d</c>, cross-correlation as every framework computes it):
    /// <c>y[b, o, t] = bias[o] + Σ_c Σ_j weight[o, c, j] · x[b, c, t·stride + j·dilation − padding]</c>, zeros outside
    /// the input. <paramref name="input"/> is <c>[B, C_in, L]</c> or unbatched <c>[C_in, L]</c>, weight
    /// <c>[C_out, C_in, k]</c>, bias <c>[C_out]</c> or null; the result is <c>[B, C_out, L_out]</c> with
    /// <c>L_out = ⌊(L + 2·padding − dilation·(k − 1) − 1) / stride⌋ + 1</c>. With <paramref name="channelsLast"/> the
    /// input is <c>[B, L, C_in]</c> and the result <c>[B, L_out, C_out]</c> (Keras' layout; the weight keeps PyTorch's).
    /// One tape node. At dilation 1 the forward pass runs the GEMM microkernel on the input in place (as overlapping runs of
    /// its channels-last rows); otherwise, and for a dense backward pass, matrix products on the unfolded input. An output
    /// gradient with at most one nonzero in eight (as behind max pooling) is visited element by element instead, skipping
    /// the zeros' terms (so an infinite input or weight meeting a zero gradient adds 0 rather than NaN).
    /// </summary>
    /// <exception cref="ArgumentException">The shapes do not fit together, or the input is shorter than the kernel's span.</exception>
    /// <exception cref="ArgumentOutOfRangeException">stride or dilation below 1, or negative padding.</exception>
    public static Tensor Conv1d(Tensor input, Tensor weight, Tensor? bias = null, int stride = 1, int padding = 0, int dilation = 1,
        bool channelsLast = false) =>
        Conv1d(input, weight, bias, stride, (padding, padding), dilation, channelsLast);

    /// <summary>
    /// As <see cref="Conv1d(Tensor, Tensor, Tensor?, int, int, int, bool)"/> with different zero padding at the start and
    /// the end of the sequence, e.g. Keras' <c>padding="causal"</c> (<c>(dilation·(k − 1), 0)</c>) or <c>"same"</c>
    /// (<c>(s / 2, s − s / 2)</c> with <c>s = dilation·(k − 1)</c>, at stride 1).
    /// </summary>
    /// <exception cref="ArgumentException">The shapes do not fit together, or the input is shorter than the kernel's span.</exception>
    /// <exception cref="ArgumentOutOfRangeException">stride or dilation below 1, or negative padding.</exception>
    public static Tensor Conv1d(Tensor input, Tensor weight, Tensor? bias, int stride, (int Start, int End) padding, int dilation = 1,
        bool channelsLast = false)
    {
        ArgumentNullException.ThrowIfNull(input);
        ArgumentNullException.ThrowIfNull(weight);
        var geometry = Conv1dGeometry.Of(input, weight, bias, stride, padding.Start, padding.End, dilation, channelsLast);
        var y = new Tensor(Storage.Uninitialized(SizeOf(geometry.OutputShape())), geometry.OutputShape());
        Tensor[] inputs = bias is null ? [input, weight] : [input, weight, bias];

        long unfoldedSize = (long)geometry.Patch * geometry.Positions;
        if (unfoldedSize > Array.MaxLength)
            throw new ArgumentException(
                $"{geometry.Name}: the unfolded input of {Tensor.ShapeText(input._shape)} would have {unfoldedSize} elements; use smaller batches.", nameof(input));
        int unfolded = (int)unfoldedSize;
        // Channels-last columns are ordered (tap, channel): the weight is used as [C_out, k, C_in].
        float[]? tapMajorWeight = channelsLast ? TapMajor(weight._data, geometry) : null;
        if (Conv1dDirect.Suits(geometry))
            Conv1dDirect.Forward(geometry, input._data, weight._data, bias is null ? default : bias._data, y._data);
        else
        {
            // The unfolded input (B·L_out·C_in·k floats, 2.3 MB for the course's batch) lives in a pooled buffer for the
            // length of one call: a fresh array per call costs more in page faults than the backward pass's second unfolding.
            var columns = ArrayPool<float>.Shared.Rent(unfolded);
            Conv1dColumns.Unfold(geometry, input._data, columns);
            Conv1dForward(geometry, columns, weight._data, tapMajorWeight, bias?._data, y._data);
            ArrayPool<float>.Shared.Return(columns);
        }

        return Tape.Record(y, "conv1d", inputs, g =>
        {
            if (MostlyZero(g._data))
            {
                SparseBackward(geometry, g._data, default, input, weight, bias, tapMajorWeight ?? TapMajor(weight._data, geometry));
                return;
            }
            int n = geometry.Positions, outChannels = geometry.OutChannels, patch = geometry.Patch;
            // The output gradient as a matrix dY: channels-last dy is already [B·L_out, C_out]; channels-first dy
            // [B, C_out, L_out] is rearranged to [C_out, B·L_out], the layout of the forward product.
            float[] dY = g._data;
            if (!channelsLast)
            {
                dY = ArrayPool<float>.Shared.Rent(outChannels * n);
                RowBlocks.SwapLeadingAxes(g._data, dY, geometry.Batch, outChannels, geometry.OutLength, accumulate: false);
            }
            if (bias is not null && bias.RequiresGrad)
            {
                // db = Σ over positions of dY
                var db = bias.GradBuffer();
                if (channelsLast)
                    for (int r = 0; r < n; r++) TensorPrimitives.Add(db, dY.AsSpan(r * outChannels, outChannels), db);
                else
                    for (int o = 0; o < outChannels; o++) db[o] += TensorPrimitives.Sum(dY.AsSpan(o * n, n));
            }
            if (weight.RequiresGrad)
            {
                // dWᵀ [C_in·k, C_out] = columns · dYᵀ (channels-last: columnsᵀ · dY), then added in the weight's order
                var columns = UnfoldedInput(input, geometry, unfolded);
                var dWeightT = ArrayPool<float>.Shared.Rent(patch * outChannels);
                Gemm.Multiply(columns, dY, dWeightT, patch, outChannels, n, transposeA: channelsLast, transposeB: !channelsLast);
                AddWeightGradient(dWeightT, outChannels, 1, geometry, weight.GradBuffer(), tapMajor: channelsLast);
                ArrayPool<float>.Shared.Return(dWeightT);
                ArrayPool<float>.Shared.Return(columns);
            }
            if (input.RequiresGrad)
            {
                // d columns = Wᵀ · dY [C_in·k, B·L_out] (channels-last: dY · W' [B·L_out, k·C_in]), folded back onto dx
                var dColumns = ArrayPool<float>.Shared.Rent(unfolded);
                if (channelsLast) Gemm.Multiply(dY, tapMajorWeight!, dColumns, n, patch, outChannels);
                else Gemm.Multiply(weight._data, dY, dColumns, patch, n, outChannels, transposeA: true);
                Conv1dColumns.FoldAdd(geometry, dColumns, input.GradBuffer());
                ArrayPool<float>.Shared.Return(dColumns);
            }
            if (!channelsLast) ArrayPool<float>.Shared.Return(dY);
        });
    }

    /// <summary>The input unfolded again, into a pooled buffer the caller returns.</summary>
    private static float[] UnfoldedInput(Tensor input, in Conv1dGeometry geometry, int unfolded)
    {
        var columns = ArrayPool<float>.Shared.Rent(unfolded);
        Conv1dColumns.Unfold(geometry, input._data, columns);
        return columns;
    }

    /// <summary>y = the convolution of the unfolded input <paramref name="columns"/>, bias added.</summary>
    private static void Conv1dForward(in Conv1dGeometry g, float[] columns, float[] weight, float[]? tapMajorWeight, float[]? bias, float[] y)
    {
        int n = g.Positions, outChannels = g.OutChannels;
        if (g.ChannelsLast)
        {
            // y [B·L_out, C_out] = columns [B·L_out, k·C_in] · W'ᵀ (+ bias on every row)
            if (bias is not null)
                for (int r = 0; r < n; r++) bias.CopyTo(y, r * outChannels);
            Gemm.Multiply(columns, tapMajorWeight!, y, n, outChannels, g.Patch, transposeB: true, accumulate: bias is not null);
            return;
        }
        // Y [C_out, B·L_out] = W [C_out, C_in·k] · columns (+ bias on every column), then [C_out, B, L_out] → [B, C_out, L_out]
        var product = ArrayPool<float>.Shared.Rent(outChannels * n);
        if (bias is not null)
            for (int o = 0; o < outChannels; o++) product.AsSpan(o * n, n).Fill(bias[o]);
        Gemm.Multiply(weight, columns, product, outChannels, n, g.Patch, accumulate: bias is not null);
        RowBlocks.SwapLeadingAxes(product, y, outChannels, g.Batch, g.OutLength, accumulate: false);
        ArrayPool<float>.Shared.Return(product);
    }

    /// <summary>The weight <c>[C_out, C_in, k]</c> reordered to <c>[C_out, k, C_in]</c>, the column order of channels-last unfolding.</summary>
    private static float[] TapMajor(float[] weight, in Conv1dGeometry g)
    {
        int channels = g.InChannels, taps = g.KernelSize;
        var result = new float[weight.Length];
        for (int o = 0; o < g.OutChannels; o++)
            for (int c = 0; c < channels; c++)
                for (int j = 0; j < taps; j++)
                    result[(o * taps + j) * channels + c] = weight[(o * channels + c) * taps + j];
        return result;
    }

    /// <summary>
    /// Adds a weight gradient laid out by the unfolding into the weight's gradient <c>[C_out, C_in, k]</c>: element
    /// <c>(o, p)</c>, p in the order (channel, tap), or (tap, channel) when <paramref name="tapMajor"/> (channels-last
    /// unfolding, the sparse pass), is at <c>p·patchStride + o·outStride</c> (<c>dWᵀ [C_in·k, C_out]</c>: strides C_out
    /// and 1; <c>[C_out, k·C_in]</c>: 1 and C_in·k).
    /// </summary>
    private static void AddWeightGradient(float[] source, int patchStride, int outStride, in Conv1dGeometry g, float[] weightGradient, bool tapMajor)
    {
        int channels = g.InChannels, taps = g.KernelSize;
        for (int c = 0; c < channels; c++)
            for (int j = 0; j < taps; j++)
            {
                int from = (tapMajor ? j * channels + c : c * taps + j) * patchStride;
                for (int o = 0; o < g.OutChannels; o++)
                    weightGradient[(o * channels + c) * taps + j] += source[from + o * outStride];
            }
    }

    /// <summary>Whether at most one element in eight is nonzero (NaN counts as nonzero).</summary>
    private static bool MostlyZero(ReadOnlySpan<float> values)
    {
        int allowed = values.Length / 8, nonzero = 0, i = 0;
        if (Vector.IsHardwareAccelerated)
            for (int width = Vector<float>.Count; i <= values.Length - width && nonzero <= allowed; i += width)
                nonzero += width + Vector.Sum(Vector.Equals(new Vector<float>(values[i..]), Vector<float>.Zero));   // each zero lane is −1
        for (; i < values.Length && nonzero <= allowed; i++)
            if (values[i] != 0f) nonzero++;
        return nonzero <= allowed;
    }

    /// <summary>The backward pass for an output gradient that is mostly zeros (<see cref="Conv1dSparseBackward"/>).</summary>
    /// <remarks>With <paramref name="positions"/>, dy is one gradient per item and output channel for the step named there (see <see cref="Conv1dReluGlobalMax(Tensor, Tensor, Tensor?, int, ValueTuple{int, int}, int, bool)"/>).</remarks>
    private static void SparseBackward(in Conv1dGeometry geometry, float[] dy, ReadOnlySpan<int> positions, Tensor input, Tensor weight, Tensor? bias,
        float[] tapMajorWeight)
    {
        int size = geometry.OutChannels * geometry.Patch;
        float[]? tapMajorGradient = null;
        if (weight.RequiresGrad)
        {
            tapMajorGradient = ArrayPool<float>.Shared.Rent(size);
            tapMajorGradient.AsSpan(0, size).Clear();
        }
        Conv1dSparseBackward.Run(geometry, dy, positions, input._data, tapMajorWeight,
            input.RequiresGrad ? input.GradBuffer() : default,
            tapMajorGradient is null ? default : tapMajorGradient.AsSpan(0, size),
            bias is not null && bias.RequiresGrad ? bias.GradBuffer() : default);
        if (tapMajorGradient is not null)
        {
            AddWeightGradient(tapMajorGradient, 1, geometry.Patch, geometry, weight.GradBuffer(), tapMajor: true);
            ArrayPool<float>.Shared.Return(tapMajorGradient);
        }
    }
}
