using Recur.Nn.Keras;

namespace Recur.Nn;

/// <summary>
/// Finds, among a <see cref="Sequential"/>'s layers, a convolution followed by ReLU and global max pooling over time —
/// <see cref="Conv1d"/> → <see cref="ReLU"/> → <see cref="AdaptiveMaxPool1d"/>(1) in the same layout, or Keras'
/// <see cref="Conv1D"/>(activation: relu) → <see cref="GlobalMaxPooling1D"/> — and runs them as the one op
/// <see cref="Tensor.Conv1dReluGlobalMax(Tensor, Tensor, Tensor?, int, ValueTuple{int, int}, int, bool)"/>, which gives
/// the same values and gradients without storing the convolution's output (the text CNN's block).
/// </summary>
internal static class Conv1dReluGlobalMaxLayers
{
    /// <summary>How many layers from <paramref name="first"/> on form the block (3 or 2), or 0 when they do not.</summary>
    public static int Match(IReadOnlyList<Layer> layers, int first)
    {
        int rest = layers.Count - first - 1;
        return layers[first] switch
        {
            Conv1d conv when rest >= 2 && layers[first + 1] is ReLU
                && layers[first + 2] is AdaptiveMaxPool1d { OutputSize: 1 } pool && pool.ChannelsLast == conv.ChannelsLast => 3,
            Conv1D { Activation: "relu" } when rest >= 1 && layers[first + 1] is GlobalMaxPooling1D => 2,
            _ => 0,
        };
    }

    /// <summary>The block that <see cref="Match"/> found at <paramref name="convolution"/>, on <paramref name="input"/>.</summary>
    public static Tensor Forward(Layer convolution, Tensor input) => convolution switch
    {
        Conv1d conv => conv.ForwardReluGlobalMax(input),
        Conv1D conv => conv.CallReluGlobalMax(input),
        _ => throw new ArgumentException($"{convolution} does not start a convolution → ReLU → global max block.", nameof(convolution)),
    };
}
