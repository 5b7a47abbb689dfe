using Recur.Kernels;
using Recur.Tests.Kernels;
using Xunit;

namespace Recur.Tests.Convolution;

/// <summary>The convolution splits its unfolding and its GEMMs over threads; the results must not depend on it.</summary>
[Collection(nameof(KernelThreadsCollection))]
public class Conv1dThreadingTests
{
    [Theory]
    [InlineData(false, 1, 0)]
    [InlineData(true, 1, 0)]
    [InlineData(false, 2, 2)]
    [InlineData(true, 2, 2)]
    public void One_and_two_threads_give_bit_identical_outputs_and_gradients(bool channelsLast, int stride, int padding)
    {
        // The course's batch: large enough for every part to be split.
        int[] shape = channelsLast ? [64, 60, 32] : [64, 32, 60];
        Assert.True(32 * 5 * 64 * 56 / stride >= Conv1dColumns.ParallelThreshold);
        int saved = KernelThreads.Max;
        try
        {
            KernelThreads.Max = 1;
            var one = Run(shape, channelsLast, stride, padding);
            KernelThreads.Max = 2;
            var two = Run(shape, channelsLast, stride, padding);
            for (int i = 0; i < one.Length; i++)
                Assert.Equal(one[i], two[i]);
        }
        finally
        {
            KernelThreads.Max = saved;
        }
    }

    /// <summary>Output, dx, dW, db of one forward and backward from fixed seeds.</summary>
    private static float[][] Run(int[] shape, bool channelsLast, int stride, int padding)
    {
        var generator = new Generator(21);
        var x = Tensor.Randn(generator, shape);
        x.RequiresGrad = true;
        var conv = new Nn.Conv1d(32, 32, 5, stride, padding, generator: generator, channelsLast: channelsLast);
        var y = conv.Forward(x);
        y.Backward(Tensor.Randn(generator, y.Shape));
        return [y.ToArray(), x.Grad!.ToArray(), conv.Weight.Grad!.ToArray(), conv.Bias!.Grad!.ToArray()];
    }
}
