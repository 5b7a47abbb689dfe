namespace Recur.Nn.Recurrent;

/// <summary>
/// What one direction of one layer keeps between its forward and its backward, for a given (T, B). Every buffer is
/// batch-major and time-major (<c>[T·B, ·]</c>, step t in rows <c>[tB, tB + B)</c>) and lives on the pinned heap, so the
/// kernels address it by pointer.
/// </summary>
internal sealed class DirectionBuffers
{
    public DirectionBuffers(CellMath cell, int steps, int batch, int hidden)
    {
        int gateWidth = cell.Gates * hidden, rows = steps * batch;
        Gates = Pinned(rows * gateWidth);
        HStates = Pinned((steps + 1) * batch * hidden);
        CStates = cell.HasCellState ? Pinned((steps + 1) * batch * hidden) : [];
        Aux = cell.HasAux ? Pinned(rows * hidden) : [];
        DGatesHidden = cell.SeparateHiddenGradients ? Pinned(rows * gateWidth) : Gates;
        Bias = Pinned(gateWidth);
        BiasHn = Pinned(hidden);
        WeightHhTransposed = Pinned(cell.RecurrentRows(hidden) * hidden);
    }

    /// <summary>
    /// <c>[T·B, G·H]</c>: the input projections <c>x_t · W_ihᵀ</c>, then (forward) the gate activations, then (backward)
    /// dL/d(input-side pre-activations).
    /// </summary>
    public float[] Gates { get; }

    /// <summary>
    /// <c>[(T+1)·B, H]</c>: every state in time order with the initial one at the end it starts from — forward: block 0 is
    /// h0 and block t+1 is h_t; reverse: block t is h_t and block T is h0 — so h_{t−1} of all steps is one contiguous
    /// <c>[T·B, H]</c> matrix and the outputs are another.
    /// </summary>
    public float[] HStates { get; }

    /// <summary>c, laid out as <see cref="HStates"/> (LSTM).</summary>
    public float[] CStates { get; }

    /// <summary>The cell's extra cache, <c>[T·B, H]</c>.</summary>
    public float[] Aux { get; }

    /// <summary>Hidden-side gate gradients <c>[T·B, G·H]</c> (the same array as <see cref="Gates"/> when they coincide).</summary>
    public float[] DGatesHidden { get; }

    /// <summary>b_ih + the folded rows of b_hh, <c>[G·H]</c>.</summary>
    public float[] Bias { get; }

    /// <summary>GRU's b_hn, <c>[H]</c>.</summary>
    public float[] BiasHn { get; }

    /// <summary>The recurrent rows of W_hh transposed, <c>[H, R]</c>, for the forward time loop's per-step product.</summary>
    public float[] WeightHhTransposed { get; }

    internal static float[] Pinned(int length) => GC.AllocateArray<float>(length, pinned: true);
}

/// <summary>Per-step scratch rows <c>[B, ·]</c> shared by the layers and directions of one stack (they run one after another).</summary>
internal sealed class StepScratch
{
    public StepScratch(CellMath cell, int batch, int hidden)
    {
        int state = batch * hidden;
        HiddenProjection = cell.AddsRecurrentIntoGates ? [] : DirectionBuffers.Pinned(batch * cell.Gates * hidden);
        DHA = DirectionBuffers.Pinned(state);
        DHB = DirectionBuffers.Pinned(state);
        DCA = cell.HasCellState ? DirectionBuffers.Pinned(state) : [];
        DCB = cell.HasCellState ? DirectionBuffers.Pinned(state) : [];
        Temp = DirectionBuffers.Pinned(state);
        BiasSums = new float[cell.Gates * hidden];
    }

    /// <summary><c>h_{t−1} · W_hhᵀ</c> for cells that keep it apart, <c>[B, G·H]</c>.</summary>
    public float[] HiddenProjection { get; }
    /// <summary>Carried dL/dh, ping-pong.</summary>
    public float[] DHA { get; }
    public float[] DHB { get; }
    /// <summary>Carried dL/dc, ping-pong (LSTM; empty for cells without c).</summary>
    public float[] DCA { get; }
    public float[] DCB { get; }
    public float[] Temp { get; }
    /// <summary>Column sums of the gate gradients <c>[G·H]</c>, shared by the two bias gradients when they are the same.</summary>
    public float[] BiasSums { get; }
}

/// <summary>
/// Every buffer a stacked recurrent layer needs for up to (T, B): allocated once and reused by later calls of that size
/// or smaller (each call lays its buffers out by its own T and B), so the training loop's hot path allocates nothing per
/// time step.
/// </summary>
internal sealed class RecurrentWorkspace
{
    public RecurrentWorkspace(CellMath cell, int steps, int batch, int inputSize, int hidden, int layers, int directions, bool dropout)
    {
        Steps = steps;
        Batch = batch;
        int width = directions * hidden, rows = steps * batch;
        Directions = new DirectionBuffers[layers * directions];
        for (int i = 0; i < Directions.Length; i++) Directions[i] = new DirectionBuffers(cell, steps, batch, hidden);
        // A one-direction layer's output is its HStates; two directions are interleaved here.
        LayerOutputs = new float[directions == 2 ? layers : 0][];
        for (int l = 0; l < LayerOutputs.Length; l++) LayerOutputs[l] = DirectionBuffers.Pinned(rows * width);
        DropoutMasks = new float[dropout ? layers - 1 : 0][];
        DroppedInputs = new float[dropout ? layers - 1 : 0][];
        for (int l = 0; l < DropoutMasks.Length; l++)
        {
            DropoutMasks[l] = new float[rows * width];
            DroppedInputs[l] = DirectionBuffers.Pinned(rows * width);
        }
        Scratch = new StepScratch(cell, batch, hidden);
        int widest = Math.Max(inputSize, width);
        GradA = DirectionBuffers.Pinned(rows * widest);
        GradB = DirectionBuffers.Pinned(rows * widest);
        TimeMajorInput = DirectionBuffers.Pinned(rows * inputSize);
    }

    public int Steps { get; }
    public int Batch { get; }
    /// <summary>Index <c>layer·D + direction</c>.</summary>
    public DirectionBuffers[] Directions { get; }
    /// <summary>Each bidirectional layer's output, time-major <c>[T·B, 2H]</c>.</summary>
    public float[][] LayerOutputs { get; }
    /// <summary>Inter-layer dropout masks (scaled by 1/(1−p)), one per layer but the last.</summary>
    public float[][] DropoutMasks { get; }
    /// <summary>Each layer's output after dropout: the next layer's input.</summary>
    public float[][] DroppedInputs { get; }
    public StepScratch Scratch { get; }
    /// <summary>Gradient ping-pong buffers, <c>[T·B, max(F, D·H)]</c>.</summary>
    public float[] GradA { get; }
    public float[] GradB { get; }
    /// <summary>The input transposed to time-major when it came batch-first.</summary>
    public float[] TimeMajorInput { get; }
}
