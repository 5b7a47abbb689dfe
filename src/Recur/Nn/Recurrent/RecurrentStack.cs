using System.Numerics.Tensors;
using Recur.Autograd;

namespace Recur.Nn.Recurrent;

/// <summary>The parameter tensors of one direction of one layer.</summary>
internal sealed record DirectionParameters(Tensor WeightIh, Tensor WeightHh, Tensor? BiasIh, Tensor? BiasHh)
{
    public DirectionWeights Weights => new(WeightIh.Data, WeightHh.Data, BiasIh?.Data, BiasHh?.Data);

    public DirectionGradients Gradients => new(
        WeightIh.RequiresGrad ? WeightIh.GradBuffer() : null,
        WeightHh.RequiresGrad ? WeightHh.GradBuffer() : null,
        BiasIh is { RequiresGrad: true } ? BiasIh.GradBuffer() : null,
        BiasHh is { RequiresGrad: true } ? BiasHh.GradBuffer() : null);

    public IEnumerable<Tensor> All()
    {
        yield return WeightIh;
        yield return WeightHh;
        if (BiasIh is not null) yield return BiasIh;
        if (BiasHh is not null) yield return BiasHh;
    }
}

/// <summary>
/// A stack of recurrent layers, optionally bidirectional, with inter-layer dropout, run as one autograd node:
/// forward keeps what backward needs in a reusable <see cref="RecurrentWorkspace"/>, backward is BPTT through
/// every layer and direction.
/// </summary>
internal sealed class RecurrentStack(string name, CellMath cell, int inputSize, int hidden, int layers, int directions, float dropout, bool batchFirst)
{
    private RecurrentWorkspace? _spare;

    /// <summary>Runs the stack. <paramref name="parameters"/> is indexed <c>layer·D + direction</c>.</summary>
    public RecurrentOutput Forward(Tensor input, Tensor? h0, Tensor? c0, int[]? lengths, IReadOnlyList<DirectionParameters> parameters,
        bool training, Generator generator)
    {
        var (steps, batch) = Validate(input, h0, c0, lengths);
        int width = directions * hidden, rows = steps * batch, stateSize = layers * directions * batch * hidden;
        bool dropoutActive = training && dropout > 0f && layers > 1;
        var ws = Rent(steps, batch);

        ReadOnlySpan<float> x0 = input.Data;
        if (batchFirst)
        {
            SwapLeadingAxes(input.Data, ws.TimeMajorInput, batch, steps, inputSize);
            x0 = ws.TimeMajorInput;
        }

        var hN = new float[stateSize];
        var cN = cell.HasCellState ? new float[stateSize] : null;
        for (int l = 0; l < layers; l++)
        {
            var layerInput = LayerInput(ws, l, x0, dropoutActive);
            int inWidth = l == 0 ? inputSize : width;
            for (int d = 0; d < directions; d++)
            {
                int index = l * directions + d, stateOffset = index * batch * hidden;
                var buffers = ws.Directions[index];
                RecurrentDirection.Forward(cell, new RecurrentDirection.Shape(steps, batch, inWidth, hidden, d == 1, width, d * hidden),
                    buffers, ws.Scratch, parameters[index].Weights, layerInput,
                    h0 is null ? default : h0.Data.AsSpan(stateOffset, batch * hidden),
                    c0 is null ? default : c0.Data.AsSpan(stateOffset, batch * hidden),
                    lengths, ws.LayerOutputs[l]);
                RecurrentDirection.StoreState(buffers.HFinal, hN.AsSpan(stateOffset, batch * hidden), batch, hidden);
                if (cN is not null) RecurrentDirection.StoreState(buffers.CFinal, cN.AsSpan(stateOffset, batch * hidden), batch, hidden);
            }
            if (l < layers - 1 && dropoutActive)
            {
                // Inverted dropout on this layer's output, which is the next layer's input.
                var mask = ws.DropoutMasks[l];
                float scale = 1f / (1f - dropout);
                for (int i = 0; i < mask.Length; i++) mask[i] = generator.NextFloat() < dropout ? 0f : scale;
                TensorPrimitives.Multiply(ws.LayerOutputs[l], mask, ws.DroppedInputs[l]);
            }
        }

        int outputSize = rows * width;
        var output = new float[outputSize];
        if (batchFirst) SwapLeadingAxes(ws.LayerOutputs[layers - 1], output, steps, batch, width);
        else ws.LayerOutputs[layers - 1].AsSpan(0, outputSize).CopyTo(output);
        int[] outputShape = batchFirst ? [batch, steps, width] : [steps, batch, width];
        int[] stateShape = [layers * directions, batch, hidden];

        var inputs = new List<Tensor> { input };
        if (h0 is not null) inputs.Add(h0);
        if (c0 is not null) inputs.Add(c0);
        foreach (var p in parameters) inputs.AddRange(p.All());
        if (!Tape.ShouldRecord(inputs.ToArray()))
        {
            _spare = ws;
            return new RecurrentOutput(new Tensor(output, outputShape), new Tensor(hN, stateShape), cN is null ? null : new Tensor(cN, stateShape));
        }

        // One node for the whole stack; Output, HN and CN are slices of its packed result.
        var packedData = new float[outputSize + 2 * stateSize];
        output.CopyTo(packedData, 0);
        hN.CopyTo(packedData, outputSize);
        cN?.CopyTo(packedData, outputSize + stateSize);
        var packed = new Tensor(packedData, [packedData.Length]);
        bool consumed = false;
        Tape.Record(packed, name, inputs.ToArray(), g =>
        {
            if (consumed)
                throw new InvalidOperationException($"{name}: backward ran through this call a second time; run Forward again for another backward.");
            consumed = true;
            Backward(ws, steps, batch, x0Source: input, lengths, parameters, h0, c0, g.Data, outputSize, stateSize, dropoutActive);
            _spare = ws;
        });
        var outputTensor = packed.Narrow(0, 0, outputSize).Reshape(outputShape);
        var hNTensor = packed.Narrow(0, outputSize, stateSize).Reshape(stateShape);
        var cNTensor = cN is null ? null : packed.Narrow(0, outputSize + stateSize, stateSize).Reshape(stateShape);
        return new RecurrentOutput(outputTensor, hNTensor, cNTensor);
    }

    private void Backward(RecurrentWorkspace ws, int steps, int batch, Tensor x0Source, int[]? lengths, IReadOnlyList<DirectionParameters> parameters,
        Tensor? h0, Tensor? c0, float[] grad, int outputSize, int stateSize, bool dropoutActive)
    {
        int width = directions * hidden, rows = steps * batch;
        ReadOnlySpan<float> x0 = batchFirst ? ws.TimeMajorInput : x0Source.Data;
        var dOutput = ws.GradA.AsSpan(0, rows * width);
        if (batchFirst) SwapLeadingAxes(grad.AsSpan(0, outputSize), dOutput, batch, steps, width);
        else grad.AsSpan(0, outputSize).CopyTo(dOutput);
        var dhN = grad.AsSpan(outputSize, stateSize);
        var dcN = grad.AsSpan(outputSize + stateSize, stateSize);
        var dh0 = h0 is { RequiresGrad: true } ? new float[stateSize] : null;
        var dc0 = c0 is { RequiresGrad: true } ? new float[stateSize] : null;

        var gradIn = ws.GradA;
        var gradOut = ws.GradB;
        for (int l = layers - 1; l >= 0; l--)
        {
            int inWidth = l == 0 ? inputSize : width;
            bool wantDx = l > 0 || x0Source.RequiresGrad;
            var dx = wantDx ? gradOut.AsSpan(0, rows * inWidth) : default;
            dx.Clear();
            var layerInput = LayerInput(ws, l, x0, dropoutActive);
            for (int d = 0; d < directions; d++)
            {
                int index = l * directions + d, stateOffset = index * batch * hidden;
                RecurrentDirection.Backward(cell, new RecurrentDirection.Shape(steps, batch, inWidth, hidden, d == 1, width, d * hidden),
                    ws.Directions[index], ws.Scratch, parameters[index].Weights, parameters[index].Gradients, layerInput, lengths,
                    gradIn.AsSpan(0, rows * width), dhN.Slice(stateOffset, batch * hidden),
                    cell.HasCellState ? dcN.Slice(stateOffset, batch * hidden) : default, dx,
                    dh0 is null ? default : dh0.AsSpan(stateOffset, batch * hidden),
                    dc0 is null ? default : dc0.AsSpan(stateOffset, batch * hidden));
            }
            if (l > 0)
            {
                // Through the dropout between layer l−1 and l: dL/d(out_{l−1}) = dL/d(in_l) ⊙ mask.
                if (dropoutActive) TensorPrimitives.Multiply(dx, ws.DropoutMasks[l - 1].AsSpan(0, dx.Length), dx);
                (gradIn, gradOut) = (gradOut, gradIn);
            }
            else if (wantDx)
            {
                var target = x0Source.GradBuffer();
                if (batchFirst)
                {
                    var transposed = new float[dx.Length];
                    SwapLeadingAxes(dx, transposed, steps, batch, inputSize);
                    TensorPrimitives.Add(target, transposed, target);
                }
                else TensorPrimitives.Add(target, dx, target);
            }
        }
        if (dh0 is not null) h0!.AccumulateGrad(dh0);
        if (dc0 is not null) c0!.AccumulateGrad(dc0);
    }

    /// <summary>Layer l's input: the user's (time-major) input, or the previous layer's output after dropout.</summary>
    private static ReadOnlySpan<float> LayerInput(RecurrentWorkspace ws, int layer, ReadOnlySpan<float> x0, bool dropoutActive)
    {
        if (layer == 0) return x0;
        return dropoutActive ? ws.DroppedInputs[layer - 1] : ws.LayerOutputs[layer - 1];
    }

    private RecurrentWorkspace Rent(int steps, int batch)
    {
        var ws = _spare;
        _spare = null;
        if (ws is not null && ws.Steps == steps && ws.Batch == batch) return ws;
        return new RecurrentWorkspace(cell, steps, batch, inputSize, hidden, layers, directions, dropout > 0f && layers > 1);
    }

    /// <summary>[A, B, inner] → [B, A, inner].</summary>
    private static void SwapLeadingAxes(ReadOnlySpan<float> source, Span<float> target, int a, int b, int inner)
    {
        for (int i = 0; i < a; i++)
            for (int j = 0; j < b; j++)
                source.Slice((i * b + j) * inner, inner).CopyTo(target.Slice((j * a + i) * inner, inner));
    }

    private (int Steps, int Batch) Validate(Tensor input, Tensor? h0, Tensor? c0, int[]? lengths)
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
            if (lengths.Length != batch)
                throw new ArgumentException($"{name}: {lengths.Length} lengths for a batch of {batch} sequences.");
            for (int b = 0; b < batch; b++)
                if (lengths[b] < 1 || lengths[b] > steps)
                    throw new ArgumentOutOfRangeException(nameof(lengths),
                        $"{name}: length {lengths[b]} of sequence {b} is outside [1, {steps}] (T = {steps}).");
        }
        return (steps, batch);
    }
}
