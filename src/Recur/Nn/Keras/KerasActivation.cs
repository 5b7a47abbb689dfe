namespace Recur.Nn.Keras;

/// <summary>The activations a Keras-style layer names by string: <c>linear</c> (or null), <c>sigmoid</c>, <c>relu</c>, <c>tanh</c>, <c>softmax</c>.</summary>
internal static class KerasActivation
{
    /// <summary>The activation's canonical name; null means <c>"linear"</c>.</summary>
    /// <exception cref="ArgumentException">An activation Recur does not know.</exception>
    public static string Check(string? activation, string layer) => activation switch
    {
        null or "linear" => "linear",
        "sigmoid" or "relu" or "tanh" or "softmax" => activation,
        _ => throw new ArgumentException(
            $"{layer}: unknown activation '{activation}'; use \"linear\", \"sigmoid\", \"relu\", \"tanh\" or \"softmax\".", nameof(activation)),
    };

    /// <summary><paramref name="y"/> through the activation (softmax over the last axis).</summary>
    public static Tensor Apply(Tensor y, string activation) => activation switch
    {
        "sigmoid" => y.Sigmoid(),
        "relu" => y.Relu(),
        "tanh" => y.Tanh(),
        "softmax" => y.Softmax(-1),
        _ => y,
    };
}
