using System.Numerics.Tensors;
using Recur.Autograd;
using Recur.Kernels;

namespace Recur.Nn.Recurrent;

/// <summary>
/// A stack of recurrent layers, optionally bidirectional, with inter-layer dropout, run as one operation on the tape:
/// forward runs every layer and direction's <see cref="TimeLoop"/> and keeps what backward needs in a reusable
/// <see cref="RecurrentWorkspace"/>; backward is BPTT through every layer and direction, run once when the gradients of
/// the output, h_n and c_n are in (a <see cref="JointBackward"/>: the output the caller gets is the only copy of it).
/// </summary>
internal sealed class RecurrentStack(string name, TimeLoop loop, int inputSize, int hidden, int layers, int directions, float dropout, bool batchFirst)
{
    private RecurrentWorkspace? _spare;
    private TimeLoop _loop = loop;

    private string Name => name;

    /// <summary>
    /// The time loop every layer and direction runs, chosen with the layer; a test may set another loop of the same cell
    /// (the reference kernel of a cell that has a fast variant) to compare the two.
    /// </summary>
    internal TimeLoop Loop
    {
        get => _loop;
        set
        {
            ArgumentNullException.ThrowIfNull(value);
            if (value.Gates != _loop.Gates || value.RecurrentRows(hidden) != _loop.RecurrentRows(hidden) || value.HasCellState != _loop.HasCellState
                || value.HasStepCache != _loop.HasStepCache || value.SeparateHiddenGradients != _loop.SeparateHiddenGradients)
                throw new ArgumentException($"{name}: a time loop of another cell cannot replace this one's.", nameof(value));
            if (!value.Fits(hidden))
                throw new ArgumentException($"{name}: this time loop's kernel cannot run {hidden} hidden units.", nameof(value));
            _loop = value;
        }
    }

    /// <summary>
    /// True (the default): the per-step products (forward h·W_hhᵀ, backward dG_h·W_hh) read W_hh laid out once per call —
    /// packed in the GEMM's panels, or transposed — where that sums in the same order as repacking it at every step; false
    /// repacks at every step (tests compare the two).
    /// </summary>
    internal bool LayOutWeightHhOnce { get; set; } = true;

    /// <summary>
    /// How many parts the batch rows are split into for the time loops, instead of <see cref="TimeLoopParts.Count"/>'s
    /// choice (null): tests split the rows in other ways to show the bits do not depend on the split. More parts than
    /// threads are run by whichever thread claims them.
    /// </summary>
    internal int? PartsOverride { get; set; }

    /// <summary>
    /// Runs the stack. <paramref name="parameters"/> is indexed <c>layer·D + direction</c>. Pre-padded sequences are read
    /// rotated so their real steps come first, run as post-padded ones, and their outputs written back in place (see
    /// <see cref="StepWindow"/>): the kernels know one convention only (PyTorch's packed sequences). No step past the
    /// batch's longest sequence is run. Without <paramref name="sequenceOutput"/> the output has no steps (<c>[B, 0, D·H]</c>
    /// or <c>[0, B, D·H]</c>): for a caller that reads only the final states, as Keras' many-to-one layers do. With
    /// <paramref name="reverseInput"/> (same shape as <paramref name="input"/>; bidirectional stacks only), the first layer's
    /// backward direction reads it instead of <paramref name="input"/>: Keras' <c>Bidirectional</c> runs two copies of a
    /// layer, and each drops its inputs by a mask of its own.
    /// </summary>
    public RecurrentOutput Forward(Tensor input, Tensor? h0, Tensor? c0, SequenceLengths? sequenceLengths, IReadOnlyList<DirectionParameters> parameters,
        bool training, Generator generator, bool sequenceOutput = true, Tensor? reverseInput = null)
    {
        var (fullSteps, fullBatch) = Validate(input, h0, c0, sequenceLengths);
        if (reverseInput is not null && (directions != 2 || !reverseInput.Shape.AsSpan().SequenceEqual(input.Shape)))
            throw new ArgumentException(directions != 2
                ? $"{name}: only a bidirectional stack takes an input of its own for the backward direction."
                : $"{name}: the backward direction's input {Tensor.ShapeText(reverseInput.Shape)} differs from the input {Tensor.ShapeText(input.Shape)}.");
        var window = StepWindow.For(fullSteps, fullBatch, batchFirst, sequenceLengths);
        int steps = window.Window, batch = window.Batch, lengthsSteps = window.Steps;
        int[]? lengths = window.Lengths;
        int width = directions * hidden, rows = steps * batch, state = batch * hidden, stateSize = layers * directions * state;
        bool dropoutActive = training && dropout > 0f && layers > 1;
        var ws = Rent(lengthsSteps, batch);
        int parts = PartsOverride ?? TimeLoopParts.Count(_loop.Gates, hidden, batch, KernelThreads.Usable);

        (float[] Data, int Offset) x0 = (input.Data, 0);
        (float[] Data, int Offset)? x0Reverse = reverseInput is null ? null : (reverseInput.Data, 0);
        if (!window.InPlace)
        {
            window.Gather(input.Data, ws.TimeMajorInput, inputSize);
            x0 = ws.TimeMajorInput.Location;
            if (reverseInput is not null)
            {
                window.Gather(reverseInput.Data, ws.ReverseTimeMajorInput, inputSize);
                x0Reverse = ws.ReverseTimeMajorInput.Location;
            }
        }

        var hN = new float[stateSize];
        var cN = _loop.HasCellState ? new float[stateSize] : null;
        for (int l = 0; l < layers; l++)
        {
            var (x, xOffset) = LayerInput(ws, l, batch, x0, dropoutActive);
            int inWidth = l == 0 ? inputSize : width;
            for (int d = 0; d < directions; d++)
            {
                int index = l * directions + d, stateOffset = index * state;
                var buffers = ws.Directions[index];
                var (xd, xdOffset) = l == 0 && d == 1 && x0Reverse is { } own ? own : (x, xOffset);
                _loop.Forward(new TimeLoopShape(steps, batch, inWidth, hidden, d == 1), buffers, ws.Scratch, parameters[index].Weights, xd, xdOffset,
                    h0 is null ? default : h0.Data.AsSpan(stateOffset, state),
                    c0 is null ? default : c0.Data.AsSpan(stateOffset, state),
                    lengths, parts, LayOutWeightHhOnce);
                int final = StateBlocks.FinalBlock(d == 1, steps) * state;
                buffers.HStates.AsSpan(final, state).CopyTo(hN.AsSpan(stateOffset, state));
                if (cN is not null) buffers.CStates.AsSpan(final, state).CopyTo(cN.AsSpan(stateOffset, state));
            }
            if (l == layers - 1) break;
            if (directions == 2) WriteLayerOutput(ws, l, ws.LayerOutputs[l], steps, batch, lengths);
            if (dropoutActive)
            {
                // Inverted dropout on this layer's output, which is the next layer's input.
                var mask = ws.DropoutMasks[l];
                float scale = 1f / (1f - dropout);
                generator.FillUniform(mask.AsSpan(0, rows * width));
                for (int i = 0; i < rows * width; i++) mask[i] = mask[i] < dropout ? 0f : scale;
                var (output, offset) = LayerOutput(ws, l, batch);
                TensorPrimitives.Multiply(output.AsSpan(offset, rows * width), mask.AsSpan(0, rows * width), ws.DroppedInputs[l]);
            }
        }

        // The caller's output: every element is written (zeros past a sequence's length).
        int outputSteps = sequenceOutput ? lengthsSteps : 0;
        var outputData = sequenceOutput ? Storage.Uninitialized(lengthsSteps * batch * width) : [];
        if (sequenceOutput)
            for (int d = 0; d < directions; d++)
            {
                var states = ws.Directions[(layers - 1) * directions + d].HStates;
                int outBase = StateBlocks.OutBase(d == 1) * state;
                window.WriteOutput(states.AsSpan(outBase, rows * hidden), hidden, outputData, width, d * hidden, hidden);
            }
        int[] outputShape = batchFirst ? [batch, outputSteps, width] : [outputSteps, batch, width];
        int[] stateShape = [layers * directions, batch, hidden];
        var outputTensor = new Tensor(outputData, outputShape);
        var hNTensor = new Tensor(hN, stateShape);
        var cNTensor = cN is null ? null : new Tensor(cN, stateShape);

        var inputs = Inputs(input, reverseInput, h0, c0, parameters);
        if (!Tape.ShouldRecord(inputs))
        {
            _spare = ws;
            return new RecurrentOutput(outputTensor, hNTensor, cNTensor);
        }

        var call = new PendingBackward(this, ws, window, input, reverseInput, parameters, h0, c0, dropoutActive, parts);
        Tape.Record(cNTensor is null ? [outputTensor, hNTensor] : [outputTensor, hNTensor, cNTensor], name, inputs, call.Run);
        return new RecurrentOutput(outputTensor, hNTensor, cNTensor);
    }

    /// <summary>What one forward call's backward needs.</summary>
    private sealed class PendingBackward(RecurrentStack stack, RecurrentWorkspace ws, StepWindow window, Tensor input, Tensor? reverseInput,
        IReadOnlyList<DirectionParameters> parameters, Tensor? h0, Tensor? c0, bool dropoutActive, int parts)
    {
        private bool _consumed;

        /// <summary>Runs the backward from the gradients of [output, h_n, c_n] (null for those the loss did not use).</summary>
        public void Run(Tensor?[] gradients)
        {
            if (_consumed)
                throw new InvalidOperationException($"{stack.Name}: backward ran through this call a second time; run Forward again for another backward.");
            _consumed = true;
            stack.Backward(ws, window, input, reverseInput, parameters, h0, c0, gradients[0]?.Data ?? [], gradients[1]?.Data,
                gradients.Length > 2 ? gradients[2]?.Data : null, dropoutActive, parts);
            stack._spare = ws;
        }
    }

    private void Backward(RecurrentWorkspace ws, StepWindow window, Tensor x0Source, Tensor? x0ReverseSource, IReadOnlyList<DirectionParameters> parameters,
        Tensor? h0, Tensor? c0, float[] dOutput, float[]? dhN, float[]? dcN, bool dropoutActive, int parts)
    {
        int steps = window.Window, batch = window.Batch;
        int[]? lengths = window.Lengths;
        int width = directions * hidden, rows = steps * batch, state = batch * hidden, stateSize = layers * directions * state;
        var x0 = window.InPlace ? (x0Source.Data, 0) : ws.TimeMajorInput.Location;
        (float[] Data, int Offset)? x0Reverse = x0ReverseSource is null ? null
            : window.InPlace ? (x0ReverseSource.Data, 0) : ws.ReverseTimeMajorInput.Location;
        bool wantDxReverse = x0ReverseSource is { RequiresGrad: true };
        var dh0 = h0 is { RequiresGrad: true } ? new float[stateSize] : null;
        var dc0 = c0 is { RequiresGrad: true } ? new float[stateSize] : null;

        // The top layer reads the caller's gradient in place, in either layout (rotated rows: gathered into GradA, which is
        // free until the layer below the top writes its dL/dx there); lower layers read the layer above's dL/dx.
        var dOut = window.OutputGradient(dOutput, width, ws.GradA);
        var gradIn = ws.GradA;
        var gradOut = ws.GradB;
        for (int l = layers - 1; l >= 0; l--)
        {
            int inWidth = l == 0 ? inputSize : width;
            var (x, xOffset) = LayerInput(ws, l, batch, x0, dropoutActive);
            bool wantDx = l > 0 || x0Source.RequiresGrad;
            // A time-major input read in place gets its gradient added in place; every other dL/dx goes to the ping-pong buffer.
            bool accumulate = wantDx && l == 0 && window.InPlace;
            Span<float> dx = !wantDx ? default : accumulate ? x0Source.GradBuffer() : gradOut.AsSpan(0, rows * inWidth);

            for (int d = 0; d < directions; d++)
            {
                int index = l * directions + d, stateOffset = index * state;
                // The first layer's backward direction on an input of its own: its dL/dx goes there, not into the forward's.
                bool ownInput = l == 0 && d == 1 && x0Reverse is not null;
                var (xd, xdOffset) = ownInput ? x0Reverse!.Value : (x, xOffset);
                Span<float> dxd = !ownInput ? dx : !wantDxReverse ? default
                    : window.InPlace ? x0ReverseSource!.GradBuffer() : ws.ReverseInputGradient.AsSpan(0, rows * inWidth);
                _loop.Backward(new TimeLoopShape(steps, batch, inWidth, hidden, d == 1),
                    ws.Directions[index], ws.Scratch, parameters[index].Weights, parameters[index].Gradients, xd, xdOffset, lengths,
                    dOut with { Offset = dOut.Offset + d * hidden },
                    dhN is null ? default : dhN.AsSpan(stateOffset, state),
                    dcN is null ? default : dcN.AsSpan(stateOffset, state),
                    dxd, ownInput ? window.InPlace : accumulate || d > 0,
                    dh0 is null ? default : dh0.AsSpan(stateOffset, state),
                    dc0 is null ? default : dc0.AsSpan(stateOffset, state), parts, LayOutWeightHhOnce);
            }

            if (l > 0)
            {
                // Through the dropout between layer l−1 and l: dL/d(out_{l−1}) = dL/d(in_l) ⊙ mask.
                if (dropoutActive) TensorPrimitives.Multiply(dx, ws.DropoutMasks[l - 1].AsSpan(0, dx.Length), dx);
                dOut = new OutputGradient(gradOut.Array, gradOut.Offset, batch * width, width);
                (gradIn, gradOut) = (gradOut, gradIn);
            }
            else if (wantDx && !window.InPlace)
            {
                // Back to the caller's layout and steps.
                window.AddGradient(dx, x0Source, inputSize);
            }
            if (l == 0 && wantDxReverse && !window.InPlace)
                window.AddGradient(ws.ReverseInputGradient.AsSpan(0, rows * inWidth), x0ReverseSource!, inputSize);
        }
        if (dh0 is not null) h0!.AccumulateGrad(dh0);
        if (dc0 is not null) c0!.AccumulateGrad(dc0);
    }

    private static Tensor[] Inputs(Tensor input, Tensor? reverseInput, Tensor? h0, Tensor? c0, IReadOnlyList<DirectionParameters> parameters)
    {
        int count = 1 + (reverseInput is null ? 0 : 1) + (h0 is null ? 0 : 1) + (c0 is null ? 0 : 1);
        foreach (var p in parameters) count += p.Count;
        var inputs = new Tensor[count];
        int i = 0;
        inputs[i++] = input;
        if (reverseInput is not null) inputs[i++] = reverseInput;
        if (h0 is not null) inputs[i++] = h0;
        if (c0 is not null) inputs[i++] = c0;
        foreach (var p in parameters)
        {
            inputs[i++] = p.WeightIh;
            inputs[i++] = p.WeightHh;
            if (p.BiasIh is not null) inputs[i++] = p.BiasIh;
            if (p.BiasHh is not null) inputs[i++] = p.BiasHh;
        }
        return inputs;
    }

    /// <summary>Layer l's output, time-major <c>[T·B, D·H]</c>: a one-direction layer's is its state buffer itself.</summary>
    private (float[] Data, int Offset) LayerOutput(RecurrentWorkspace ws, int layer, int batch)
    {
        if (directions == 2) return ws.LayerOutputs[layer].Location;
        var states = ws.Directions[layer].HStates;
        return (states.Array, states.Offset + StateBlocks.OutBase(false) * batch * hidden);
    }

    /// <summary>Layer l's input: the user's (time-major) input, or the previous layer's output after dropout.</summary>
    private (float[] Data, int Offset) LayerInput(RecurrentWorkspace ws, int layer, int batch, (float[] Data, int Offset) x0, bool dropoutActive)
    {
        if (layer == 0) return x0;
        return dropoutActive ? ws.DroppedInputs[layer - 1].Location : LayerOutput(ws, layer - 1, batch);
    }

    /// <summary>
    /// A bidirectional layer's states as its output <c>[T·B, 2H]</c> (time-major, the kernels' steps), directions side by
    /// side, zeros past each sequence's length.
    /// </summary>
    private void WriteLayerOutput(RecurrentWorkspace ws, int layer, PinnedFloats target, int steps, int batch, int[]? lengths)
    {
        int width = directions * hidden;
        for (int d = 0; d < directions; d++)
        {
            var states = ws.Directions[layer * directions + d].HStates;
            int outBase = StateBlocks.OutBase(d == 1);
            for (int t = 0; t < steps; t++)
                for (int b = 0; b < batch; b++)
                {
                    var row = target.AsSpan((t * batch + b) * width + d * hidden, hidden);
                    if (lengths is not null && t >= lengths[b]) row.Clear();
                    else states.AsSpan(((t + outBase) * batch + b) * hidden, hidden).CopyTo(row);
                }
        }
    }

    private RecurrentWorkspace Rent(int steps, int batch)
    {
        var ws = _spare;
        _spare = null;
        // Buffers are laid out by the call's own (T, B), so a workspace of at least that size serves it: the last, shorter
        // batch of an epoch and the validation batches reuse the training batches' workspace instead of allocating anew.
        if (ws is not null && ws.Steps >= steps && ws.Batch >= batch) return ws;
        return new RecurrentWorkspace(_loop, steps, batch, inputSize, hidden, layers, directions, dropout > 0f && layers > 1);
    }

    private (int Steps, int Batch) Validate(Tensor input, Tensor? h0, Tensor? c0, SequenceLengths? lengths)
    {
        string layout = batchFirst ? "[B, T, " : "[T, B, ";
        if (input.Rank != 3 || input.Dim(2) != inputSize)
            throw new ArgumentException($"{name} expects input {layout}{inputSize}] but got {Tensor.ShapeText(input.Shape)}.");
        int steps = batchFirst ? input.Dim(1) : input.Dim(0);
        int batch = batchFirst ? input.Dim(0) : input.Dim(1);
        if (steps == 0 || batch == 0)
            throw new ArgumentException($"{name}: input {Tensor.ShapeText(input.Shape)} has no time steps or no sequences.");
        int[] stateShape = [layers * directions, batch, hidden];
        foreach (var (state, label) in new[] { (h0, "h0"), (c0, "c0") })
            if (state is not null && !state.Shape.AsSpan().SequenceEqual(stateShape))
                throw new ArgumentException($"{name} expects {label} {Tensor.ShapeText(stateShape)} but got {Tensor.ShapeText(state.Shape)}.");
        if (lengths is not null)
        {
            if (lengths.Count != batch)
                throw new ArgumentException($"{name}: {lengths.Count} lengths for a batch of {batch} sequences.");
            for (int b = 0; b < batch; b++)
                if (lengths[b] > steps)
                    throw new ArgumentOutOfRangeException(nameof(lengths),
                        $"{name}: length {lengths[b]} of sequence {b} is longer than the input's {steps} steps.");
        }
        return (steps, batch);
    }
}
