using Recur.Nn.Recurrent;

namespace Recur.Nn;

/// <summary>One LSTM step (PyTorch's <c>nn.LSTMCell</c>): gate order i, f, g, o.</summary>
public sealed class LSTMCell(int inputSize, int hiddenSize, bool bias = true, Generator? generator = null)
    : CellBase("LSTMCell", TimeLoop.Lstm(hiddenSize), inputSize, hiddenSize, bias, generator)
{
    /// <summary>(h', c') <c>[B, H]</c> from x <c>[B, F]</c> and h, c <c>[B, H]</c> (zeros when null).</summary>
    public (Tensor H, Tensor C) Forward(Tensor x, Tensor? h = null, Tensor? c = null)
    {
        var result = Step(x, h, c);
        return (result.HN, result.CN!);
    }
}
