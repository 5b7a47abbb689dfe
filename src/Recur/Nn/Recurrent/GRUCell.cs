using Recur.Nn.Recurrent;

namespace Recur.Nn;

/// <summary>One GRU step (PyTorch's <c>nn.GRUCell</c>, or Cho et al.'s reset-before form): gate order r, z, n.</summary>
public sealed class GRUCell(int inputSize, int hiddenSize, bool bias = true, bool resetAfter = true, Generator? generator = null)
    : CellBase("GRUCell", TimeLoop.Gru(resetAfter), inputSize, hiddenSize, bias, generator)
{
    /// <summary>h' <c>[B, H]</c> from x <c>[B, F]</c> and h <c>[B, H]</c> (zeros when null).</summary>
    public Tensor Forward(Tensor x, Tensor? h = null) => Step(x, h, null).HN;
}
