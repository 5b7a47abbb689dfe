using Recur.Nn.Recurrent;

namespace Recur.Nn;

/// <summary>
/// Elman RNN (PyTorch's <c>nn.RNN</c>): <c>h_t = act(W_ih x_t + b_ih + W_hh h_{t−1} + b_hh)</c>, act = tanh or relu,
/// stacked and optionally bidirectional.
/// </summary>
public sealed class RNN(int inputSize, int hiddenSize, int numLayers = 1, Nonlinearity nonlinearity = Nonlinearity.Tanh, bool bias = true,
    bool batchFirst = false, float dropout = 0f, bool bidirectional = false, Generator? generator = null)
    : RecurrentBase("RNN", TimeLoop.Rnn(nonlinearity), inputSize, hiddenSize, numLayers, bias, batchFirst, dropout, bidirectional, generator)
{
    /// <summary>The activation.</summary>
    public Nonlinearity Nonlinearity { get; } = nonlinearity;

    /// <summary>
    /// <see cref="RecurrentBase.Forward(Tensor, Tensor?, Tensor?, SequenceLengths?)"/> without a cell state: the sequence
    /// <c>[T, B, F]</c> (or <c>[B, T, F]</c>) from <paramref name="h0"/> <c>[L·D, B, H]</c> (zeros when null), with the real
    /// <paramref name="lengths"/> of padded sequences when given.
    /// </summary>
    public RecurrentOutput Forward(Tensor input, Tensor? h0 = null, SequenceLengths? lengths = null) => base.Forward(input, h0, null, lengths);
}
