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
}
