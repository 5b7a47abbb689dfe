using System.Numerics.Tensors;
using System.Runtime.CompilerServices;
using Recur.Kernels;

namespace Recur.Nn.Recurrent;

/// <summary>The weights of one direction of one layer (storage of the parameter tensors).</summary>
internal readonly record struct DirectionWeights(float[] WeightIh, float[] WeightHh, float[]? BiasIh, float[]? BiasHh);

/// <summary>Where one direction's weight gradients go (null when the parameter needs none).</summary>
internal readonly record struct DirectionGradients(float[]? WeightIh, float[]? WeightHh, float[]? BiasIh, float[]? BiasHh);

/// <summary>
/// dL/d(layer output) as the backward reads it: step t, row b, this direction's first column at
/// <c>Offset + t·StepStride + b·RowStride</c> of <see cref="Data"/> (time-major and batch-first layouts alike).
/// </summary>
internal readonly record struct OutputGradient(float[] Data, int Offset, int StepStride, int RowStride);

/// <summary>
/// Runs one direction of one layer over the whole sequence: the input projections of all steps in one GEMM, then per step
/// one recurrent GEMM and the cell's fused kernel; backward is BPTT in reverse with the weight gradients of all steps
/// gathered into one GEMM each. Buffers are batch-major (<c>[B, ·]</c> per step), so the time loop can also be split by
/// batch rows over threads: every row's recurrence is independent of the others', each part computes its rows of the
/// whole batch's per-step products (the GEMM is chosen for B rows, not for the part's, which could sum in another
/// order), and the weight gradients are summed afterwards by GEMMs of all rows, so results are the same bits for any
/// split, hence any thread count.
/// </summary>
internal static unsafe class RecurrentDirection
{
    /// <summary>The shape of the problem this direction solves.</summary>
    internal readonly record struct Shape(int Steps, int Batch, int InputSize, int Hidden, bool Reverse);

    [ThreadStatic] private static bool s_transposeOnceDisabled;

    /// <summary>Makes the forward time loop read W_hh transposed at every step, for layers run from the calling thread (tests compare the two).</summary>
    internal static bool TransposeOnceDisabledOnThisThread { get => s_transposeOnceDisabled; set => s_transposeOnceDisabled = value; }

    /// <summary>Block of <see cref="DirectionBuffers.HStates"/> holding h_{t−1} for step t is <c>t + PrevBase(reverse)</c>.</summary>
    internal static int PrevBase(bool reverse) => reverse ? 1 : 0;

    /// <summary>Block of <see cref="DirectionBuffers.HStates"/> holding h_t is <c>t + OutBase(reverse)</c>.</summary>
    internal static int OutBase(bool reverse) => reverse ? 0 : 1;

    /// <summary>Block of <see cref="DirectionBuffers.HStates"/> holding the final state.</summary>
    internal static int FinalBlock(bool reverse, int steps) => reverse ? 0 : steps;

    /// <summary>
    /// Forward over all steps. <paramref name="x"/> is time-major <c>[T·B, F]</c> from <paramref name="xOffset"/>;
    /// <paramref name="h0"/>/<paramref name="c0"/> are <c>[B, H]</c> (empty for zeros). The states land in the buffers' HStates.
    /// </summary>
    public static void Forward(CellMath cell, Shape shape, DirectionBuffers buffers, StepScratch scratch, DirectionWeights w,
        float[] x, int xOffset, ReadOnlySpan<float> h0, ReadOnlySpan<float> c0, int[]? lengths, int parts)
    {
        var (steps, batch, inputSize, hidden, reverse) = shape;
        int gateWidth = cell.Gates * hidden, rows = steps * batch, state = batch * hidden;

        // All steps' input projections at once: Gates[T·B, G·H] = X · W_ihᵀ (biases are added by the cell kernels).
        Gemm.Multiply(false, true, rows, gateWidth, inputSize, x.AsSpan(xOffset, rows * inputSize), inputSize, w.WeightIh, inputSize,
            buffers.Gates, gateWidth, accumulate: false);
        bool hasBias = FoldBiases(cell, hidden, w, buffers);

        int initial = reverse ? steps : 0;   // the block of h0
        var h = buffers.HStates.AsSpan(initial * state, state);
        if (h0.IsEmpty) h.Clear(); else h0.CopyTo(h);
        if (cell.HasCellState)
        {
            var c = buffers.CStates.AsSpan(initial * state, state);
            if (c0.IsEmpty) c.Clear(); else c0.CopyTo(c);
        }

        // A small LSTM computes h_{t−1} · W_hhᵀ inside its cell pass, from W_hh packed here once per sequence.
        bool fused = LstmSmallHidden.Applies(cell, hidden);
        float* panel = stackalloc float[fused ? LstmSmallHidden.ScratchLength(hidden) : 0];
        // Otherwise the per-step product h_{t−1} · W_hhᵀ would repack (transpose) W_hh at every step, in every part of the
        // time loop; W_hhᵀ transposed once here is read in place instead, where the GEMM sums that form in the same order.
        int recurrentRows = cell.RecurrentRows(hidden);
        bool transposedOnce = !fused && !s_transposeOnceDisabled && Gemm.RowMajorBSumsAsTransposed(batch, recurrentRows, hidden);
        if (transposedOnce) Transpose(w.WeightHh, recurrentRows, hidden, buffers.WeightHhTransposed);
        fixed (float* weightHh = w.WeightHh, gates = buffers.Gates, hStates = buffers.HStates, cStates = buffers.CStates, aux = buffers.Aux,
            bias = buffers.Bias, biasHn = buffers.BiasHn, hiddenProjection = scratch.HiddenProjection, weightHhT = buffers.WeightHhTransposed)
        fixed (int* lengthPointer = lengths)
        {
            if (fused) LstmSmallHidden.Prepare(weightHh, hidden, panel);
            var job = new Job
            {
                Kind = cell.Kind,
                Backward = false,
                Reverse = reverse,
                Steps = steps,
                Batch = batch,
                Hidden = hidden,
                GateStride = gateWidth,
                RecurrentRows = recurrentRows,
                AddIntoGates = cell.AddsRecurrentIntoGates,
                WeightHhTransposed = transposedOnce ? weightHhT : null,
                Panel = fused ? panel : null,
                Parts = parts,
                Gates = gates,
                DGatesHidden = gates,
                HiddenProjection = hiddenProjection,
                Bias = hasBias ? bias : null,
                BiasHn = w.BiasHh is null ? null : biasHn,
                HStates = hStates,
                CStates = cell.HasCellState ? cStates : null,
                Aux = cell.HasAux ? aux : null,
                WeightHh = weightHh,
                Lengths = lengthPointer,
            };
            Run(ref job);
        }
    }

    /// <summary>
    /// BPTT over all steps, after <see cref="Forward"/> on the same buffers. Reads dL/d(output) from <paramref name="dOutput"/>
    /// and dL/d(final state) from <paramref name="dhN"/>/<paramref name="dcN"/> <c>[B, H]</c> (empty for none); writes (or with
    /// <paramref name="accumulateDx"/> adds) dL/dx into <paramref name="dx"/> <c>[T·B, F]</c> (if not empty), writes dL/dh0 and
    /// dL/dc0 <c>[B, H]</c> (if not empty), and adds the weight gradients.
    /// </summary>
    public static void Backward(CellMath cell, Shape shape, DirectionBuffers buffers, StepScratch scratch, DirectionWeights w,
        DirectionGradients grads, float[] x, int xOffset, int[]? lengths, OutputGradient dOutput, ReadOnlySpan<float> dhN,
        ReadOnlySpan<float> dcN, Span<float> dx, bool accumulateDx, Span<float> dh0, Span<float> dc0, int parts)
    {
        var (steps, batch, inputSize, hidden, reverse) = shape;
        int gateWidth = cell.Gates * hidden, rows = steps * batch, state = batch * hidden;
        int recurrentRows = cell.RecurrentRows(hidden);

        // Carried gradients start from dL/d(final state).
        if (dhN.IsEmpty) scratch.DHA.AsSpan(0, state).Clear(); else dhN.CopyTo(scratch.DHA);
        if (cell.HasCellState)
        {
            if (dcN.IsEmpty) scratch.DCA.AsSpan(0, state).Clear(); else dcN.CopyTo(scratch.DCA);
        }

        bool fused = LstmSmallHidden.Applies(cell, hidden);
        float* panel = stackalloc float[fused ? LstmSmallHidden.ScratchLength(hidden) : 0];
        fixed (float* weightHh = w.WeightHh, gates = buffers.Gates, dGatesHidden = buffers.DGatesHidden, hStates = buffers.HStates,
            cStates = buffers.CStates, aux = buffers.Aux, temp = scratch.Temp, dOut = dOutput.Data,
            dha = scratch.DHA, dhb = scratch.DHB, dca = scratch.DCA, dcb = scratch.DCB)
        fixed (int* lengthPointer = lengths)
        {
            if (fused) LstmSmallHidden.Prepare(weightHh, hidden, panel);
            var job = new Job
            {
                Kind = cell.Kind,
                Backward = true,
                Panel = fused ? panel : null,
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
                CStates = cell.HasCellState ? cStates : null,
                Aux = cell.HasAux ? aux : null,
                WeightHh = weightHh,
                Scratch = temp,
                DOut = dOut == null ? null : dOut + dOutput.Offset,
                DOutStepStride = dOutput.StepStride,
                DOutRowStride = dOutput.RowStride,
                DHA = dha,
                DHB = dhb,
                DCA = dca,
                DCB = dcb,
                Lengths = lengthPointer,
            };
            Run(ref job);
        }

        // After T swaps the carries sit in A when T is even.
        var dhCarry = steps % 2 == 0 ? scratch.DHA : scratch.DHB;
        var dcCarry = steps % 2 == 0 ? scratch.DCA : scratch.DCB;
        if (!dh0.IsEmpty) dhCarry.AsSpan(0, state).CopyTo(dh0);
        if (cell.HasCellState && !dc0.IsEmpty) dcCarry.AsSpan(0, state).CopyTo(dc0);

        // Weight and input gradients of all steps, one GEMM each; Gates now holds dL/d(input-side pre-activations).
        var dG = buffers.Gates.AsSpan(0, rows * gateWidth);
        var dGh = buffers.DGatesHidden.AsSpan(0, rows * gateWidth);
        var xs = x.AsSpan(xOffset, rows * inputSize);
        if (grads.WeightIh is not null)   // dW_ih += dGᵀ · X
            Gemm.Multiply(true, false, gateWidth, inputSize, rows, dG, gateWidth, xs, inputSize, grads.WeightIh, inputSize, accumulate: true);
        if (!dx.IsEmpty)                   // dX (+)= dG · W_ih
            Gemm.Multiply(false, false, rows, inputSize, gateWidth, dG, gateWidth, w.WeightIh, inputSize, dx, inputSize, accumulateDx);
        if (grads.WeightHh is not null)
        {
            // dW_hh += dG_hᵀ · H_prev, with H_prev the contiguous blocks of h_{t−1}
            var hPrevAll = buffers.HStates.AsSpan(PrevBase(reverse) * state, rows * hidden);
            Gemm.Multiply(true, false, recurrentRows, hidden, rows, dGh, gateWidth, hPrevAll, hidden, grads.WeightHh, hidden, accumulate: true);
            if (cell.Kind == CellKind.GruResetBefore)   // dW_hn += dPreNᵀ · (r ⊙ h)
                Gemm.Multiply(true, false, hidden, hidden, rows, dG[(2 * hidden)..], gateWidth, buffers.Aux.AsSpan(0, rows * hidden), hidden,
                    grads.WeightHh.AsSpan(2 * hidden * hidden), hidden, accumulate: true);
        }
        if (grads.BiasIh is not null && grads.BiasHh is not null && !cell.SeparateHiddenGradients)
        {
            // Both biases meet the same pre-activations (RNN, LSTM, GRU with the reset gate first): one pass over
            // [T·B, G·H] gives the sums, added to each gradient as the two passes would.
            var sums = scratch.BiasSums.AsSpan(0, gateWidth);
            sums.Clear();
            AddColumnSums(dG, rows, gateWidth, sums);
            TensorPrimitives.Add(grads.BiasIh, sums, grads.BiasIh);
            TensorPrimitives.Add(grads.BiasHh, sums, grads.BiasHh);
            return;
        }
        if (grads.BiasIh is not null) AddColumnSums(dG, rows, gateWidth, grads.BiasIh);
        if (grads.BiasHh is not null) AddColumnSums(dGh, rows, gateWidth, grads.BiasHh);
    }

    /// <summary><paramref name="target"/> <c>[cols, rows]</c> = the first <paramref name="rows"/> rows of <paramref name="source"/> <c>[·, cols]</c>, transposed.</summary>
    private static void Transpose(float[] source, int rows, int cols, float[] target)
    {
        // In 16 × 16 tiles, so that neither side is walked a whole row apart per element.
        const int Tile = 16;
        for (int r0 = 0; r0 < rows; r0 += Tile)
            for (int c0 = 0; c0 < cols; c0 += Tile)
            {
                int r1 = Math.Min(rows, r0 + Tile), c1 = Math.Min(cols, c0 + Tile);
                for (int r = r0; r < r1; r++)
                    for (int c = c0; c < c1; c++)
                        target[c * rows + r] = source[r * cols + c];
            }
    }

    /// <summary>Bias = b_ih + the folded rows of b_hh; BiasHn = GRU's b_hn. False when there is no bias at all.</summary>
    private static bool FoldBiases(CellMath cell, int hidden, DirectionWeights w, DirectionBuffers buffers)
    {
        if (w.BiasIh is null && w.BiasHh is null) return false;
        var bias = buffers.Bias;
        if (w.BiasIh is not null) w.BiasIh.CopyTo(bias, 0); else Array.Clear(bias);
        if (w.BiasHh is not null)
        {
            int folded = cell.FoldedHiddenBiasRows(hidden);
            for (int j = 0; j < folded; j++) bias[j] += w.BiasHh[j];
            if (folded < w.BiasHh.Length) Array.Copy(w.BiasHh, folded, buffers.BiasHn, 0, hidden);
        }
        return true;
    }

    /// <summary>target[j] += Σ_r m[r, j], rows summed in order (in blocks, for accuracy) so the result is reproducible.</summary>
    private static void AddColumnSums(ReadOnlySpan<float> m, int rows, int cols, Span<float> target)
    {
        fixed (float* source = m, sums = target)
        {
            switch (FloatVector.BestPath)
            {
                case FloatVectorPath.Lanes16: ColumnSums<Float16Lanes>(source, rows, cols, sums); break;
                case FloatVectorPath.Lanes8: ColumnSums<Float8Lanes>(source, rows, cols, sums); break;
                default: ColumnSums<Float1Lane>(source, rows, cols, sums); break;
            }
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void ColumnSums<TV>(float* m, int rows, int cols, float* target) where TV : struct, IFloatVector<TV>
    {
        const int Block = 64;
        for (int k = 0; k < cols; k += TV.Count)
        {
            int n = cols - k;
            var total = TV.Splat(0f);
            for (int r0 = 0; r0 < rows; r0 += Block)
            {
                var block = TV.Splat(0f);
                int r1 = Math.Min(rows, r0 + Block);
                for (int r = r0; r < r1; r++) block += TV.Load(m + (long)r * cols + k, n);
                total += block;
            }
            TV.Store(target + k, TV.Load(target + k, n) + total, n);
        }
    }

    /// <summary>Everything a part of the time loop needs, as an unmanaged struct the worker threads share by pointer.</summary>
    private struct Job
    {
        public CellKind Kind;
        public bool Backward, Reverse, AddIntoGates;
        /// <summary>
        /// The scratch of <see cref="LstmSmallHidden"/>, whose cell pass computes the per-step recurrent product itself;
        /// null when the cell runs the general path.
        /// </summary>
        public float* Panel;
        public int Steps, Batch, Hidden, GateStride, RecurrentRows, Parts;
        public float* Gates, DGatesHidden, HiddenProjection, Bias, BiasHn, HStates, CStates, Aux, WeightHh, Scratch;
        /// <summary>The first RecurrentRows rows of W_hh transposed, <c>[H, RecurrentRows]</c>, or null to read W_hh itself.</summary>
        public float* WeightHhTransposed;
        public float* DOut;
        public int DOutStepStride, DOutRowStride;
        public float* DHA, DHB, DCA, DCB;
        public int* Lengths;
    }

    private static void Run(ref Job job)
    {
        fixed (Job* state = &job)
        {
            if (job.Parts <= 1) RunPart(0, state);
            else KernelWorkers.Run(job.Parts, job.Parts, large: true, &RunPart, state);
        }
    }

    /// <summary>First batch row of part p: an even share, rounded to 16 rows so parts do not share cache lines.</summary>
    private static int PartStart(int part, int parts, int batch)
    {
        if (part <= 0) return 0;
        if (part >= parts) return batch;
        int start = (int)((long)batch * part / parts + 8) / 16 * 16;
        return Math.Clamp(start, 0, batch);
    }

    private static void RunPart(int part, void* state)
    {
        ref Job job = ref *(Job*)state;
        int b0 = PartStart(part, job.Parts, job.Batch), b1 = PartStart(part + 1, job.Parts, job.Batch);
        if (b0 >= b1) return;
        switch (FloatVector.BestPath)
        {
            case FloatVectorPath.Lanes16: RunRows<Float16Lanes>(ref job, b0, b1); break;
            case FloatVectorPath.Lanes8: RunRows<Float8Lanes>(ref job, b0, b1); break;
            default: RunRows<Float1Lane>(ref job, b0, b1); break;
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void RunRows<TV>(ref Job job, int b0, int b1) where TV : struct, IFloatVector<TV>
    {
        if (job.Backward) BackwardRows<TV>(ref job, b0, b1);
        else ForwardRows<TV>(ref job, b0, b1);
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void ForwardRows<TV>(ref Job j, int b0, int b1) where TV : struct, IFloatVector<TV>
    {
        int batch = j.Batch, hidden = j.Hidden, gateStride = j.GateStride;
        long state = (long)batch * hidden, gateBlock = (long)batch * gateStride;
        int prevBase = PrevBase(j.Reverse), outBase = OutBase(j.Reverse);
        for (int s = 0; s < j.Steps; s++)
        {
            int t = j.Reverse ? j.Steps - 1 - s : s;
            float* gates = j.Gates + t * gateBlock;
            float* hPrev = j.HStates + (t + prevBase) * state;
            // h_{t−1} · W_hhᵀ, into the gates (RNN, LSTM) or apart (GRU)
            float* recurrentTarget = j.AddIntoGates ? gates : j.HiddenProjection;
            if (j.Panel == null && j.WeightHhTransposed != null)
                CellRows.Gemm(b0, b1, batch, false, j.RecurrentRows, hidden, hPrev, hidden, j.WeightHhTransposed, j.RecurrentRows,
                    recurrentTarget, gateStride, accumulate: j.AddIntoGates);
            else if (j.Panel == null)
                CellRows.Gemm(b0, b1, batch, true, j.RecurrentRows, hidden, hPrev, hidden, j.WeightHh, hidden,
                    recurrentTarget, gateStride, accumulate: j.AddIntoGates);

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
                HPrev = hPrev,
                H = j.HStates + (t + outBase) * state,
                CPrev = j.CStates == null ? null : j.CStates + (t + prevBase) * state,
                C = j.CStates == null ? null : j.CStates + (t + outBase) * state,
                Aux = j.Aux == null ? null : j.Aux + t * state,
                Lengths = j.Lengths,
                Time = t,
            };
            switch (j.Kind)
            {
                case CellKind.RnnTanh: RnnCellMath.Forward<TV>(step, b0, b1, relu: false); break;
                case CellKind.RnnRelu: RnnCellMath.Forward<TV>(step, b0, b1, relu: true); break;
                case CellKind.Lstm when j.Panel != null: LstmSmallHidden.Forward<TV>(step, b0, b1, j.Panel); break;
                case CellKind.Lstm: LstmCellMath.Forward<TV>(step, b0, b1); break;
                case CellKind.GruResetAfter: GruCellMath.ForwardResetAfter<TV>(step, b0, b1); break;
                default: GruCellMath.ForwardResetBefore<TV>(step, b0, b1); break;
            }
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void BackwardRows<TV>(ref Job j, int b0, int b1) where TV : struct, IFloatVector<TV>
    {
        int batch = j.Batch, hidden = j.Hidden, gateStride = j.GateStride;
        long state = (long)batch * hidden, gateBlock = (long)batch * gateStride;
        int prevBase = PrevBase(j.Reverse), outBase = OutBase(j.Reverse);
        float* dhCarry = j.DHA, dhPrev = j.DHB, dcCarry = j.DCA, dcPrev = j.DCB;
        for (int s = j.Steps - 1; s >= 0; s--)
        {
            int t = j.Reverse ? j.Steps - 1 - s : s;
            var step = new StepRows
            {
                Batch = batch,
                Hidden = hidden,
                GateStride = gateStride,
                Gates = j.Gates + t * gateBlock,
                WeightHn = j.WeightHh + 2 * hidden * hidden,
                HPrev = j.HStates + (t + prevBase) * state,
                H = j.HStates + (t + outBase) * state,
                CPrev = j.CStates == null ? null : j.CStates + (t + prevBase) * state,
                Aux = j.Aux == null ? null : j.Aux + t * state,
                DH = dhCarry,
                DOut = j.DOut == null ? null : j.DOut + (long)t * j.DOutStepStride,
                DOutRowStride = j.DOutRowStride,
                DC = dcCarry,
                DHPrev = dhPrev,
                DCPrev = dcPrev,
                DGatesHidden = j.DGatesHidden + t * gateBlock,
                Scratch = j.Scratch,
                Lengths = j.Lengths,
                Time = t,
            };
            switch (j.Kind)
            {
                case CellKind.RnnTanh: RnnCellMath.Backward<TV>(step, b0, b1, relu: false); break;
                case CellKind.RnnRelu: RnnCellMath.Backward<TV>(step, b0, b1, relu: true); break;
                case CellKind.Lstm when j.Panel != null: LstmSmallHidden.Backward<TV>(step, b0, b1, j.Panel); break;
                case CellKind.Lstm: LstmCellMath.Backward<TV>(step, b0, b1); break;
                case CellKind.GruResetAfter: GruCellMath.BackwardResetAfter<TV>(step, b0, b1); break;
                default: GruCellMath.BackwardResetBefore<TV>(step, b0, b1); break;
            }
            // dL/dh_{t−1} += dG_h · W_hh (a fused cell has added it already)
            if (j.Panel == null)
                CellRows.Gemm(b0, b1, batch, false, hidden, j.RecurrentRows, step.DGatesHidden, gateStride, j.WeightHh, hidden,
                    dhPrev, hidden, accumulate: true);

            float* swap = dhCarry; dhCarry = dhPrev; dhPrev = swap;
            swap = dcCarry; dcCarry = dcPrev; dcPrev = swap;
        }
    }
}
