using Recur.Nn.Recurrent;

namespace Recur.Nn.Keras;

/// <summary>
/// Keras' <c>SimpleRNN</c>: <c>h_t = act(x_t W + h_{t−1} U + b)</c>, one bias. <c>SimpleRNN(32)</c> builds itself for
/// the feature size of its first input; <paramref name="inputSize"/> (by name) builds it at once.
/// </summary>
public sealed class SimpleRNN(int units, bool returnSequences = false, bool returnState = false, Nonlinearity activation = Nonlinearity.Tanh,
    bool useBias = true, float dropout = 0f, Generator? generator = null, int? inputSize = null)
    : KerasRecurrentLayer("SimpleRNN", TimeLoop.Rnn(activation), units, returnSequences, returnState, useBias, hiddenBias: false, dropout,
        generator, inputSize)
{
    /// <summary>The activation.</summary>
    public Nonlinearity Activation { get; } = activation;
}
