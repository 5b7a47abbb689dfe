using Recur.Nn.Recurrent;

namespace Recur.Nn;

/// <summary>
/// Long short-term memory (PyTorch's <c>nn.LSTM</c>), gate order i, f, g, o:
/// <c>i, f, g, o = σ, σ, tanh, σ(W_ih x_t + b_ih + W_hh h_{t−1} + b_hh)</c>, <c>c_t = f ⊙ c_{t−1} + i ⊙ g</c>,
/// <c>h_t = o ⊙ tanh(c_t)</c>; stacked and optionally bidirectional.
/// </summary>
public sealed class LSTM(int inputSize, int hiddenSize, int numLayers = 1, bool bias = true, bool batchFirst = false, float dropout = 0f,
    bool bidirectional = false, Generator? generator = null)
    : RecurrentBase("LSTM", new LstmCellMath(), inputSize, hiddenSize, numLayers, bias, batchFirst, dropout, bidirectional, generator)
{
    /// <summary>
    /// Runs the sequence <c>[T, B, F]</c> (or <c>[B, T, F]</c>) from <paramref name="h0"/> and <paramref name="c0"/>
    /// <c>[L·D, B, H]</c> (zeros when null); <paramref name="lengths"/>, when given, are the real lengths of padded sequences and the side their padding is on
    /// (a plain <c>int[]</c> means post-padding, as PyTorch's packed sequences; see <see cref="SequenceLengths"/>): outputs
    /// at padding steps are zero and a sequence's final state is its state after its last real step (its initial state
    /// when its length is 0).
    /// </summary>
    public RecurrentOutput Forward(Tensor input, Tensor? h0 = null, Tensor? c0 = null, SequenceLengths? lengths = null) => Run(input, h0, c0, lengths);
}
