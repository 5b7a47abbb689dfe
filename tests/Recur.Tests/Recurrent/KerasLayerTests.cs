using Recur.Nn;
using K = Recur.Nn.Keras;

namespace Recur.Tests.Recurrent;

public class KerasLayerTests
{
    [Fact]
    public void Parameter_counts_equal_keras()
    {
        // Keras: SimpleRNN(32) on 32 inputs → 2,080; LSTM(128) on 128 → 131,584; GRU(64) on 28, reset_after → 18,048.
        Assert.Equal(2_080, new K.SimpleRNN(32, inputSize: 32).ParameterCount());
        Assert.Equal(131_584, new K.KerasLSTM(128, inputSize: 128).ParameterCount());
        Assert.Equal(3 * (28 * 64 + 64 * 64 + 2 * 64), new K.KerasGRU(64, inputSize: 28).ParameterCount());
        Assert.Equal(3 * (28 * 64 + 64 * 64 + 64), new K.KerasGRU(64, resetAfter: false, inputSize: 28).ParameterCount());
    }

    [Fact]
    public void Return_sequences_gives_every_step_and_many_to_one_gives_the_last_real_step()
    {
        var g = new Generator(1);
        var many = new K.KerasLSTM(6, returnSequences: true, generator: g);
        var one = new K.KerasLSTM(6, generator: new Generator(1));
        var x = Tensor.Uniform(new Generator(2), -1f, 1f, 3, 5, 4);
        int[] lengths = [5, 2, 4];

        var sequence = many.Forward(x, lengths);
        var last = one.Forward(x, lengths);

        Assert.Equal([3, 5, 6], sequence.Shape);
        Assert.Equal([3, 6], last.Shape);
        for (int b = 0; b < 3; b++)
            for (int k = 0; k < 6; k++)
                Assert.Equal(sequence[b, lengths[b] - 1, k], last[b, k]);
    }

    [Fact]
    public void Return_state_keeps_h_and_c_of_the_last_call()
    {
        var layer = new K.KerasLSTM(3, returnSequences: true, returnState: true, generator: new Generator(0));
        var output = layer.Forward(Tensor.Ones(2, 4, 2));

        Assert.Equal(2, layer.States.Count);
        Assert.Equal([2, 3], layer.States[0].Shape);
        for (int b = 0; b < 2; b++)
            for (int k = 0; k < 3; k++)
                Assert.Equal(output[b, 3, k], layer.States[0][b, k]);
        Assert.Throws<InvalidOperationException>(() => new K.KerasGRU(3).States);
    }

    [Fact]
    public void Keras_initialisation_is_orthogonal_recurrent_zero_bias_and_open_forget_gate()
    {
        var layer = new K.KerasLSTM(8, generator: new Generator(3), inputSize: 5);
        var state = layer.StateDict();
        var whh = state["weight_hh_l0"]; // [4·8, 8]: orthonormal columns
        for (int i = 0; i < 8; i++)
            for (int j = 0; j < 8; j++)
            {
                double dot = 0;
                for (int r = 0; r < 32; r++) dot += whh[r, i] * whh[r, j];
                Assert.Equal(i == j ? 1.0 : 0.0, dot, 5);
            }
        var bias = state["bias_ih_l0"].ToArray();
        Assert.All(bias.Take(8).Concat(bias.Skip(16)), v => Assert.Equal(0f, v));
        Assert.All(bias.Skip(8).Take(8), v => Assert.Equal(1f, v));
        Assert.False(state.ContainsKey("bias_hh_l0"));
    }

    [Theory]
    [InlineData("simple_rnn")]
    [InlineData("lstm")]
    [InlineData("gru_reset_before")]
    public void Single_bias_layers_backward_matches_finite_differences(string kind)
    {
        var g = new Generator(11);
        K.KerasRecurrentLayer layer = kind switch
        {
            "simple_rnn" => new K.SimpleRNN(3, returnSequences: true, generator: g, inputSize: 2),
            "lstm" => new K.KerasLSTM(3, returnSequences: true, generator: g, inputSize: 2),
            _ => new K.KerasGRU(3, returnSequences: true, resetAfter: false, generator: g, inputSize: 2),
        };
        var x = Tensor.Uniform(g, -1f, 1f, 2, 4, 2);
        var w = Tensor.Uniform(g, -1f, 1f, 2, 4, 3);
        Tensor Loss() => (layer.Forward(x, [4, 3]) * w).Sum();

        Loss().Backward();
        const float h = 1e-2f;
        foreach (var (name, p) in layer.NamedParameters())
        {
            var analytic = p.Grad!.ToArray();
            var data = p.Span;
            for (int i = 0; i < data.Length; i++)
            {
                float saved = data[i];
                double plus, minus;
                using (new NoGradScope())
                {
                    data[i] = saved + h; plus = Loss().Item();
                    data[i] = saved - h; minus = Loss().Item();
                }
                data[i] = saved;
                double numeric = (plus - minus) / (2 * h);
                Assert.True(Math.Abs(numeric - analytic[i]) <= 2e-2 * Math.Max(1, Math.Abs(numeric)), $"{kind} {name}[{i}]: {analytic[i]} vs {numeric}");
            }
        }
    }

    [Fact]
    public void Keras_layers_stack_in_sequential_for_spam_style_model()
    {
        // Embedding(4013, 32) → SimpleRNN(32) → Dense(1): the course's spam model, 128,416 + 2,080 + 33 parameters.
        var model = new Sequential(new Embedding(4013, 32), new K.SimpleRNN(32), new K.Dense(1, activation: "sigmoid"));
        var ids = Tensor.FromArray(Enumerable.Range(0, 2 * 60).Select(i => (float)(i % 4013)).ToArray(), 2, 60);

        Assert.Equal([2, 1], model.Forward(ids).Shape);
        Assert.Equal(128_416 + 2_080 + 33, model.ParameterCount());
    }
}
