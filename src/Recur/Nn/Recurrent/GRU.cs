using Recur.Nn.Recurrent;

namespace Recur.Nn;

/// <summary>
/// Gated recurrent unit (PyTorch's <c>nn.GRU</c>), gate order r, z, n:
/// <c>r = σ(W_ir x + b_ir + W_hr h + b_hr)</c>, <c>z = σ(W_iz x + b_iz + W_hz h + b_hz)</c>,
/// <c>n = tanh(W_in x + b_in + r ⊙ (W_hn h + b_hn))</c>, <c>h_t = (1 − z) ⊙ n + z ⊙ h_{t−1}</c>.
/// </summary>
/// <remarks>
/// With <c>resetAfter: false</c> the reset gate acts before the recurrent product, as in Cho et al. (2014) and the course
/// slides (<c>h~ = tanh(W (r ⊙ h) + U x)</c>): <c>n = tanh(W_in x + b_in + W_hn (r ⊙ h_{t−1}) + b_hn)</c>; Keras calls this
/// <c>reset_after=False</c>. The slides' update gate u is <c>1 − z</c>: they write <c>h_t = (1 − u) ⊙ h_{t−1} + u ⊙ h~</c>,
/// which is the same model with u = 1 − z. Parameter names and layouts are PyTorch's in both modes.
/// </remarks>
public sealed class GRU(int inputSize, int hiddenSize, int numLayers = 1, bool bias = true, bool batchFirst = false, float dropout = 0f,
    bool bidirectional = false, bool resetAfter = true, Generator? generator = null)
    : RecurrentBase("GRU", TimeLoop.Gru(resetAfter), inputSize, hiddenSize, numLayers, bias, batchFirst, dropout, bidirectional, generator)
{
    /// <summary>True for PyTorch's form (reset gate applied after W_hn h); false for Cho et al.'s.</summary>
    public bool ResetAfter { get; } = resetAfter;

    /// <summary>
    /// <see cref="RecurrentBase.Forward(Tensor, Tensor?, Tensor?, SequenceLengths?)"/> without a cell state: the sequence
    /// <c>[T, B, F]</c> (or <c>[B, T, F]</c>) from <paramref name="h0"/> <c>[L·D, B, H]</c> (zeros when null), with the real
    /// <paramref name="lengths"/> of padded sequences when given.
    /// </summary>
    public RecurrentOutput Forward(Tensor input, Tensor? h0 = null, SequenceLengths? lengths = null) => base.Forward(input, h0, null, lengths);
}
