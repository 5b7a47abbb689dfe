using Recur.Nn;
using Xunit;

namespace Recur.Tests.Convolution;

/// <summary>The <see cref="Conv1d"/> module: PyTorch's parameter names, shapes and initialisation; shapes through a model.</summary>
public class Conv1dModuleTests
{
    [Fact]
    public void Conv1d_has_pytorch_state_dict_keys_and_shapes()
    {
        var state = new Conv1d(32, 64, 5).StateDict();
        Assert.Equal(["weight", "bias"], state.Keys);
        Assert.Equal([64, 32, 5], state["weight"].Shape);
        Assert.Equal([64], state["bias"].Shape);
        Assert.Equal(["weight"], new Conv1d(32, 64, 5, bias: false).StateDict().Keys);
        Assert.Equal(32 * 64 * 5 + 64, new Conv1d(32, 64, 5).ParameterCount());
    }

    [Fact]
    public void Conv1d_initialises_weight_and_bias_uniformly_within_one_over_root_fan_in()
    {
        // PyTorch: kaiming_uniform_(a=√5) on the weight is U(−1/√(C_in·k), 1/√(C_in·k)); the bias uses the same bound.
        var layer = new Conv1d(32, 64, 5, generator: new Generator(7));
        float bound = 1f / MathF.Sqrt(32 * 5);
        var w = layer.Weight.ToArray();
        Assert.All(w, v => Assert.InRange(v, -bound, bound));
        Assert.True(w.Max() > 0.98f * bound && w.Min() < -0.98f * bound, "the weight should fill the whole interval");
        Assert.InRange(w.Average(), -0.05f * bound, 0.05f * bound);
        // Variance of U(−a, a) is a²/3.
        Assert.InRange(w.Select(v => (double)v * v).Average(), 0.9 * bound * bound / 3, 1.1 * bound * bound / 3);
        Assert.All(layer.Bias!.ToArray(), v => Assert.InRange(v, -bound, bound));
    }

    [Fact]
    public void Conv1d_with_the_same_seed_starts_from_the_same_parameters()
    {
        var a = new Conv1d(4, 3, 2, generator: new Generator(9));
        var b = new Conv1d(4, 3, 2, generator: new Generator(9));
        Assert.Equal(a.Weight.ToArray(), b.Weight.ToArray());
        Assert.Equal(a.Bias!.ToArray(), b.Bias!.ToArray());
    }

    [Fact]
    public void Course_model_shapes_through_conv_relu_and_global_max_pool_in_both_layouts()
    {
        var generator = new Generator(3);
        var x = Tensor.Randn(generator, 64, 32, 60);
        var y = new Sequential(new Conv1d(32, 32, 5, generator: generator), new ReLU(), new AdaptiveMaxPool1d(1)).Forward(x);
        Assert.Equal([64, 32, 1], y.Shape);

        var channelsLast = new Sequential(new Conv1d(32, 32, 5, generator: generator, channelsLast: true), new ReLU(),
            new AdaptiveMaxPool1d(1, channelsLast: true)).Forward(Tensor.Randn(generator, 64, 60, 32));
        Assert.Equal([64, 1, 32], channelsLast.Shape);
    }

    [Fact]
    public void Conv1d_and_pooling_accept_an_empty_batch()
    {
        var x = Tensor.Zeros(0, 3, 10);
        x.RequiresGrad = true;
        var layer = new Conv1d(3, 4, 3);
        var y = Tensor.MaxPool1d(layer.Forward(x), 2);
        Assert.Equal([0, 4, 4], y.Shape);
        y.Backward(Tensor.Zeros(0, 4, 4));
        Assert.Equal([0, 3, 10], x.Grad!.Shape);
        Assert.All(layer.Weight.Grad!.ToArray(), v => Assert.Equal(0f, v));
    }

    [Fact]
    public void Conv1d_in_a_no_grad_scope_gives_the_same_values_and_records_nothing()
    {
        var layer = new Conv1d(3, 4, 3, padding: 1, generator: new Generator(5));
        var x = Tensor.Randn(new Generator(6), 2, 3, 9);
        var recorded = layer.Forward(x);
        Tensor free;
        using (new NoGradScope())
            free = layer.Forward(x);
        Assert.True(recorded.RequiresGrad);
        Assert.False(free.RequiresGrad);
        Assert.Equal(recorded.ToArray(), free.ToArray());
    }
}
