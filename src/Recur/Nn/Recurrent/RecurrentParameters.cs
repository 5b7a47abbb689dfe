namespace Recur.Nn.Recurrent;

/// <summary>Which biases a recurrent layer has.</summary>
internal enum RecurrentBias
{
    /// <summary>No bias.</summary>
    None,
    /// <summary>b_ih and b_hh, as PyTorch.</summary>
    InputAndHidden,
    /// <summary>One bias (stored as b_ih), as Keras' SimpleRNN, LSTM and reset-before GRU.</summary>
    InputOnly,
}

/// <summary>How recurrent parameters start.</summary>
internal enum RecurrentInit
{
    /// <summary>Every weight and bias U(−1/√H, 1/√H).</summary>
    PyTorch,
    /// <summary>Glorot-uniform W_ih, orthogonal W_hh, zero biases, LSTM forget-gate bias 1 (Keras' defaults).</summary>
    Keras,
}

/// <summary>Creates and registers the parameters of a recurrent stack under PyTorch's names.</summary>
internal static class RecurrentParameters
{
    /// <summary>
    /// Creates the parameters of every layer and direction (index <c>layer·D + direction</c>) and registers them through
    /// <paramref name="register"/> as <c>weight_ih</c>, <c>weight_hh</c>, <c>bias_ih</c>, <c>bias_hh</c>, with suffixes
    /// <c>_l{k}</c> and <c>_reverse</c> when <paramref name="layerSuffixes"/> (layers) or without (cells).
    /// </summary>
    public static DirectionParameters[] Create(Func<string, Tensor, Tensor> register, TimeLoop loop, int inputSize, int hidden, int layers,
        int directions, RecurrentBias bias, RecurrentInit init, Generator generator, bool layerSuffixes)
    {
        int gateRows = loop.Gates * hidden;
        float bound = 1f / MathF.Sqrt(hidden);
        var result = new DirectionParameters[layers * directions];
        for (int l = 0; l < layers; l++)
            for (int d = 0; d < directions; d++)
            {
                string suffix = layerSuffixes ? $"_l{l}{(d == 1 ? "_reverse" : "")}" : "";
                int inWidth = l == 0 ? inputSize : directions * hidden;
                Tensor weightIh, weightHh;
                Tensor? biasIh = null, biasHh = null;
                if (init == RecurrentInit.PyTorch)
                {
                    weightIh = Tensor.Uniform(generator, -bound, bound, gateRows, inWidth);
                    weightHh = Tensor.Uniform(generator, -bound, bound, gateRows, hidden);
                    if (bias != RecurrentBias.None) biasIh = Tensor.Uniform(generator, -bound, bound, gateRows);
                    if (bias == RecurrentBias.InputAndHidden) biasHh = Tensor.Uniform(generator, -bound, bound, gateRows);
                }
                else
                {
                    weightIh = Initializers.GlorotUniform(generator, gateRows, inWidth);
                    weightHh = Initializers.Orthogonal(generator, gateRows, hidden);
                    if (bias != RecurrentBias.None)
                    {
                        biasIh = Tensor.Zeros(gateRows);
                        // Keras' unit_forget_bias: the forget gate (LSTM's second block) starts open.
                        if (loop.ForgetGateBlock >= 0) biasIh.Span.Slice(loop.ForgetGateBlock * hidden, hidden).Fill(1f);
                    }
                    if (bias == RecurrentBias.InputAndHidden) biasHh = Tensor.Zeros(gateRows);
                }
                result[l * directions + d] = new DirectionParameters(
                    register("weight_ih" + suffix, weightIh),
                    register("weight_hh" + suffix, weightHh),
                    biasIh is null ? null : register("bias_ih" + suffix, biasIh),
                    biasHh is null ? null : register("bias_hh" + suffix, biasHh));
            }
        return result;
    }
}
