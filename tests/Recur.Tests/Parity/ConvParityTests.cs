using Recur.Nn;
using Xunit;
using static Recur.Tests.Parity.ParityAssert;

namespace Recur.Tests.Parity;

/// <summary>
/// Convolution and pooling against <c>fixtures/conv.json</c> (tools/reference/conv.py): for each case the output and the
/// gradient of every input for <c>loss = sum(out * w)</c>, PyTorch's values in float64 rounded to float32.
/// </summary>
public sealed class ConvParityTests
{
    private static Fixture F => Fixture.Load("conv.json");

    private static readonly string[] s_conv = [
        "conv_basic", "conv_stride2_pad1", "conv_dilation2_pad2", "conv_s3_p2_d2", "conv_k1_nobias", "conv_stride_over_kernel",
        "conv_kernel_spans_padded_input", "conv_unbatched", "conv_causal", "conv_same_even_kernel", "conv_wide_channels",
        "conv_cl_basic", "conv_cl_s2_p1_d2", "conv_cl_unbatched_nobias", "conv_cl_causal"];

    private static readonly string[] s_maxPool = [
        "maxpool_k3_s1", "maxpool_k2_default_stride", "maxpool_k3_s2_p1", "maxpool_k3_d2_p1", "maxpool_ceil", "maxpool_ceil_p1",
        "maxpool_unbatched", "maxpool_cl", "maxpool_ties", "maxpool_ties_s2_p1", "maxpool_ties_d2", "maxpool_ties_cl",
        "maxpool_nan", "maxpool_nan_p1"];

    private static readonly string[] s_adaptive = [
        "adaptive_max_1", "adaptive_max_3_of_7", "adaptive_max_4_of_6", "adaptive_max_10_of_7", "adaptive_max_unbatched",
        "adaptive_max_cl", "adaptive_max_ties", "adaptive_max_ties_1", "adaptive_max_ties_cl", "adaptive_max_nan",
        "adaptive_max_nan_3", "adaptive_avg_1", "adaptive_avg_3_of_7", "adaptive_avg_10_of_7", "adaptive_avg_unbatched",
        "adaptive_avg_cl"];

    private static readonly string[] s_fused = ["fused_basic", "fused_s2_p1", "fused_cl_same", "fused_cl_course", "fused_d2"];

    public static TheoryData<string> ConvCases => new(s_conv);

    public static TheoryData<string> FusedCases => new(s_fused);

    public static TheoryData<string> MaxPoolCases => new(s_maxPool);

    public static TheoryData<string> AdaptiveCases => new(s_adaptive);

    [Theory]
    [MemberData(nameof(ConvCases))]
    public void Conv1d_matches_pytorch_output_and_input_weight_bias_gradients(string name)
    {
        var x = Leaf($"{name}.x");
        var weight = Leaf($"{name}.weight");
        var bias = F.Has($"{name}.bias") ? Leaf($"{name}.bias") : null;
        var output = Tensor.Conv1d(x, weight, bias, Option(name, "stride"),
            (Option(name, "pad_start"), Option(name, "pad_end")), Option(name, "dilation"), Option(name, "channels_last") == 1);

        CheckOutputAndGradients(name, output, ("x", x), ("weight", weight), ("bias", bias));
    }

    [Theory]
    [MemberData(nameof(MaxPoolCases))]
    public void MaxPool1d_matches_pytorch_output_and_gradient_with_ties_and_nan(string name)
    {
        var x = Leaf($"{name}.x");
        int stride = Option(name, "stride");
        var output = Tensor.MaxPool1d(x, Option(name, "kernel_size"), stride == 0 ? null : stride, Option(name, "padding"),
            Option(name, "dilation"), Option(name, "ceil_mode") == 1, Option(name, "channels_last") == 1);

        CheckOutputAndGradients(name, output, ("x", x));
    }

    [Theory]
    [MemberData(nameof(AdaptiveCases))]
    public void Adaptive_pooling_matches_pytorch_output_and_gradient(string name)
    {
        var x = Leaf($"{name}.x");
        int outputSize = Option(name, "output_size");
        bool channelsLast = Option(name, "channels_last") == 1;
        var output = name.StartsWith("adaptive_max", StringComparison.Ordinal)
            ? Tensor.AdaptiveMaxPool1d(x, outputSize, channelsLast)
            : Tensor.AdaptiveAvgPool1d(x, outputSize, channelsLast);

        CheckOutputAndGradients(name, output, ("x", x));
    }

    [Fact]
    public void Conv1d_module_loads_pytorch_state_dict_and_matches_output_and_gradients()
    {
        var layer = new Conv1d(5, 4, 3, stride: 2, padding: 1);
        layer.LoadStateDict(new Dictionary<string, Tensor> { ["weight"] = F.Tensor("module.weight"), ["bias"] = F.Tensor("module.bias") });
        var x = Leaf("module.x");

        CheckOutputAndGradients("module", layer.Forward(x), ("x", x), ("weight", layer.Weight), ("bias", layer.Bias));
    }

    [Fact]
    public void Course_conv_relu_global_max_pool_matches_pytorch_output_and_gradients()
    {
        // Keras: Conv1D(32, 5, activation="relu") → GlobalMaxPooling1D on the embedding output; here on [B, 32, 60].
        var conv = new Conv1d(32, 32, 5);
        conv.LoadStateDict(new Dictionary<string, Tensor> { ["weight"] = F.Tensor("course.weight"), ["bias"] = F.Tensor("course.bias") });
        var pool = new AdaptiveMaxPool1d(1);
        var x = Leaf("course.x");

        var output = pool.Forward(conv.Forward(x).Relu());

        CheckOutputAndGradients("course", output, ("x", x), ("weight", conv.Weight), ("bias", conv.Bias));
    }

    [Fact]
    public void Course_model_channels_last_matches_pytorch_output_and_gradients()
    {
        // The same model on the embedding's own layout [B, L, C], as the Keras-style layers call it.
        var conv = new Conv1d(32, 32, 5, channelsLast: true);
        conv.LoadStateDict(new Dictionary<string, Tensor> { ["weight"] = F.Tensor("course.weight"), ["bias"] = F.Tensor("course.bias") });
        var x = SwapLastAxes(F.Tensor("course.x"));
        x.RequiresGrad = true;

        var output = Tensor.AdaptiveMaxPool1d(conv.Forward(x).Relu(), 1, channelsLast: true);
        Assert.Equal([2, 1, 32], output.Shape);
        // [B, 1, C] has the same element order as PyTorch's [B, C, 1].
        AssertClose(F.Tensor("course.out").Reshape(2, 1, 32), output, "course channels-last: output", atol: 1e-5);
        output.Backward(F.Tensor("course.w").Reshape(2, 1, 32));
        AssertClose(SwapLastAxes(F.Tensor("course.grad.x")), x.Grad, "course channels-last: d loss / d x", atol: 1e-5);
        AssertClose(F.Tensor("course.grad.weight"), conv.Weight.Grad, "course channels-last: d loss / d weight", atol: 1e-5);
        AssertClose(F.Tensor("course.grad.bias"), conv.Bias!.Grad, "course channels-last: d loss / d bias", atol: 1e-5);
    }

    [Theory]
    [MemberData(nameof(FusedCases))]
    public void Conv1d_relu_global_max_as_one_op_matches_pytorch_output_and_gradients(string name)
    {
        var x = Leaf($"{name}.x");
        var weight = Leaf($"{name}.weight");
        var bias = Leaf($"{name}.bias");
        var output = Tensor.Conv1dReluGlobalMax(x, weight, bias, Option(name, "stride"),
            (Option(name, "pad_start"), Option(name, "pad_end")), Option(name, "dilation"), Option(name, "channels_last") == 1);

        CheckOutputAndGradients(name, output, ("x", x), ("weight", weight), ("bias", bias));
    }

    [Fact]
    public void Keras_conv_relu_then_global_max_pooling_in_a_sequential_is_one_op_with_pytorch_values()
    {
        // The text CNN's block as the Keras-style layers write it: Sequential runs it as Tensor.Conv1dReluGlobalMax.
        var model = new Sequential(new Nn.Keras.Conv1D(32, 5, activation: "relu"), new Nn.Keras.GlobalMaxPooling1D());
        model.LoadStateDict(new Dictionary<string, Tensor>
        {
            ["0.weight"] = F.Tensor("fused_cl_course.weight"), ["0.bias"] = F.Tensor("fused_cl_course.bias"),
        });
        var x = Leaf("fused_cl_course.x");

        var output = model.Forward(x);

        Assert.Equal("conv1d_relu_global_max", output.GradFn!.Op);
        var conv = (Nn.Keras.Conv1D)model.Layers[0];
        CheckOutputAndGradients("fused_cl_course", output, ("x", x), ("weight", conv.Weight), ("bias", conv.Bias));
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Conv1d_relu_adaptive_max_pool_in_a_sequential_is_one_op_with_pytorch_values(bool channelsLast)
    {
        // PyTorch's nn.Sequential(nn.Conv1d, nn.ReLU, nn.AdaptiveMaxPool1d(1)), in either layout.
        var model = new Sequential(new Conv1d(32, 32, 5, channelsLast: channelsLast), new ReLU(), new AdaptiveMaxPool1d(1, channelsLast));
        model.LoadStateDict(new Dictionary<string, Tensor>
        {
            ["0.weight"] = F.Tensor("fused_cl_course.weight"), ["0.bias"] = F.Tensor("fused_cl_course.bias"),
        });
        var x = F.Tensor("fused_cl_course.x");
        if (!channelsLast) x = SwapLastAxes(x);
        x.RequiresGrad = true;

        var output = model.Forward(x);

        Assert.Equal(channelsLast ? [2, 1, 32] : [2, 32, 1], output.Shape);
        Assert.Equal("conv1d_relu_global_max", output.GradFn!.Inputs[0].GradFn!.Op);
        AssertClose(F.Tensor("fused_cl_course.out").Reshape(output.Shape), output, "fused in Sequential: output", atol: 1e-5);
        output.Backward(F.Tensor("fused_cl_course.w").Reshape(output.Shape));
        var dx = F.Tensor("fused_cl_course.grad.x");
        AssertClose(channelsLast ? dx : SwapLastAxes(dx), x.Grad, "fused in Sequential: d loss / d x", atol: 1e-5);
        var conv = (Conv1d)model.Layers[0];
        AssertClose(F.Tensor("fused_cl_course.grad.weight"), conv.Weight.Grad, "fused in Sequential: d loss / d weight", atol: 1e-5);
        AssertClose(F.Tensor("fused_cl_course.grad.bias"), conv.Bias!.Grad, "fused in Sequential: d loss / d bias", atol: 1e-5);
    }

    [Fact]
    public void Every_fixture_case_is_checked()
    {
        var tested = s_conv.Concat(s_maxPool).Concat(s_adaptive).Concat(s_fused).Concat(["module", "course"]).ToHashSet();
        var inFixture = F.Names.Where(n => n.EndsWith(".out", StringComparison.Ordinal)).Select(n => n[..^4]).ToHashSet();
        Assert.Equal(inFixture.Order(), tested.Order());
    }

    /// <summary>Compares the output, back-propagates the fixture's w, and compares each named input's gradient.</summary>
    private static void CheckOutputAndGradients(string name, Tensor output, params (string Name, Tensor? Leaf)[] inputs)
    {
        AssertClose(WithNaN($"{name}.out"), output, $"{name}: output", atol: 1e-5);
        output.Backward(F.Tensor($"{name}.w"));
        foreach (var (inputName, leaf) in inputs)
        {
            if (leaf is null)
                Assert.False(F.Has($"{name}.grad.{inputName}"), $"{name}: PyTorch has a gradient for {inputName} but Recur has no such input.");
            else
                AssertClose(F.Tensor($"{name}.grad.{inputName}"), leaf.Grad, $"{name}: d loss / d {inputName}", atol: 1e-5);
        }
    }

    private static int Option(string name, string option) => (int)F.Scalar($"{name}.{option}");

    /// <summary>The fixture tensor as a leaf that requires grad, with NaN restored where the case has a NaN mask.</summary>
    private static Tensor Leaf(string key)
    {
        var t = WithNaN(key);
        t.RequiresGrad = true;
        return t;
    }

    private static Tensor WithNaN(string key)
    {
        var t = F.Tensor(key);
        if (F.Has($"{key}_nan"))
        {
            var mask = F.Tensor($"{key}_nan").ToArray();
            for (int i = 0; i < mask.Length; i++)
                if (mask[i] == 1f) t.Span[i] = float.NaN;
        }
        return t;
    }

    /// <summary>[B, C, L] → [B, L, C] by copying.</summary>
    private static Tensor SwapLastAxes(Tensor t)
    {
        int b = t.Dim(0), rows = t.Dim(1), cols = t.Dim(2);
        var result = Tensor.Zeros(b, cols, rows);
        for (int i = 0; i < b; i++)
            for (int r = 0; r < rows; r++)
                for (int c = 0; c < cols; c++)
                    result.Span[(i * cols + c) * rows + r] = t.Span[(i * rows + r) * cols + c];
        return result;
    }
}
