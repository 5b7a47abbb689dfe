using Xunit;
using Recur.Nn;
using static Recur.Tests.Parity.ParityAssert;

namespace Recur.Tests.Parity;

/// <summary>
/// <c>Nn.Linear</c> against PyTorch's <c>nn.Linear(5, 3)</c> (<c>fixtures/linear.json</c>, tools/reference/linear.py):
/// the PyTorch state_dict is loaded by its own keys, then forward and the gradients of <c>sum(out * w)</c> are compared.
/// </summary>
public sealed class LinearParityTests
{
    private static Fixture F => Fixture.Load("linear.json");

    private static Linear LoadedLayer()
    {
        var layer = new Linear(5, 3);
        layer.LoadStateDict(new Dictionary<string, Tensor>
        {
            ["weight"] = F.Tensor("weight"),
            ["bias"] = F.Tensor("bias"),
        });
        return layer;
    }

    [Fact]
    public void Linear_with_pytorch_state_dict_matches_pytorch_output()
    {
        var layer = LoadedLayer();
        var output = layer.Forward(F.Tensor("input"));
        AssertClose(F.Tensor("out"), output, "linear output");
    }

    [Fact]
    public void Linear_with_pytorch_state_dict_matches_pytorch_weight_bias_and_input_gradients()
    {
        var layer = LoadedLayer();
        var input = F.Tensor("input");
        input.RequiresGrad = true;

        var output = layer.Forward(input);
        (output * F.Tensor("w")).Sum().Backward();

        AssertClose(F.Tensor("grad.weight"), layer.Weight.Grad, "d loss / d weight");
        AssertClose(F.Tensor("grad.bias"), layer.Bias!.Grad, "d loss / d bias");
        AssertClose(F.Tensor("grad.input"), input.Grad, "d loss / d input");
    }

    [Fact]
    public void Linear_state_dict_has_pytorch_keys_shapes_and_loaded_values()
    {
        var state = LoadedLayer().StateDict();

        Assert.Equal(["bias", "weight"], state.Keys.Order(StringComparer.Ordinal));
        AssertClose(F.Tensor("weight"), state["weight"], "state_dict weight", rtol: 0, atol: 0);
        AssertClose(F.Tensor("bias"), state["bias"], "state_dict bias", rtol: 0, atol: 0);
    }
}
