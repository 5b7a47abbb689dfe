using Recur.Nn;
using Recur.Tests.GradientChecks;
using K = Recur.Nn.Keras;

namespace Recur.Tests.Keras;

/// <summary>
/// Keras' <c>Dense</c>: its gradient is the derivative of its forward (finite differences in double), it computes what a
/// PyTorch-style <c>Linear</c> followed by the activation computes, and it starts and counts as Keras' does.
/// </summary>
public class DenseTests
{
    private static DoubleTensor Activate(string activation, DoubleTensor y) => activation switch
    {
        "sigmoid" => y.Map(v => 1 / (1 + Math.Exp(-v))),
        "relu" => y.Map(v => Math.Max(v, 0)),
        "tanh" => y.Map(Math.Tanh),
        "softmax" => y.MapLanes(y.Rank - 1, lane =>
        {
            double max = lane.Max();
            var e = lane.Select(v => Math.Exp(v - max)).ToArray();
            double sum = e.Sum();
            return e.Select(v => v / sum).ToArray();
        }),
        _ => y,
    };

    [Theory]
    [InlineData("linear", true)]
    [InlineData("sigmoid", true)]
    [InlineData("relu", true)]
    [InlineData("tanh", false)]
    [InlineData("softmax", true)]
    public void Dense_gradient_matches_finite_differences(string activation, bool bias)
    {
        var dense = new K.Dense(3, activation: activation, useBias: bias, generator: new Generator(5));
        // Inputs away from zero keep relu's pre-activations off its kink at this step size.
        var x = Tensor.FromArray(CheckInput.AwayFromZero("x", 6, 0.2, 1.0, 2, 4, 5).Values, 2, 4, 5);
        x.RequiresGrad = true;
        dense.Forward(x);   // builds the layer
        var leaves = new List<CheckLeaf> { new("x", x), new("weight", dense.Weight) };
        if (bias) leaves.Add(new("bias", dense.Bias!));

        GradientCheck.AgainstReference($"Dense(3, activation: {activation}, useBias: {bias})", () => dense.Forward(x),
            t => Activate(activation, ModuleGradientTests.LinearReference(t[0], t[1], bias ? t[2] : null)),
            GradientCheckOptions.Default, [.. leaves]);
    }

    [Theory]
    [InlineData("sigmoid")]
    [InlineData("softmax")]
    public void Dense_equals_linear_followed_by_the_activation_with_the_same_weights(string activation)
    {
        var dense = new K.Dense(4, activation: activation, generator: new Generator(1));
        var linear = new Linear(6, 4, generator: new Generator(2));
        Layer act = activation == "sigmoid" ? new Sigmoid() : new Softmax();
        var x = Tensor.Uniform(new Generator(3), -2f, 2f, 3, 6);
        var xDense = x.Clone();
        xDense.RequiresGrad = true;
        var xLinear = x.Clone();
        xLinear.RequiresGrad = true;
        var w = Tensor.Uniform(new Generator(4), -1f, 1f, 3, 4);

        var yDense = dense.Forward(xDense);
        linear.LoadStateDict(dense.StateDict());
        var yLinear = act.Forward(linear.Forward(xLinear));
        (yDense * w).Sum().Backward();
        (yLinear * w).Sum().Backward();

        Assert.Equal(yLinear.ToArray(), yDense.ToArray());
        Assert.Equal(xLinear.Grad!.ToArray(), xDense.Grad!.ToArray());
        Assert.Equal(linear.Weight.Grad!.ToArray(), dense.Weight.Grad!.ToArray());
        Assert.Equal(linear.Bias!.Grad!.ToArray(), dense.Bias!.Grad!.ToArray());
    }

    [Fact]
    public void Dense_starts_glorot_uniform_with_zero_bias_and_has_keras_parameter_count()
    {
        var dense = new K.Dense(64, generator: new Generator(9), inputSize: 200);
        float limit = MathF.Sqrt(6f / (200 + 64));
        var weight = dense.Weight.ToArray();

        Assert.Equal([64, 200], dense.Weight.Shape);
        Assert.All(weight, v => Assert.InRange(v, -limit, limit));
        // U(−l, l) has variance l²/3; 12,800 draws pin it within a few percent.
        double variance = weight.Select(v => (double)v * v).Average();
        Assert.InRange(variance, 0.95 * limit * limit / 3, 1.05 * limit * limit / 3);
        Assert.All(dense.Bias!.ToArray(), v => Assert.Equal(0f, v));
        // Keras: in·units + units.
        Assert.Equal(200 * 64 + 64, dense.ParameterCount());
        Assert.Equal(["weight", "bias"], dense.StateDict().Keys);
        Assert.Equal(200 * 64, new K.Dense(64, useBias: false, inputSize: 200).ParameterCount());
    }

    [Fact]
    public void Dense_acts_on_the_last_dimension_of_a_sequence()
    {
        var dense = new K.Dense(2, activation: "tanh", generator: new Generator(1));
        var x = Tensor.Uniform(new Generator(2), -1f, 1f, 3, 5, 4);

        var y = dense.Forward(x);

        Assert.Equal([3, 5, 2], y.Shape);
        Assert.Equal([null, 5, 4], dense.BuildInputShape);
        Assert.Equal([null, 5, 2], dense.ComputeOutputShape([null, 5, 4]));
        var step = dense.Forward(x.Select(1, 3));
        for (int b = 0; b < 3; b++)
            for (int k = 0; k < 2; k++)
                Assert.Equal(y[b, 3, k], step[b, k]);
    }

    [Fact]
    public void Dense_refuses_bad_arguments_and_inputs_with_clear_messages()
    {
        var unknown = Assert.Throws<ArgumentException>(() => new K.Dense(1, activation: "gelu"));
        Assert.Contains("'gelu'", unknown.Message);
        Assert.Contains("\"sigmoid\"", unknown.Message);
        Assert.Throws<ArgumentOutOfRangeException>(() => new K.Dense(0));
        Assert.Throws<ArgumentOutOfRangeException>(() => new K.Dense(1, inputSize: 0));

        var dense = new K.Dense(3, inputSize: 4);
        var wrong = Assert.Throws<ArgumentException>(() => dense.Forward(Tensor.Zeros(2, 5)));
        Assert.Contains("Dense(3) expects input [B, …, 4] but got [2, 5]", wrong.Message);
        Assert.Throws<ArgumentException>(() => new K.Dense(3).Forward(Tensor.Zeros(4)));
        Assert.Throws<InvalidOperationException>(() => new K.Dense(3).Weight);
    }
}
