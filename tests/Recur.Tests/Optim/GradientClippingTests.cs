using Recur.Kernels;
using Recur.Optim;
using Xunit;

namespace Recur.Tests.Optim;

/// <summary>clip_grad_norm_ over several gradients: the norm summed in double, the scale PyTorch's, gradients without a norm left alone.</summary>
public class GradientClippingTests
{
    [Theory]
    [InlineData(1)]
    [InlineData(31)]
    [InlineData(33)]
    [InlineData(1000)]
    [InlineData(100_003)]
    public void The_squared_sum_equals_a_plain_double_loop(int length)
    {
        var random = new Random(length);
        var x = Enumerable.Range(0, length).Select(_ => (float)(random.NextDouble() * 2 - 1) * 1e-3f).ToArray();
        double reference = 0;
        foreach (float v in x) reference += (double)v * v;
        Assert.Equal(reference, SquaredSum.Of(x), reference * 1e-13);
    }

    [Fact]
    public void Gradients_above_the_norm_are_scaled_together_and_the_norm_before_clipping_is_returned()
    {
        var a = Parameter([3f, 0f]);
        var b = Parameter([0f, 4f, 0f]);
        var untouched = Tensor.Zeros(2);
        untouched.RequiresGrad = true;
        float norm = GradientClipping.ClipGradNorm([a, b, untouched], 1f);
        Assert.Equal(5f, norm);
        float scale = 1f / (5f + 1e-6f);
        Assert.Equal([3f * scale, 0f], a.Grad!.ToArray());
        Assert.Equal([0f, 4f * scale, 0f], b.Grad!.ToArray());
        Assert.Null(untouched.Grad);
    }

    [Fact]
    public void Gradients_within_the_norm_are_left_alone()
    {
        var a = Parameter([0.3f, -0.4f]);
        Assert.Equal(0.5f, GradientClipping.ClipGradNorm(new List<Tensor> { a }.Select(t => t), 5f), 6);
        Assert.Equal([0.3f, -0.4f], a.Grad!.ToArray());
    }

    private static Tensor Parameter(float[] gradient)
    {
        var t = Tensor.Zeros(gradient.Length);
        t.RequiresGrad = true;
        t.Grad = Tensor.FromArray(gradient, gradient.Length);
        return t;
    }
}
