using Recur.Tasks.Foundations;

namespace Recur.Tests.Foundations;

public class XorNetworkTests
{
    [Theory]
    [InlineData(0UL)]
    [InlineData(1UL)]
    [InlineData(7UL)]
    public void Two_three_one_sigmoid_network_separates_xor(ulong seed)
    {
        var result = XorNetwork.Train(seed);

        Assert.True(result.Separated, $"seed {seed}: predictions {string.Join(", ", result.Predictions)}");
        Assert.True(result.LossCurve[^1] < result.LossCurve[0]);
        Assert.Equal(result.Steps - 1, result.CurveSteps[^1]);
        Assert.Equal(result.LossCurve.Length, result.CurveSteps.Length);
    }

    [Fact]
    public void Same_seed_gives_the_same_loss_curve_bit_for_bit()
    {
        var a = XorNetwork.Train(3, maxSteps: 500);
        var b = XorNetwork.Train(3, maxSteps: 500);

        Assert.Equal(a.LossCurve, b.LossCurve);
    }

    [Fact]
    public void Network_has_the_course_shape_and_pytorch_names()
    {
        var model = XorNetwork.Build(new Generator(0));

        Assert.Equal(["0.weight", "0.bias", "2.weight", "2.bias"], model.NamedParameters().Select(p => p.Name));
        Assert.Equal(13, model.ParameterCount()); // 2·3 + 3 + 3·1 + 1
    }
}
