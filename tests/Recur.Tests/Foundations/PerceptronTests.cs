using Recur.Tasks.Foundations;

namespace Recur.Tests.Foundations;

public class PerceptronTests
{
    [Theory]
    [InlineData("and")]
    [InlineData("or")]
    public void Perceptron_rule_learns_linearly_separable_gate(string gate)
    {
        var targets = LogicGates.Targets(gate);
        var perceptron = new Perceptron(2);
        var mistakes = perceptron.Train(LogicGates.Inputs, targets, learningRate: 0.1f, maxEpochs: 100);

        Assert.Equal(0, mistakes[^1]);
        for (int i = 0; i < 4; i++) Assert.Equal(targets[i], perceptron.Predict(LogicGates.Inputs[i]));
    }

    [Fact]
    public void Perceptron_rule_never_learns_xor()
    {
        var perceptron = new Perceptron(2);
        var mistakes = perceptron.Train(LogicGates.Inputs, LogicGates.Xor, learningRate: 0.1f, maxEpochs: 1000);

        Assert.Equal(1000, mistakes.Count);
        Assert.All(mistakes, m => Assert.True(m > 0));
    }

    [Fact]
    public void One_update_follows_w_plus_eta_x_times_error()
    {
        // From zero weights, (1,1) with target 0 is predicted 1 (net = 0 ≥ 0): error −1.
        var perceptron = new Perceptron(2);
        perceptron.Train([[1f, 1f]], [0f], learningRate: 0.5f, maxEpochs: 1);

        Assert.Equal([-0.5f, -0.5f], perceptron.Weights);
        Assert.Equal(-0.5f, perceptron.Bias);
    }

    [Fact]
    public void Wrong_input_width_names_both_sizes()
    {
        var e = Assert.Throws<ArgumentException>(() => new Perceptron(2).Predict([1f, 2f, 3f]));
        Assert.Contains("2", e.Message);
        Assert.Contains("3", e.Message);
    }

    [Theory]
    [InlineData(0f, 10)]
    [InlineData(-1f, 10)]
    [InlineData(float.NaN, 10)]
    [InlineData(float.PositiveInfinity, 10)]
    [InlineData(0.1f, 0)]
    public void Training_that_cannot_learn_is_refused_before_it_starts(float learningRate, int maxEpochs)
    {
        var perceptron = new Perceptron(2);
        var e = Assert.Throws<ArgumentOutOfRangeException>(() => perceptron.Train(LogicGates.Inputs, LogicGates.And, learningRate, maxEpochs));

        Assert.Equal(learningRate > 0f && float.IsFinite(learningRate) ? "maxEpochs" : "learningRate", e.ParamName);
        Assert.Equal([0f, 0f], perceptron.Weights);
    }
}
