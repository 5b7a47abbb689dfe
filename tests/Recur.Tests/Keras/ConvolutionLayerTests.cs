using Recur.Tests.GradientChecks;
using Recur.Nn;
using Recur.Training;
using K = Recur.Nn.Keras;

namespace Recur.Tests.Keras;

/// <summary>
/// Keras' <c>Conv1D</c>, <c>GlobalMaxPooling1D</c> and <c>GlobalAveragePooling1D</c> on <c>[B, L, C]</c>: a double-precision
/// reference written from Keras' definitions (TensorFlow's "same" padding rule included), finite differences, and the
/// course's CNN summary.
/// </summary>
public class ConvolutionLayerTests
{
    public static TheoryData<string, int, int, int, int> Convolutions() => new()
    {
        // padding, length, kernel, stride, dilation
        { "valid", 9, 3, 1, 1 },
        { "valid", 10, 3, 2, 2 },
        { "same", 9, 4, 1, 1 },    // 3 zeros: 1 before, 2 after
        { "same", 5, 2, 2, 1 },    // ⌈5/2⌉ = 3 outputs, 1 zero after
        { "same", 8, 3, 3, 2 },
        { "causal", 7, 3, 1, 2 },  // 4 zeros before
    };

    [Theory]
    [MemberData(nameof(Convolutions))]
    public void Conv1D_matches_the_keras_definition_and_finite_differences(string padding, int length, int kernel, int stride, int dilation)
    {
        const int B = 2, C = 3, Filters = 4;
        var conv = new K.Conv1D(Filters, kernel, stride, padding, "tanh", dilation, generator: new Generator(3));
        var x = Tensor.Uniform(new Generator(4), -1f, 1f, B, length, C);
        x.RequiresGrad = true;
        conv.Build(null, length, C);
        var leaves = new[] { new CheckLeaf("x", x), new CheckLeaf("weight", conv.Weight), new CheckLeaf("bias", conv.Bias!) };
        // Keras gives ⌈L/s⌉ outputs for "same" (TensorFlow pads ⌊total/2⌋ zeros before, the rest after) and ⌈L/s⌉ for "causal".
        int outputs = padding == "valid" ? (length - dilation * (kernel - 1) - 1) / stride + 1 : (length + stride - 1) / stride;
        int total = padding == "valid" ? 0 : Math.Max((outputs - 1) * stride + dilation * (kernel - 1) + 1 - length, 0);
        int before = padding == "causal" ? dilation * (kernel - 1) : total / 2;

        GradientCheck.AgainstReference($"Conv1D({Filters}, {kernel}, strides {stride}, {padding}, dilation {dilation})", () => conv.Forward(x), t =>
        {
            var (input, weight, bias) = (t[0], t[1], t[2]);
            var y = DoubleTensor.Zeros(B, outputs, Filters);
            for (int b = 0; b < B; b++)
                for (int o = 0; o < outputs; o++)
                    for (int f = 0; f < Filters; f++)
                    {
                        double sum = bias[f];
                        for (int j = 0; j < kernel; j++)
                        {
                            int step = o * stride + j * dilation - before;
                            if (step < 0 || step >= length) continue;
                            for (int c = 0; c < C; c++) sum += input[b, step, c] * weight[f, c, j];
                        }
                        y[b, o, f] = Math.Tanh(sum);
                    }
            return y;
        }, GradientCheckOptions.Default, leaves);
    }

    [Fact]
    public void Global_max_pooling_takes_each_channel_s_largest_step_and_sends_the_gradient_there()
    {
        var x = Tensor.Uniform(new Generator(8), -1f, 1f, 3, 7, 4);
        x.RequiresGrad = true;
        GradientCheck.AgainstReference("GlobalMaxPooling1D", () => new K.GlobalMaxPooling1D().Forward(x), t =>
        {
            var y = DoubleTensor.Zeros(3, 4);
            for (int b = 0; b < 3; b++)
                for (int c = 0; c < 4; c++)
                    y[b, c] = Enumerable.Range(0, 7).Max(s => t[0][b, s, c]);
            return y;
        }, GradientCheckOptions.Default, new CheckLeaf("x", x));
    }

    [Fact]
    public void Global_average_pooling_takes_each_channel_s_mean_over_time()
    {
        var x = Tensor.Uniform(new Generator(9), -1f, 1f, 2, 5, 3);
        x.RequiresGrad = true;
        GradientCheck.AgainstReference("GlobalAveragePooling1D", () => new K.GlobalAveragePooling1D().Forward(x), t =>
        {
            var y = DoubleTensor.Zeros(2, 3);
            for (int b = 0; b < 2; b++)
                for (int c = 0; c < 3; c++)
                    y[b, c] = Enumerable.Range(0, 5).Average(s => t[0][b, s, c]);
            return y;
        }, GradientCheckOptions.Default, new CheckLeaf("x", x));
    }

    [Fact]
    public void Course_cnn_summary_is_keras_table_with_the_slide_s_counts()
    {
        var model = new Sequential(new Embedding(4013, 32, inputLength: 60), new Dropout(0.2f), new K.Conv1D(32, 5, activation: "relu"),
            new K.GlobalMaxPooling1D(), new K.Dense(64, "relu"), new Dropout(0.2f), new K.Dense(1, "sigmoid"));

        var summary = model.Summary();

        Assert.Equal([128_416L, 0, 5_152, 0, 2_112, 0, 65], summary.Rows.Select(r => r.Parameters));
        Assert.Equal(135_745, summary.TotalParameters);
        Assert.Equal(
            ["embedding (Embedding)", "dropout (Dropout)", "conv1d (Conv1D)", "global_max_pooling1d (GlobalMaxPooling1D)", "dense (Dense)",
             "dropout_1 (Dropout)", "dense_1 (Dense)"],
            summary.Rows.Select(r => $"{r.Name} ({r.Type})"));
        Assert.Equal(["(None, 60, 32)", "(None, 60, 32)", "(None, 56, 32)", "(None, 32)", "(None, 64)", "(None, 64)", "(None, 1)"],
            summary.Rows.Select(r => LayerShape.Format(r.OutputShape!)));
        Assert.Contains("Total params: 135,745", summary.ToString());
    }

    [Fact]
    public void Conv1D_refuses_bad_arguments_and_inputs_with_clear_messages()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new K.Conv1D(0, 3));
        Assert.Contains("padding must be", Assert.Throws<ArgumentException>(() => new K.Conv1D(4, 3, padding: "full")).Message);
        Assert.Contains("unknown activation 'gelu'", Assert.Throws<ArgumentException>(() => new K.Conv1D(4, 3, activation: "gelu")).Message);
        var conv = new K.Conv1D(4, 5, inputChannels: 3);
        Assert.Contains("shorter than the kernel's span of 5 steps", Assert.Throws<ArgumentException>(() => conv.Forward(Tensor.Zeros(2, 4, 3))).Message);
        Assert.Contains("expects 3 input channels", Assert.Throws<ArgumentException>(() => conv.Forward(Tensor.Zeros(2, 9, 2))).Message);
        Assert.Throws<InvalidOperationException>(() => new K.Conv1D(4, 3).Weight);
    }

    [Fact]
    public void Conv1D_builds_from_a_state_dict_and_gives_the_same_outputs()
    {
        var trained = new Sequential(new K.Conv1D(4, 3, padding: "same", activation: "relu", generator: new Generator(1)), new K.GlobalMaxPooling1D());
        var x = Tensor.Uniform(new Generator(2), -1f, 1f, 2, 6, 3);
        var expected = trained.Forward(x).ToArray();

        var loaded = new Sequential(new K.Conv1D(4, 3, padding: "same", activation: "relu"), new K.GlobalMaxPooling1D());
        loaded.LoadStateDict(trained.StateDict());

        Assert.Equal(expected, loaded.Forward(x).ToArray());
    }
}
