using Recur.Autograd;
using Recur.Kernels;

namespace Recur;

public sealed partial class Tensor
{
    /// <summary>
    /// A convolution, ReLU and global max pooling over time as one op — the text CNN's
    /// <c>Conv1D(filters, k, activation="relu") → GlobalMaxPooling1D</c>, or PyTorch's
    /// <c>Conv1d → ReLU → AdaptiveMaxPool1d(1)</c>: <c>out[b, o] = max_t relu(conv1d(input)[b, o, t])</c>, <c>[B, C_out]</c>
    /// (<c>[C_out]</c> for an unbatched input), with the arguments and layouts of
    /// <see cref="Conv1d(Tensor, Tensor, Tensor?, int, ValueTuple{int, int}, int, bool)"/>. Values and gradients are those of
    /// the three ops in turn (the gradient goes to the first maximum, or the last NaN, and passes ReLU only above 0); the
    /// convolution's output is never stored: each item's is reduced while it is in cache, and the backward pass visits one
    /// step per item and channel.
    /// </summary>
    /// <exception cref="ArgumentException">The shapes do not fit together, or the input is shorter than the kernel's span.</exception>
    /// <exception cref="ArgumentOutOfRangeException">stride or dilation below 1, or negative padding.</exception>
    public static Tensor Conv1dReluGlobalMax(Tensor input, Tensor weight, Tensor? bias = null, int stride = 1, int padding = 0, int dilation = 1,
        bool channelsLast = false) =>
        Conv1dReluGlobalMax(input, weight, bias, stride, (padding, padding), dilation, channelsLast);

    /// <summary>
    /// As <see cref="Conv1dReluGlobalMax(Tensor, Tensor, Tensor?, int, int, int, bool)"/> with different zero padding at the
    /// start and the end of the sequence (Keras' <c>"same"</c> and <c>"causal"</c>).
    /// </summary>
    /// <exception cref="ArgumentException">The shapes do not fit together, or the input is shorter than the kernel's span.</exception>
    /// <exception cref="ArgumentOutOfRangeException">stride or dilation below 1, or negative padding.</exception>
    public static Tensor Conv1dReluGlobalMax(Tensor input, Tensor weight, Tensor? bias, int stride, (int Start, int End) padding, int dilation = 1,
        bool channelsLast = false)
    {
        ArgumentNullException.ThrowIfNull(input);
        ArgumentNullException.ThrowIfNull(weight);
        var geometry = Conv1dGeometry.Of(input, weight, bias, stride, padding.Start, padding.End, dilation, channelsLast);
        int[] shape = geometry.Batched ? [geometry.Batch, geometry.OutChannels] : [geometry.OutChannels];
        if (!Conv1dDirect.Suits(geometry))
            // No direct kernel for this geometry or CPU: the three ops in turn give the same values and gradients.
            return AdaptiveMaxPool1d(Conv1d(input, weight, bias, stride, padding, dilation, channelsLast).Relu(), 1, channelsLast).Reshape(shape);

        var y = new Tensor(Storage.Uninitialized(geometry.Batch * geometry.OutChannels), shape);
        // positions[b, o]: the step the gradient of y[b, o] goes to, −1 where ReLU stops it.
        var positions = new int[y._data.Length];
        Conv1dDirect.ForwardReluGlobalMax(geometry, input._data, weight._data, bias is null ? default : bias._data, y._data, positions);
        Tensor[] inputs = bias is null ? [input, weight] : [input, weight, bias];
        return Tape.Record(y, "conv1d_relu_global_max", inputs, g =>
            SparseBackward(geometry, g._data, positions, input, weight, bias, TapMajor(weight._data, geometry)));
    }
}
