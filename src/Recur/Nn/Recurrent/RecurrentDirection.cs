using System.Numerics.Tensors;
using Recur.Kernels;

namespace Recur.Nn.Recurrent;

/// <summary>The weights of one direction of one layer (storage of the parameter tensors).</summary>
internal readonly record struct DirectionWeights(float[] WeightIh, float[] WeightHh, float[]? BiasIh, float[]? BiasHh);

/// <summary>Where one direction's weight gradients go (null when the parameter needs none).</summary>
internal readonly record struct DirectionGradients(float[]? WeightIh, float[]? WeightHh, float[]? BiasIh, float[]? BiasHh);

/// <summary>
/// Runs one direction of one layer over the whole sequence: the input projections of all steps in one GEMM,
/// then per step one recurrent GEMM and the cell's fused pass; backward is BPTT in reverse with the weight
/// gradients of all steps gathered into one GEMM each. All buffers are gate-major (<c>[rows, B]</c>).
/// </summary>
internal static class RecurrentDirection
{
    /// <summary>The shape of the problem this direction solves.</summary>
    internal readonly record struct Shape(int Steps, int Batch, int InputSize, int Hidden, bool Reverse, int OutputWidth, int OutputOffset);

    /// <summary>
    /// Forward over all steps. <paramref name="x"/> is time-major <c>[T·B, F]</c>; <paramref name="h0"/>/<paramref name="c0"/>
    /// are <c>[B, H]</c> (empty for zeros); the hidden states go to columns <c>[offset, offset + H)</c> of
    /// <paramref name="output"/> <c>[T·B, width]</c>.
    /// </summary>
    public static void Forward(CellMath cell, Shape shape, DirectionBuffers buffers, StepScratch scratch, DirectionWeights w,
        ReadOnlySpan<float> x, ReadOnlySpan<float> h0, ReadOnlySpan<float> c0, int[]? lengths, Span<float> output)
    {
        var (steps, batch, inputSize, hidden, reverse, width, offset) = shape;
        int gateRows = cell.Gates * hidden, columns = steps * batch, state = hidden * batch;
        int recurrentRows = cell.RecurrentRows(hidden), cacheSize = cell.CacheRows(hidden) * batch;
        var projection = buffers.InputProjection.AsSpan();

        // All steps' input projections at once: P[G·H, T·B] = W_ih · Xᵀ (+ b_ih, + the foldable rows of b_hh).
        if (w.BiasIh is not null)
        {
            int folded = cell.FoldedHiddenBiasRows(hidden);
            for (int j = 0; j < gateRows; j++)
                projection.Slice(j * columns, columns).Fill(w.BiasIh[j] + (j < folded && w.BiasHh is not null ? w.BiasHh[j] : 0f));
        }
        Gemm.Multiply(false, true, gateRows, columns, inputSize, w.WeightIh, inputSize, x, inputSize, projection, columns, accumulate: w.BiasIh is not null);

        var hPrev = scratch.HA.AsSpan();
        var hNext = scratch.HB.AsSpan();
        var cPrev = scratch.CA.AsSpan();
        var cNext = scratch.CB.AsSpan();
        LoadState(h0, hPrev, batch, hidden);
        if (cell.HasCellState) LoadState(c0, cPrev, batch, hidden);

        for (int s = 0; s < steps; s++)
        {
            int t = reverse ? steps - 1 - s : s;
            // This step's input projection, gathered from its column block.
            for (int j = 0; j < gateRows; j++)
                projection.Slice(j * columns + t * batch, batch).CopyTo(scratch.Input.AsSpan(j * batch, batch));
            // W_hh · h_{t−1}
            Gemm.Multiply(false, false, recurrentRows, batch, hidden, w.WeightHh, hidden, hPrev, batch, scratch.HiddenProjection, batch, accumulate: false);
            // Keep h_{t−1} (and c_{t−1}) for backward.
            for (int k = 0; k < hidden; k++)
                hPrev.Slice(k * batch, batch).CopyTo(buffers.HPrevAll.AsSpan(k * columns + t * batch, batch));
            if (cell.HasCellState) cPrev.CopyTo(buffers.CPrevAll.AsSpan(t * state, state));

            var step = new ForwardStep
            {
                Hidden = hidden,
                Batch = batch,
                InputProjection = scratch.Input,
                HiddenProjection = scratch.HiddenProjection,
                HPrev = hPrev,
                CPrev = cPrev,
                H = hNext,
                C = cNext,
                Cache = buffers.Cache.AsSpan(t * cacheSize, cacheSize),
                BiasHh = w.BiasHh,
                WeightHh = w.WeightHh,
            };
            cell.Forward(ref step);

            // Past its length a sequence keeps its state (packed-sequence semantics) and outputs zeros.
            if (lengths is not null)
                for (int b = 0; b < batch; b++)
                    if (t >= lengths[b])
                        for (int k = 0; k < hidden; k++)
                        {
                            hNext[k * batch + b] = hPrev[k * batch + b];
                            if (cell.HasCellState) cNext[k * batch + b] = cPrev[k * batch + b];
                        }
            for (int b = 0; b < batch; b++)
            {
                var row = output.Slice((t * batch + b) * width + offset, hidden);
                if (lengths is not null && t >= lengths[b]) { row.Clear(); continue; }
                for (int k = 0; k < hidden; k++) row[k] = hNext[k * batch + b];
            }

            var swap = hPrev; hPrev = hNext; hNext = swap;
            swap = cPrev; cPrev = cNext; cNext = swap;
        }
        hPrev.CopyTo(buffers.HFinal);
        if (cell.HasCellState) cPrev.CopyTo(buffers.CFinal);
    }

    /// <summary>
    /// BPTT over all steps. <paramref name="dOutput"/> is dL/d(output) <c>[T·B, width]</c> (this direction reads its
    /// columns); <paramref name="dhN"/>/<paramref name="dcN"/> are dL/d(final state) <c>[B, H]</c> (empty for none).
    /// Adds dL/dx into <paramref name="dx"/> <c>[T·B, F]</c> (if not empty), writes dL/dh0 and dL/dc0 <c>[B, H]</c>
    /// (if not empty), and adds the weight gradients.
    /// </summary>
    public static void Backward(CellMath cell, Shape shape, DirectionBuffers buffers, StepScratch scratch, DirectionWeights w,
        DirectionGradients grads, ReadOnlySpan<float> x, int[]? lengths, ReadOnlySpan<float> dOutput, ReadOnlySpan<float> dhN,
        ReadOnlySpan<float> dcN, Span<float> dx, Span<float> dh0, Span<float> dc0)
    {
        var (steps, batch, inputSize, hidden, reverse, width, offset) = shape;
        int gateRows = cell.Gates * hidden, columns = steps * batch, state = hidden * batch;
        int recurrentRows = cell.RecurrentRows(hidden), cacheSize = cell.CacheRows(hidden) * batch;

        // Carried gradients dL/dh and dL/dc flowing from step t+1 into step t.
        var dhCarry = scratch.HA.AsSpan();
        var dhPrev = scratch.HB.AsSpan();
        var dcCarry = scratch.CA.AsSpan();
        var dcPrev = scratch.CB.AsSpan();
        LoadState(dhN, dhCarry, batch, hidden);
        if (cell.HasCellState) LoadState(dcN, dcCarry, batch, hidden);
        var dh = scratch.DH.AsSpan();
        var hPrevStep = scratch.HPrev.AsSpan();
        var dGates = scratch.DGates.AsSpan();
        var dGatesHidden = scratch.DGatesHidden.AsSpan();

        for (int s = steps - 1; s >= 0; s--)
        {
            int t = reverse ? steps - 1 - s : s;
            // dL/dh_t = carried + this step's output gradient (none where the output was padding).
            dhCarry.CopyTo(dh);
            for (int b = 0; b < batch; b++)
            {
                if (lengths is not null && t >= lengths[b]) continue;
                var row = dOutput.Slice((t * batch + b) * width + offset, hidden);
                for (int k = 0; k < hidden; k++) dh[k * batch + b] += row[k];
            }
            for (int k = 0; k < hidden; k++)
                buffers.HPrevAll.AsSpan(k * columns + t * batch, batch).CopyTo(hPrevStep.Slice(k * batch, batch));

            var step = new BackwardStep
            {
                Hidden = hidden,
                Batch = batch,
                DH = dh,
                DC = dcCarry,
                Cache = buffers.Cache.AsSpan(t * cacheSize, cacheSize),
                HPrev = hPrevStep,
                CPrev = cell.HasCellState ? buffers.CPrevAll.AsSpan(t * state, state) : default,
                WeightHh = w.WeightHh,
                DGatesInput = dGates,
                DGatesHidden = dGatesHidden,
                DHPrev = dhPrev,
                DCPrev = dcPrev,
                Scratch = scratch.Temp,
            };
            cell.Backward(ref step);

            // A step past the sequence's length was a pass-through: no gate gradient, the carry goes straight on.
            if (lengths is not null)
                for (int b = 0; b < batch; b++)
                    if (t >= lengths[b])
                    {
                        for (int j = 0; j < gateRows; j++) dGates[j * batch + b] = dGatesHidden[j * batch + b] = 0f;
                        for (int k = 0; k < hidden; k++)
                        {
                            dhPrev[k * batch + b] = dh[k * batch + b];
                            if (cell.HasCellState) dcPrev[k * batch + b] = dcCarry[k * batch + b];
                        }
                    }

            // dL/dh_{t−1} += W_hhᵀ · dGates
            Gemm.Multiply(true, false, hidden, batch, recurrentRows, w.WeightHh, hidden, dGatesHidden, batch, dhPrev, batch, accumulate: true);

            for (int j = 0; j < gateRows; j++)
            {
                dGates.Slice(j * batch, batch).CopyTo(buffers.DGatesInput.AsSpan(j * columns + t * batch, batch));
                if (!cell.SharesGateGradients)
                    dGatesHidden.Slice(j * batch, batch).CopyTo(buffers.DGatesHidden.AsSpan(j * columns + t * batch, batch));
            }
            if (grads.WeightHh is not null)
                cell.AccumulateExtraRecurrentWeightGradient(hidden, batch, dGatesHidden, batch, step.Cache, grads.WeightHh);

            var swap = dhCarry; dhCarry = dhPrev; dhPrev = swap;
            swap = dcCarry; dcCarry = dcPrev; dcPrev = swap;
        }
        StoreState(dhCarry, dh0, batch, hidden);
        if (cell.HasCellState) StoreState(dcCarry, dc0, batch, hidden);

        // Weight and input gradients of all steps, one GEMM each.
        var dGx = buffers.DGatesInput.AsSpan();
        var dGh = buffers.DGatesHidden.AsSpan();
        if (grads.WeightIh is not null)   // dW_ih += dG · X
            Gemm.Multiply(false, false, gateRows, inputSize, columns, dGx, columns, x, inputSize, grads.WeightIh, inputSize, accumulate: true);
        if (!dx.IsEmpty)                   // dX += dGᵀ · W_ih
            Gemm.Multiply(true, false, columns, inputSize, gateRows, dGx, columns, w.WeightIh, inputSize, dx, inputSize, accumulate: true);
        if (grads.WeightHh is not null)   // dW_hh += dG_h · H_prevᵀ
            Gemm.Multiply(false, true, recurrentRows, hidden, columns, dGh, columns, buffers.HPrevAll, columns, grads.WeightHh, hidden, accumulate: true);
        if (grads.BiasIh is not null)
            for (int j = 0; j < gateRows; j++) grads.BiasIh[j] += TensorPrimitives.Sum<float>(dGx.Slice(j * columns, columns));
        if (grads.BiasHh is not null)
            for (int j = 0; j < gateRows; j++) grads.BiasHh[j] += TensorPrimitives.Sum<float>(dGh.Slice(j * columns, columns));
    }

    /// <summary>Copies a <c>[B, H]</c> state into gate-major <c>[H, B]</c>, or zeros when <paramref name="source"/> is empty.</summary>
    private static void LoadState(ReadOnlySpan<float> source, Span<float> target, int batch, int hidden)
    {
        if (source.IsEmpty) { target.Clear(); return; }
        for (int b = 0; b < batch; b++)
            for (int k = 0; k < hidden; k++)
                target[k * batch + b] = source[b * hidden + k];
    }

    /// <summary>Copies a gate-major <c>[H, B]</c> state out to <c>[B, H]</c> (nothing when <paramref name="target"/> is empty).</summary>
    internal static void StoreState(ReadOnlySpan<float> source, Span<float> target, int batch, int hidden)
    {
        if (target.IsEmpty) return;
        for (int b = 0; b < batch; b++)
            for (int k = 0; k < hidden; k++)
                target[b * hidden + k] = source[k * batch + b];
    }
}
