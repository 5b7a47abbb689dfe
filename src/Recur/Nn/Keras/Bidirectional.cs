namespace Recur.Nn.Keras;

/// <summary>
/// Keras' <c>Bidirectional</c> wrapper: a forward and a backward copy of a recurrent layer's configuration (units,
/// returnSequences, returnState, bias, dropout; the wrapped layer's own weights are not used, as Keras copies only its
/// config), their outputs merged by <see cref="MergeMode"/>. With lengths, the backward copy reads each sequence's real
/// steps from its last to its first, whichever side the padding is on; many-to-one gives the forward direction's state
/// at the last real step and the backward direction's after the first. Parameters take PyTorch's names for a
/// bidirectional layer (<c>weight_ih_l0</c>, …, <c>weight_ih_l0_reverse</c>, …), twice the wrapped layer's count.
/// </summary>
public sealed class Bidirectional : KerasRecurrentLayer
{
    /// <summary>Wraps <paramref name="layer"/> (a <see cref="SimpleRNN"/>, <see cref="KerasLSTM"/> or <see cref="KerasGRU"/>).</summary>
    /// <exception cref="ArgumentException"><paramref name="layer"/> is itself bidirectional.</exception>
    public Bidirectional(KerasRecurrentLayer layer, MergeMode mergeMode = MergeMode.Concat) : base(layer, mergeMode)
    {
        WrappedLayer = layer;
        MergeMode = mergeMode;
    }

    /// <summary>The layer whose configuration both directions copy.</summary>
    public KerasRecurrentLayer WrappedLayer { get; }

    /// <summary>How the two directions' outputs are combined.</summary>
    public MergeMode MergeMode { get; }

    /// <summary>Keras' spelling: <c>Bidirectional(LSTM(32))</c>.</summary>
    public override string ToString() => $"Bidirectional({WrappedLayer})";
}
