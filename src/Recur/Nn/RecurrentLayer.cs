namespace Recur.Nn;

/// <summary>
/// A PyTorch-style recurrent module (<see cref="RNN"/>, <see cref="LSTM"/>, <see cref="GRU"/>) as a <see cref="Layer"/>,
/// so it stacks in a <see cref="Sequential"/>: it runs the module and hands on the part of its results that
/// <see cref="Readout"/> names — every step, the last real step, or the last layer's final state. This is the line a
/// PyTorch user writes in a custom module's <c>forward</c> (<c>out, h_n = self.rnn(x); self.fc(out[:, -1])</c>).
/// </summary>
/// <remarks>
/// The module's parameters appear under their own names at this layer (<c>weight_ih_l0</c>, …), so in a Sequential
/// they are <c>0.weight_ih_l0</c>, as a Keras-style recurrent layer's are. The module runs in this layer's training or
/// evaluation mode (its inter-layer dropout follows <see cref="Module.Train"/> and <see cref="Module.Eval"/> on the model).
/// Lengths given to <see cref="Forward(Tensor, SequenceLengths?)"/> (or by a <see cref="Sequential"/> or a trainer) reach
/// the module, so the last real step is read on either padding side.
/// </remarks>
/// <example>
/// The course's MNIST model, each 28-pixel row one time step:
/// <code>
/// var model = new Sequential(
///     new RecurrentLayer(new GRU(28, 128, numLayers: 2, batchFirst: true), RecurrentReadout.LastStep),
///     new Linear(128, 10));
/// Tensor logits = model.Forward(images);   // images [B, 28, 28] → logits [B, 10]
/// </code>
/// </example>
public sealed class RecurrentLayer : Layer, ISequenceLayer
{
    /// <summary>Wraps <paramref name="recurrent"/>, handing on what <paramref name="readout"/> names.</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="readout"/> is not a defined value.</exception>
    public RecurrentLayer(RecurrentBase recurrent, RecurrentReadout readout = RecurrentReadout.LastStep)
    {
        ArgumentNullException.ThrowIfNull(recurrent);
        if (!Enum.IsDefined(readout))
            throw new ArgumentOutOfRangeException(nameof(readout), readout, "RecurrentLayer: readout must be Sequence, LastStep or FinalState.");
        Recurrent = recurrent;
        Readout = readout;
        foreach (var (name, parameter) in recurrent.NamedParameters()) RegisterParameter(name, parameter);
    }

    /// <summary>The wrapped module.</summary>
    public RecurrentBase Recurrent { get; }

    /// <summary>What the layer hands on.</summary>
    public RecurrentReadout Readout { get; }

    /// <summary>The width of each output step: hidden units times directions.</summary>
    public int OutputWidth => Recurrent.HiddenSize * Directions;

    private int Directions => Recurrent.Bidirectional ? 2 : 1;

    /// <summary><c>(None, None, inputSize)</c>: any batch and number of steps.</summary>
    public override int?[]? DeclaredInputShape => [null, null, Recurrent.InputSize];

    /// <inheritdoc/>
    /// <remarks>
    /// Input <c>(batch, steps, features)</c> (time-major: <c>(steps, batch, features)</c>); output the same with
    /// <see cref="OutputWidth"/> features for <see cref="RecurrentReadout.Sequence"/>, else <c>(batch, OutputWidth)</c>.
    /// </remarks>
    /// <exception cref="ArgumentException">The shape is not of rank 3, or its feature size is known and differs from the module's.</exception>
    public override int?[] ComputeOutputShape(int?[] inputShape)
    {
        ArgumentNullException.ThrowIfNull(inputShape);
        if (inputShape.Length != 3 || inputShape[2] is int features && features != Recurrent.InputSize)
            throw new ArgumentException(
                $"{this} expects input ({(Recurrent.BatchFirst ? "batch, steps" : "steps, batch")}, {Recurrent.InputSize}) but got {LayerShape.Format(inputShape)}.",
                nameof(inputShape));
        if (Readout == RecurrentReadout.Sequence) return [inputShape[0], inputShape[1], OutputWidth];
        return [Recurrent.BatchFirst ? inputShape[0] : inputShape[1], OutputWidth];
    }

    /// <inheritdoc/>
    public override Tensor Forward(Tensor input) => Forward(input, null);

    /// <summary>
    /// Runs the module on <paramref name="input"/> (<c>[B, T, F]</c> batch-first, else <c>[T, B, F]</c>) whose sequences
    /// have the real <paramref name="lengths"/> (null: all <c>T</c> steps) and hands on the <see cref="Readout"/>. A
    /// sequence of length 0 has no last real step: its <see cref="RecurrentReadout.LastStep"/> is zero, its
    /// <see cref="RecurrentReadout.FinalState"/> the initial state (zero).
    /// </summary>
    public Tensor Forward(Tensor input, SequenceLengths? lengths)
    {
        ArgumentNullException.ThrowIfNull(input);
        if (Recurrent.Training != Training) Recurrent.Train(Training);
        // A readout of final states asks for no sequence output: the stack then neither writes [B, T, D·H] nor reads its gradient.
        bool statesOnly = Readout == RecurrentReadout.FinalState || Readout == RecurrentReadout.LastStep && Directions == 1;
        var result = statesOnly ? Recurrent.ForwardFinalStates(input, lengths) : Recurrent.Forward(input, lengths: lengths);
        return Readout switch
        {
            RecurrentReadout.Sequence => result.Output,
            // With one direction the output at the last real step is the last layer's final state, already at hand.
            RecurrentReadout.LastStep when Directions == 1 => FinalState(result.HN),
            RecurrentReadout.LastStep => LastRealStep(result.Output, lengths),
            _ => FinalState(result.HN),
        };
    }

    /// <summary>The last layer's final state from <c>h_n</c> <c>[L·D, B, H]</c>: its last D entries side by side, <c>[B, D·H]</c>.</summary>
    private Tensor FinalState(Tensor hn)
    {
        int last = hn.Dim(0) - Directions;
        return Directions == 1 ? hn.Select(0, last) : Tensor.Concat([hn.Select(0, last), hn.Select(0, last + 1)], axis: -1);
    }

    /// <summary>Each sequence's output row at its last real step, <c>[B, D·H]</c>, picked from the flattened output.</summary>
    private Tensor LastRealStep(Tensor output, SequenceLengths? lengths)
    {
        bool batchFirst = Recurrent.BatchFirst;
        int steps = output.Dim(batchFirst ? 1 : 0), batch = output.Dim(batchFirst ? 0 : 1);
        var rows = new int[batch];
        for (int b = 0; b < batch; b++)
        {
            // Pre-padded sequences end at the last step; post-padded ones at length − 1. A length of 0 reads a padding
            // step, whose output is zero.
            int step = lengths is null || lengths.Padding == SequenceSide.Pre ? steps - 1 : Math.Max(lengths[b] - 1, 0);
            rows[b] = batchFirst ? b * steps + step : step * batch + b;
        }
        return output.Reshape(batch * steps, OutputWidth).IndexSelect(rows);
    }

    /// <summary>The module and the readout: <c>RecurrentLayer(GRU(28, 128, numLayers: 2, batchFirst: true), LastStep)</c>.</summary>
    public override string ToString()
    {
        var r = Recurrent;
        var text = FormattableString.Invariant($"{r.GetType().Name}({r.InputSize}, {r.HiddenSize}");
        if (r.NumLayers != 1) text += FormattableString.Invariant($", numLayers: {r.NumLayers}");
        if (r.BatchFirst) text += ", batchFirst: true";
        if (r.Bidirectional) text += ", bidirectional: true";
        return $"RecurrentLayer({text}), {Readout})";
    }
}
