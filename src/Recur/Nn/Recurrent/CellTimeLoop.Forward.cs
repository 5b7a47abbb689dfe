using System.Runtime.CompilerServices;
using Recur.Kernels;
using Recur.Nn.Recurrent.Kernels;

namespace Recur.Nn.Recurrent;

internal sealed unsafe partial class CellTimeLoop<TCell, TV>
{
    public override void Forward(TimeLoopShape shape, DirectionBuffers buffers, StepScratch scratch, DirectionWeights w, float[] x, int xOffset,
        ReadOnlySpan<float> h0, ReadOnlySpan<float> c0, int[]? lengths, int parts, bool layOutWeightHhOnce)
    {
        var (steps, batch, inputSize, hidden, reverse) = shape;
        int gateWidth = TCell.Gates * hidden, rows = steps * batch, state = batch * hidden;

        // All steps' input projections at once: Gates[T·B, G·H] = X · W_ihᵀ (biases are added by the cell kernels).
        Gemm.Multiply(false, true, rows, gateWidth, inputSize, x.AsSpan(xOffset, rows * inputSize), inputSize, w.WeightIh, inputSize,
            buffers.Gates, gateWidth, accumulate: false);
        bool hasBias = FoldedBias.Fill(TCell.FoldedBiasGates * hidden, hidden, w, buffers);

        int initial = StateBlocks.InitialBlock(reverse, steps);
        var h = buffers.HStates.AsSpan(initial * state, state);
        if (h0.IsEmpty) h.Clear(); else h0.CopyTo(h);
        if (TCell.HasCellState)
        {
            var c = buffers.CStates.AsSpan(initial * state, state);
            if (c0.IsEmpty) c.Clear(); else c0.CopyTo(c);
        }

        // A cell that computes its recurrent products itself reads W_hh as it packs it here, once per sequence.
        float* packed = stackalloc float[TCell.PackedWeightLength(hidden)];
        // Otherwise the per-step product h_{t−1} · W_hhᵀ would repack W_hh at every step, in every part of the time loop;
        // W_hh packed once here in the GEMM's own panels is read in place instead (the same sums), or where the blocked
        // kernel does not run, W_hhᵀ transposed once, where the GEMM sums that form in the same order.
        int recurrentRows = TCell.RecurrentProductGates * hidden;
        bool packedOnce = !TCell.ComputesRecurrentProducts && layOutWeightHhOnce && batch > 1 && GemmPackedB.Applies(true, batch, recurrentRows, hidden);
        bool transposedOnce = !TCell.ComputesRecurrentProducts && layOutWeightHhOnce && !packedOnce
            && Gemm.RowMajorBSumsAsTransposed(batch, recurrentRows, hidden);
        // One sequence (batch-1 inference): W_hh packed once into 16-row panels, read as one stream at every step, with the
        // same sums as the unpacked product.
        bool panels = !TCell.ComputesRecurrentProducts && !packedOnce && !transposedOnce && batch == 1 && PackedRowDot512.Applies(recurrentRows, hidden);
        fixed (float* weightHh = w.WeightHh, gates = buffers.Gates, hStates = buffers.HStates, cStates = buffers.CStates, cache = buffers.StepCache,
            bias = buffers.Bias, biasHn = buffers.BiasHn, hiddenProjection = scratch.HiddenProjection, weightHhT = buffers.WeightHhLaidOut)
        fixed (int* lengthPointer = lengths)
        {
            // W_hhᵀ [H, G·H] from the first G·H rows of W_hh [·, H]
            if (packedOnce) GemmPackedB.Pack(true, batch, recurrentRows, hidden, weightHh, hidden, weightHhT);
            if (transposedOnce) BlockTranspose.Run(weightHh, hidden, recurrentRows, hidden, weightHhT, recurrentRows, accumulate: false);
            if (panels) PackedRowDot512.Pack(weightHh, recurrentRows, hidden, weightHhT);
            TCell.PackWeights(weightHh, hidden, packed);
            var pass = new ForwardPass
            {
                Reverse = reverse,
                Steps = steps,
                Batch = batch,
                Hidden = hidden,
                GateStride = gateWidth,
                RecurrentRows = recurrentRows,
                Parts = parts,
                Gates = gates,
                HiddenProjection = hiddenProjection,
                Bias = hasBias ? bias : null,
                BiasHn = w.BiasHh is null ? null : biasHn,
                HStates = hStates,
                CStates = TCell.HasCellState ? cStates : null,
                StepCache = TCell.HasStepCache ? cache : null,
                WeightHh = weightHh,
                WeightHhTransposed = transposedOnce ? weightHhT : null,
                WeightHhPacked = packedOnce ? weightHhT : null,
                WeightHhPanels = panels ? weightHhT : null,
                PackedWeightHh = packed,
                Lengths = lengthPointer,
            };
            TimeLoopParts.Run(parts, &ForwardPart, &pass);
        }
    }

    /// <summary>Part <paramref name="part"/> of the batch rows through every step: the recurrent product, then the cell kernel.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void ForwardPart(int part, void* state)
    {
        ref ForwardPass j = ref *(ForwardPass*)state;
        int b0 = TimeLoopParts.Start(part, j.Parts, j.Batch, j.Hidden), b1 = TimeLoopParts.Start(part + 1, j.Parts, j.Batch, j.Hidden);
        if (b0 >= b1) return;
        int batch = j.Batch, hidden = j.Hidden, gateStride = j.GateStride;
        long stateBlock = (long)batch * hidden, gateBlock = (long)batch * gateStride;
        int prevBase = StateBlocks.PrevBase(j.Reverse), outBase = StateBlocks.OutBase(j.Reverse);
        for (int s = 0; s < j.Steps; s++)
        {
            int t = j.Reverse ? j.Steps - 1 - s : s;
            float* gates = j.Gates + t * gateBlock;
            float* hPrev = j.HStates + (t + prevBase) * stateBlock;
            float* cache = j.StepCache == null ? null : j.StepCache + t * stateBlock;
            if (!TCell.ComputesRecurrentProducts)
            {
                // h_{t−1} · W_hhᵀ, into the gates (RNN, LSTM) or apart (GRU)
                float* target = TCell.AddsRecurrentIntoGates ? gates : j.HiddenProjection;
                if (j.WeightHhPanels != null)
                    PackedRowDot512.Multiply(hPrev, j.RecurrentRows, hidden, j.WeightHhPanels, target, accumulate: TCell.AddsRecurrentIntoGates);
                else if (j.WeightHhPacked != null)
                    GemmPackedB.MultiplyRows(b0, b1, true, batch, j.RecurrentRows, hidden, hPrev, hidden, j.WeightHhPacked,
                        target, gateStride, accumulate: TCell.AddsRecurrentIntoGates);
                else if (j.WeightHhTransposed != null)
                    BatchRowsGemm.Multiply(b0, b1, batch, false, j.RecurrentRows, hidden, hPrev, hidden, j.WeightHhTransposed, j.RecurrentRows,
                        target, gateStride, accumulate: TCell.AddsRecurrentIntoGates);
                else
                    BatchRowsGemm.Multiply(b0, b1, batch, true, j.RecurrentRows, hidden, hPrev, hidden, j.WeightHh, hidden,
                        target, gateStride, accumulate: TCell.AddsRecurrentIntoGates);
            }

            var step = new StepRows
            {
                Batch = batch,
                Hidden = hidden,
                GateStride = gateStride,
                Gates = gates,
                HiddenProjection = j.HiddenProjection,
                Bias = j.Bias,
                BiasHn = j.BiasHn,
                WeightHn = j.WeightHh + 2 * hidden * hidden,
                PackedWeightHh = j.PackedWeightHh,
                HPrev = hPrev,
                H = j.HStates + (t + outBase) * stateBlock,
                CPrev = j.CStates == null ? null : j.CStates + (t + prevBase) * stateBlock,
                C = j.CStates == null ? null : j.CStates + (t + outBase) * stateBlock,
                TanhC = cache,
                HiddenN = cache,
                ResetHidden = cache,
                Lengths = j.Lengths,
                Time = t,
            };
            TCell.Forward<TV>(step, b0, b1);
        }
    }
}
