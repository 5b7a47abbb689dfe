using Recur.Nn;

namespace Recur.Tests.Recurrent;

/// <summary>One call that runs any recurrent layer, for tests that cover every kind.</summary>
internal static class RecurrentLayers
{
    /// <summary>The layer's own <c>Forward</c>; <paramref name="c0"/> goes to an LSTM only.</summary>
    public static RecurrentOutput Forward(RecurrentBase layer, Tensor input, Tensor? h0, Tensor? c0, int[]? lengths) => layer switch
    {
        LSTM lstm => lstm.Forward(input, h0, c0, lengths),
        RNN rnn => rnn.Forward(input, h0, lengths),
        GRU gru => gru.Forward(input, h0, lengths),
        _ => throw new ArgumentException($"{layer.GetType().Name} is not a recurrent layer these tests know.", nameof(layer)),
    };
}
