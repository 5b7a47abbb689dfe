namespace Recur.Nn;

/// <summary>The activation of a vanilla RNN: <c>h_t = act(W_ih x_t + b_ih + W_hh h_{t−1} + b_hh)</c>.</summary>
public enum Nonlinearity
{
    /// <summary>tanh (PyTorch's and Keras' default).</summary>
    Tanh,

    /// <summary>max(x, 0).</summary>
    Relu,
}
