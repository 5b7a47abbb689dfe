using Recur.Kernels;
using Recur.Nn;
using Recur.Tests.Kernels;
using Xunit;

namespace Recur.Tests.Convolution;

/// <summary>
/// <see cref="Tensor.Conv1dReluGlobalMax(Tensor, Tensor, Tensor?, int, ValueTuple{int, int}, int, bool)"/> against the three
/// ops it fuses on the course's batch, across thread counts, and where <see cref="Sequential"/> uses it.
/// </summary>
[Collection(nameof(KernelThreadsCollection))]
public class Conv1dReluGlobalMaxTests
{
    [Theory]
    [InlineData(false, 1, 0)]
    [InlineData(true, 1, 0)]
    [InlineData(false, 2, 2)]
    [InlineData(true, 1, 2)]
    public void Fused_op_gives_the_values_and_gradients_of_conv_relu_and_global_max_in_turn(bool channelsLast, int stride, int padding)
    {
        var (fused, fusedGradients) = Run(channelsLast, stride, padding, fusedOp: true);
        var (ops, opGradients) = Run(channelsLast, stride, padding, fusedOp: false);
        // Both read the same convolution's output: the maxima are the same bits. The gradients add the same terms in
        // another order.
        Assert.Equal(ops, fused);
        for (int i = 0; i < opGradients.Length; i++)
            for (int j = 0; j < opGradients[i].Length; j++)
                Assert.True(Math.Abs(opGradients[i][j] - fusedGradients[i][j]) <= 1e-6f * (1 + Math.Abs(opGradients[i][j])),
                    $"gradient {i}, element {j}: {fusedGradients[i][j]} fused, {opGradients[i][j]} in turn");
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void One_and_two_threads_give_bit_identical_maxima_and_gradients(bool channelsLast)
    {
        int saved = KernelThreads.Max;
        try
        {
            KernelThreads.Max = 1;
            var (one, oneGradients) = Run(channelsLast, 1, 0, fusedOp: true);
            KernelThreads.Max = 2;
            var (two, twoGradients) = Run(channelsLast, 1, 0, fusedOp: true);
            Assert.Equal(one, two);
            for (int i = 0; i < oneGradients.Length; i++) Assert.Equal(oneGradients[i], twoGradients[i]);
        }
        finally
        {
            KernelThreads.Max = saved;
        }
    }

    [Fact]
    public void A_channel_whose_maximum_is_not_above_zero_outputs_zero_and_passes_no_gradient()
    {
        // Weight 0 and bias −1 for channel 0: every step is −1, ReLU makes it 0 and stops the gradient.
        var x = Tensor.Randn(new Generator(5), 2, 3, 9);
        x.RequiresGrad = true;
        var weight = Tensor.Randn(new Generator(6), 2, 3, 3);
        for (int i = 0; i < 9; i++) weight.Span[i] = 0f;
        weight.RequiresGrad = true;
        var bias = Tensor.FromArray([-1f, 10f], 2);
        bias.RequiresGrad = true;

        var y = Tensor.Conv1dReluGlobalMax(x, weight, bias);
        y.Backward(Tensor.Ones(2, 2));

        Assert.Equal(0f, y.Span[0]);
        Assert.Equal(0f, y.Span[2]);
        Assert.Equal(0f, bias.Grad!.Span[0]);
        Assert.Equal(2f, bias.Grad!.Span[1]);
        Assert.All(weight.Grad!.ToArray()[..9], g => Assert.Equal(0f, g));
    }

    [Fact]
    public void Sequential_fuses_only_a_global_max_pool_in_the_convolutions_layout()
    {
        var x = Tensor.Randn(new Generator(7), 2, 4, 12);
        x.RequiresGrad = true;
        var fused = new Sequential(new Conv1d(4, 3, 3), new ReLU(), new AdaptiveMaxPool1d(1));
        Assert.Contains("conv1d_relu_global_max", OpsOf(fused.Forward(x)));
        var twoBins = new Sequential(new Conv1d(4, 3, 3), new ReLU(), new AdaptiveMaxPool1d(2));
        Assert.DoesNotContain("conv1d_relu_global_max", OpsOf(twoBins.Forward(x)));
        var withoutRelu = new Sequential(new Conv1d(4, 3, 3), new AdaptiveMaxPool1d(1));
        Assert.DoesNotContain("conv1d_relu_global_max", OpsOf(withoutRelu.Forward(x)));
        var tanh = new Sequential(new Nn.Keras.Conv1D(3, 3, activation: "tanh"), new Nn.Keras.GlobalMaxPooling1D());
        Assert.DoesNotContain("conv1d_relu_global_max", OpsOf(tanh.Forward(Tensor.Randn(new Generator(8), 2, 12, 4))));
    }

    /// <summary>The names of the ops that computed <paramref name="output"/>.</summary>
    private static HashSet<string> OpsOf(Tensor output)
    {
        var ops = new HashSet<string>();
        var seen = new HashSet<Tensor>(ReferenceEqualityComparer.Instance);
        var pending = new Stack<Tensor>([output]);
        while (pending.TryPop(out var tensor))
            if (seen.Add(tensor) && tensor.GradFn is { } node)
            {
                ops.Add(node.Op);
                foreach (var input in node.Inputs) pending.Push(input);
            }
        return ops;
    }

    [Theory]
    [InlineData(37, 21, false)]
    [InlineData(32, 60, true)]
    [InlineData(5, 3, true)]
    public void Block_transpose_moves_every_element_once(int rows, int cols, bool accumulate)
    {
        var source = Tensor.Randn(new Generator(9), rows, cols).ToArray();
        var target = Tensor.Randn(new Generator(10), cols, rows + 2).ToArray();
        var expected = (float[])target.Clone();
        for (int i = 0; i < rows; i++)
            for (int j = 0; j < cols; j++)
                expected[j * (rows + 2) + i] = (accumulate ? expected[j * (rows + 2) + i] : 0f) + source[i * cols + j];
        unsafe
        {
            fixed (float* s = source, t = target)
                BlockTranspose.Run(s, cols, rows, cols, t, rows + 2, accumulate);
        }
        Assert.Equal(expected, target);
    }

    /// <summary>The course's block on seeded data, fused or as three ops: maxima [B, C_out] and the gradients of x, weight, bias.</summary>
    private static (float[] Maxima, float[][] Gradients) Run(bool channelsLast, int stride, int padding, bool fusedOp)
    {
        var generator = new Generator(23);
        var x = Tensor.Randn(generator, channelsLast ? [64, 60, 32] : [64, 32, 60]);
        x.RequiresGrad = true;
        var conv = new Conv1d(32, 32, 5, stride, padding, generator: generator, channelsLast: channelsLast);
        var y = fusedOp
            ? Tensor.Conv1dReluGlobalMax(x, conv.Weight, conv.Bias, stride, padding, channelsLast: channelsLast)
            : Tensor.AdaptiveMaxPool1d(conv.Forward(x).Relu(), 1, channelsLast).Reshape(64, 32);
        y.Backward(Tensor.Randn(generator, 64, 32));
        return (y.ToArray(), [x.Grad!.ToArray(), conv.Weight.Grad!.ToArray(), conv.Bias!.Grad!.ToArray()]);
    }
}
