using System.Numerics.Tensors;
using System.Runtime.CompilerServices;
using Recur.Kernels;
using Recur.Nn.Recurrent.Kernels;

namespace Recur.Nn.Recurrent;

internal sealed unsafe partial class CellTimeLoop<TCell, TV>
{
    public override void Backward(TimeLoopShape shape, DirectionBuffers buffers, StepScratch scratch, DirectionWeights w, DirectionGradients grads,
        float[] x, int xOffset, int[]? lengths, OutputGradient dOutput, ReadOnlySpan<float> dhN, ReadOnlySpan<float> dcN, Span<float> dx,
        bool accumulateDx, Span<float> dh0, Span<float> dc0, int parts, bool layOutWeightHhOnce)
    {
        var (steps, batch, inputSize, hidden, reverse) = shape;
        int gateWidth = TCell.Gates * hidden, rows = steps * batch, state = batch * hidden;
        int recurrentRows = TCell.RecurrentProductGates * hidden;

        // Carried gradients start from dL/d(final state).
        if (dhN.IsEmpty) scratch.DhCarry.AsSpan(0, state).Clear(); else dhN.CopyTo(scratch.DhCarry);
        if (TCell.HasCellState)
        {
            if (dcN.IsEmpty) scratch.DcCarry.AsSpan(0, state).Clear(); else dcN.CopyTo(scratch.DcCarry);
        }

        float* packed = stackalloc float[TCell.PackedWeightLength(hidden)];
        // The per-step dG_h · W_hh reads W_hh packed once here in the GEMM's panels (the same sums as packing it per step).
        bool packedOnce = !TCell.ComputesRecurrentProducts && layOutWeightHhOnce && GemmPackedB.Applies(false, batch, hidden, recurrentRows);
        fixed (float* weightHh = w.WeightHh, weightHhPacked = buffers.WeightHhLaidOut, gates = buffers.Gates, dGatesHidden = buffers.DGatesHidden, hStates = buffers.HStates,
            cStates = buffers.CStates, cache = buffers.StepCache, dResetHidden = scratch.DResetHidden, dOut = dOutput.Data,
            dhCarry = scratch.DhCarry, dhNext = scratch.DhNext, dcCarry = scratch.DcCarry, dcNext = scratch.DcNext)
        fixed (int* lengthPointer = lengths)
        {
            TCell.PackWeights(weightHh, hidden, packed);
            if (packedOnce) GemmPackedB.Pack(false, batch, hidden, recurrentRows, weightHh, hidden, weightHhPacked);
            var pass = new BackwardPass
            {
                Reverse = reverse,
                Steps = steps,
                Batch = batch,
                Hidden = hidden,
                GateStride = gateWidth,
                RecurrentRows = recurrentRows,
                Parts = parts,
                Gates = gates,
                DGatesHidden = dGatesHidden,
                HStates = hStates,
                CStates = TCell.HasCellState ? cStates : null,
                StepCache = TCell.HasStepCache ? cache : null,
                WeightHh = weightHh,
                PackedWeightHh = packed,
                WeightHhPacked = packedOnce ? weightHhPacked : null,
                DResetHidden = dResetHidden,
                DOut = dOut == null ? null : dOut + dOutput.Offset,
                DOutStepStride = dOutput.StepStride,
                DOutRowStride = dOutput.RowStride,
                DhCarry = dhCarry,
                DhNext = dhNext,
                DcCarry = dcCarry,
                DcNext = dcNext,
                Lengths = lengthPointer,
            };
            TimeLoopParts.Run(parts, &BackwardPart, &pass);
        }

        // After T swaps the carries sit in the first buffers when T is even.
        var dhFinal = steps % 2 == 0 ? scratch.DhCarry : scratch.DhNext;
        var dcFinal = steps % 2 == 0 ? scratch.DcCarry : scratch.DcNext;
        if (!dh0.IsEmpty) dhFinal.AsSpan(0, state).CopyTo(dh0);
        if (TCell.HasCellState && !dc0.IsEmpty) dcFinal.AsSpan(0, state).CopyTo(dc0);

        AddWeightGradients(shape, buffers, scratch, w, grads, x, xOffset, dx, accumulateDx);
    }

    /// <summary>Weight, bias and input gradients of all steps, one GEMM each; Gates now holds dL/d(input-side pre-activations).</summary>
    private static void AddWeightGradients(TimeLoopShape shape, DirectionBuffers buffers, StepScratch scratch, DirectionWeights w,
        DirectionGradients grads, float[] x, int xOffset, Span<float> dx, bool accumulateDx)
    {
        var (steps, batch, inputSize, hidden, reverse) = shape;
        int gateWidth = TCell.Gates * hidden, rows = steps * batch, state = batch * hidden;
        var dG = buffers.Gates.AsSpan(0, rows * gateWidth);
        var dGh = buffers.DGatesHidden.AsSpan(0, rows * gateWidth);
        var xs = x.AsSpan(xOffset, rows * inputSize);
        // H_prev: the contiguous blocks of h_{t−1}.
        var hPrevAll = buffers.HStates.AsSpan(StateBlocks.PrevBase(reverse) * state, rows * hidden);
        // The three products are independent: side by side, each weight gradient is computed whole by one thread and dX,
        // last, is shared out as the threads come free.
        Gemm.MultiplySideBySide(
            grads.WeightIh is null ? default   // dW_ih += dGᵀ · X
                : new GemmCall(true, false, gateWidth, inputSize, rows, dG, gateWidth, xs, inputSize, grads.WeightIh, inputSize, accumulate: true),
            grads.WeightHh is null ? default   // dW_hh += dG_hᵀ · H_prev
                : new GemmCall(true, false, TCell.RecurrentProductGates * hidden, hidden, rows, dGh, gateWidth, hPrevAll, hidden, grads.WeightHh,
                    hidden, accumulate: true),
            dx.IsEmpty ? default               // dX (+)= dG · W_ih
                : new GemmCall(false, false, rows, inputSize, gateWidth, dG, gateWidth, w.WeightIh, inputSize, dx, inputSize, accumulateDx));
        if (grads.WeightHh is not null)
            TCell.AddCacheWeightGradient(dG, buffers.StepCache, rows, hidden, grads.WeightHh);
        if (grads.BiasIh is not null && grads.BiasHh is not null && !TCell.SeparateHiddenGradients)
        {
            // Both biases meet the same pre-activations (RNN, LSTM, GRU with the reset gate first): one pass over
            // [T·B, G·H] gives the sums, added to each gradient as the two passes would.
            var sums = scratch.BiasSums.AsSpan(0, gateWidth);
            sums.Clear();
            ColumnSums.Add(dG, rows, gateWidth, sums);
            TensorPrimitives.Add(grads.BiasIh, sums, grads.BiasIh);
            TensorPrimitives.Add(grads.BiasHh, sums, grads.BiasHh);
            return;
        }
        if (grads.BiasIh is not null && grads.BiasHh is not null && TCell.SharedHiddenGradientGates > 0)
        {
            // GRU reset-after: the hidden side's r and z gradients are the input side's values, so their column sums are
            // too; only n's columns of dG_h are summed apart.
            int shared = TCell.SharedHiddenGradientGates * hidden;
            var sums = scratch.BiasSums.AsSpan(0, gateWidth);
            sums.Clear();
            ColumnSums.Add(dG, rows, gateWidth, sums);
            TensorPrimitives.Add(grads.BiasIh, sums, grads.BiasIh);
            TensorPrimitives.Add(grads.BiasHh.AsSpan(0, shared), sums[..shared], grads.BiasHh.AsSpan(0, shared));
            ColumnSums.Add(dGh[shared..], rows, gateWidth - shared, gateWidth, grads.BiasHh.AsSpan(shared));
            return;
        }
        if (grads.BiasIh is not null) ColumnSums.Add(dG, rows, gateWidth, grads.BiasIh);
        if (grads.BiasHh is not null) ColumnSums.Add(dGh, rows, gateWidth, grads.BiasHh);
    }

    /// <summary>Part <paramref name="part"/> of the batch rows through every step in reverse: the cell kernel, then dL/dh_{t−1} through W_hh.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void BackwardPart(int part, void* state)
    {
        ref BackwardPass j = ref *(BackwardPass*)state;
        int b0 = TimeLoopParts.Start(part, j.Parts, j.Batch, j.Hidden), b1 = TimeLoopParts.Start(part + 1, j.Parts, j.Batch, j.Hidden);
        if (b0 >= b1) return;
        int batch = j.Batch, hidden = j.Hidden, gateStride = j.GateStride;
        long stateBlock = (long)batch * hidden, gateBlock = (long)batch * gateStride;
        int prevBase = StateBlocks.PrevBase(j.Reverse), outBase = StateBlocks.OutBase(j.Reverse);
        float* dhCarry = j.DhCarry, dhNext = j.DhNext, dcCarry = j.DcCarry, dcNext = j.DcNext;
        for (int s = j.Steps - 1; s >= 0; s--)
        {
            int t = j.Reverse ? j.Steps - 1 - s : s;
            float* cache = j.StepCache == null ? null : j.StepCache + t * stateBlock;
            var step = new StepRows
            {
                Batch = batch,
                Hidden = hidden,
                GateStride = gateStride,
                Gates = j.Gates + t * gateBlock,
                WeightHn = j.WeightHh + 2 * hidden * hidden,
                PackedWeightHh = j.PackedWeightHh,
                HPrev = j.HStates + (t + prevBase) * stateBlock,
                H = j.HStates + (t + outBase) * stateBlock,
                CPrev = j.CStates == null ? null : j.CStates + (t + prevBase) * stateBlock,
                TanhC = cache,
                HiddenN = cache,
                ResetHidden = cache,
                DhCarry = dhCarry,
                DOut = j.DOut == null ? null : j.DOut + (long)t * j.DOutStepStride,
                DOutRowStride = j.DOutRowStride,
                DcCarry = dcCarry,
                DhNext = dhNext,
                DcNext = dcNext,
                DGatesHidden = j.DGatesHidden + t * gateBlock,
                DResetHidden = j.DResetHidden,
                Lengths = j.Lengths,
                Time = t,
            };
            TCell.Backward<TV>(step, b0, b1);
            // dL/dh_{t−1} += dG_h · W_hh (unless the cell has added it already)
            if (j.WeightHhPacked != null)
                GemmPackedB.MultiplyRows(b0, b1, false, batch, hidden, j.RecurrentRows, step.DGatesHidden, gateStride, j.WeightHhPacked,
                    dhNext, hidden, accumulate: true);
            else if (!TCell.ComputesRecurrentProducts)
                BatchRowsGemm.Multiply(b0, b1, batch, false, hidden, j.RecurrentRows, step.DGatesHidden, gateStride, j.WeightHh, hidden,
                    dhNext, hidden, accumulate: true);

            float* swap = dhCarry; dhCarry = dhNext; dhNext = swap;
            swap = dcCarry; dcCarry = dcNext; dcNext = swap;
        }
    }
}
