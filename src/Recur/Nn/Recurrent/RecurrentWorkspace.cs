namespace Recur.Nn.Recurrent;

/// <summary>What one direction of one layer keeps between its forward and its backward, for a given (T, B).</summary>
internal sealed class DirectionBuffers
{
    public DirectionBuffers(CellMath cell, int steps, int batch, int hidden)
    {
        int gateRows = cell.Gates * hidden, columns = steps * batch;
        InputProjection = new float[gateRows * columns];
        HPrevAll = new float[hidden * columns];
        CPrevAll = cell.HasCellState ? new float[hidden * columns] : [];
        Cache = new float[steps * cell.CacheRows(hidden) * batch];
        HFinal = new float[hidden * batch];
        CFinal = cell.HasCellState ? new float[hidden * batch] : [];
        DGatesInput = new float[gateRows * columns];
        DGatesHidden = cell.SharesGateGradients ? DGatesInput : new float[gateRows * columns];
    }

    /// <summary>W_ih x_t + biases for every step: <c>[G·H, T·B]</c>, step t in columns <c>[tB, tB + B)</c>.</summary>
    public float[] InputProjection { get; }
    /// <summary>h before each step, <c>[H, T·B]</c>, indexed by time.</summary>
    public float[] HPrevAll { get; }
    /// <summary>c before each step (LSTM), <c>[T][H, B]</c>.</summary>
    public float[] CPrevAll { get; }
    /// <summary>The cells' per-step caches, <c>[T][CacheRows, B]</c>.</summary>
    public float[] Cache { get; }
    /// <summary>Final h, <c>[H, B]</c>.</summary>
    public float[] HFinal { get; }
    /// <summary>Final c (LSTM), <c>[H, B]</c>.</summary>
    public float[] CFinal { get; }
    /// <summary>Input-side gate gradients of every step, <c>[G·H, T·B]</c>, indexed by time.</summary>
    public float[] DGatesInput { get; }
    /// <summary>Hidden-side gate gradients, <c>[G·H, T·B]</c> (the same array when the cell shares them).</summary>
    public float[] DGatesHidden { get; }
}

/// <summary>Per-step scratch shared by all directions and layers of one stack (they run one after another).</summary>
internal sealed class StepScratch
{
    public StepScratch(CellMath cell, int batch, int hidden)
    {
        int gateRows = cell.Gates * hidden, state = hidden * batch;
        Input = new float[gateRows * batch];
        HiddenProjection = new float[gateRows * batch];
        HA = new float[state];
        HB = new float[state];
        CA = new float[state];
        CB = new float[state];
        DH = new float[state];
        DGates = new float[gateRows * batch];
        DGatesHidden = cell.SharesGateGradients ? DGates : new float[gateRows * batch];
        Temp = new float[state];
        HPrev = new float[state];
    }

    public float[] Input { get; }
    public float[] HiddenProjection { get; }
    public float[] HA { get; }
    public float[] HB { get; }
    public float[] CA { get; }
    public float[] CB { get; }
    public float[] DH { get; }
    public float[] DGates { get; }
    public float[] DGatesHidden { get; }
    public float[] Temp { get; }
    public float[] HPrev { get; }
}

/// <summary>
/// Every buffer a stacked recurrent layer needs for one (T, B): allocated once and reused by later calls of the
/// same size, so the training loop's hot path allocates nothing per time step.
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
        LayerOutputs = new float[layers][];
        for (int l = 0; l < layers; l++) LayerOutputs[l] = new float[rows * width];
        DropoutMasks = new float[dropout ? layers - 1 : 0][];
        DroppedInputs = new float[dropout ? layers - 1 : 0][];
        for (int l = 0; l < DropoutMasks.Length; l++)
        {
            DropoutMasks[l] = new float[rows * width];
            DroppedInputs[l] = new float[rows * width];
        }
        Scratch = new StepScratch(cell, batch, hidden);
        int widest = Math.Max(inputSize, width);
        GradA = new float[rows * widest];
        GradB = new float[rows * widest];
        TimeMajorInput = new float[rows * inputSize];
    }

    public int Steps { get; }
    public int Batch { get; }
    /// <summary>Index <c>layer·D + direction</c>.</summary>
    public DirectionBuffers[] Directions { get; }
    /// <summary>Each layer's output, time-major <c>[T·B, D·H]</c>.</summary>
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
