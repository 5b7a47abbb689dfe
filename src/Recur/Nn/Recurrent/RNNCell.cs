using Recur.Nn.Recurrent;

namespace Recur.Nn;

/// <summary>One step of an Elman RNN: <c>h' = act(W_ih x + b_ih + W_hh h + b_hh)</c> (PyTorch's <c>nn.RNNCell</c>).</summary>
public sealed class RNNCell(int inputSize, int hiddenSize, bool bias = true, Nonlinearity nonlinearity = Nonlinearity.Tanh, Generator? generator = null)
    : CellBase("RNNCell", TimeLoop.Rnn(nonlinearity), inputSize, hiddenSize, bias, generator)
{
    /// <summary>h' <c>[B, H]</c> from x <c>[B, F]</c> and h <c>[B, H]</c> (zeros when null).</summary>
    public Tensor Forward(Tensor x, Tensor? h = null) => Step(x, h, null).HN;
}
