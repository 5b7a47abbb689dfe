using Recur.Nn.Recurrent;

namespace Recur.Nn;

/// <summary>
/// Long short-term memory (PyTorch's <c>nn.LSTM</c>), gate order i, f, g, o:
/// <c>i, f, g, o = σ, σ, tanh, σ(W_ih x_t + b_ih + W_hh h_{t−1} + b_hh)</c>, <c>c_t = f ⊙ c_{t−1} + i ⊙ g</c>,
/// <c>h_t = o ⊙ tanh(c_t)</c>; stacked and optionally bidirectional.
/// </summary>
public sealed class LSTM(int inputSize, int hiddenSize, int numLayers = 1, bool bias = true, bool batchFirst = false, float dropout = 0f,
    bool bidirectional = false, Generator? generator = null)
    : RecurrentBase("LSTM", TimeLoop.Lstm(hiddenSize), inputSize, hiddenSize, numLayers, bias, batchFirst, dropout, bidirectional, generator);
