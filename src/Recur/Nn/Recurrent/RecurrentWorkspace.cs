using Recur.Kernels;

namespace Recur.Nn.Recurrent;

/// <summary>
/// Every buffer a stacked recurrent layer needs for up to (T, B): allocated once and reused by later calls of that size
/// or smaller (each call lays its buffers out by its own T and B), so the training loop's hot path allocates nothing per
/// time step.
/// </summary>
internal sealed class RecurrentWorkspace
{
    public RecurrentWorkspace(TimeLoop loop, int steps, int batch, int inputSize, int hidden, int layers, int directions, bool dropout)
    {
        Steps = steps;
        Batch = batch;
        int width = directions * hidden, rows = steps * batch;
        Directions = new DirectionBuffers[layers * directions];
        for (int i = 0; i < Directions.Length; i++) Directions[i] = new DirectionBuffers(loop, steps, batch, hidden);
        // A one-direction layer's output is its HStates; two directions are interleaved here.
        LayerOutputs = new PinnedFloats[directions == 2 ? layers : 0];
        for (int l = 0; l < LayerOutputs.Length; l++) LayerOutputs[l] = new PinnedFloats(rows * width);
        DropoutMasks = new float[dropout ? layers - 1 : 0][];
        DroppedInputs = new PinnedFloats[dropout ? layers - 1 : 0];
        for (int l = 0; l < DropoutMasks.Length; l++)
        {
            DropoutMasks[l] = new float[rows * width];
            DroppedInputs[l] = new PinnedFloats(rows * width);
        }
        Scratch = new StepScratch(loop, batch, hidden);
        int widest = Math.Max(inputSize, width);
        GradA = new PinnedFloats(rows * widest);
        GradB = new PinnedFloats(rows * widest);
        TimeMajorInput = new PinnedFloats(rows * inputSize);
    }

    public int Steps { get; }
    public int Batch { get; }
    /// <summary>Index <c>layer·D + direction</c>.</summary>
    public DirectionBuffers[] Directions { get; }
    /// <summary>Each bidirectional layer's output, time-major <c>[T·B, 2H]</c>.</summary>
    public PinnedFloats[] LayerOutputs { get; }
    /// <summary>Inter-layer dropout masks (scaled by 1/(1−p)), one per layer but the last.</summary>
    public float[][] DropoutMasks { get; }
    /// <summary>Each layer's output after dropout: the next layer's input.</summary>
    public PinnedFloats[] DroppedInputs { get; }
    public StepScratch Scratch { get; }
    /// <summary>Gradient ping-pong buffers, <c>[T·B, max(F, D·H)]</c>.</summary>
    public PinnedFloats GradA { get; }
    public PinnedFloats GradB { get; }
    /// <summary>The input transposed to time-major when it came batch-first.</summary>
    public PinnedFloats TimeMajorInput { get; }

    /// <summary>The first layer's backward direction's own input, time-major (Keras' <c>Bidirectional</c>, whose copies drop
    /// their inputs by masks of their own); made at its first use.</summary>
    public PinnedFloats ReverseTimeMajorInput => _reverseTimeMajorInput ??= new PinnedFloats(TimeMajorInput.Length);

    /// <summary>dL/d(that input), time-major, before it goes back to the caller's layout; made at its first use.</summary>
    public PinnedFloats ReverseInputGradient => _reverseInputGradient ??= new PinnedFloats(TimeMajorInput.Length);

    private PinnedFloats? _reverseTimeMajorInput;
    private PinnedFloats? _reverseInputGradient;
}
