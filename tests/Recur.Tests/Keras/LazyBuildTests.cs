using Recur.Nn;
using Recur.Optim;
using K = Recur.Nn.Keras;

namespace Recur.Tests.Keras;

/// <summary>
/// Keras-style layers build themselves at the first call, from a declared input shape, or from a state dict; before that
/// they have no parameters, and whatever asks for them is told how to build the model.
/// </summary>
public class LazyBuildTests
{
    private static Sequential SpamModel(Generator g) =>
        new(new Embedding(50, 8, generator: g), new K.SimpleRNN(6, generator: g), new K.Dense(1, activation: "sigmoid", generator: g));

    private static Tensor Ids(int batch, int steps) =>
        Tensor.FromArray(Enumerable.Range(0, batch * steps).Select(i => (float)(i * 7 % 50)).ToArray(), batch, steps);

    [Fact]
    public void Layers_build_at_the_first_forward_for_the_inputs_width()
    {
        var rnn = new K.SimpleRNN(32);
        Assert.False(rnn.Built);
        Assert.Null(rnn.InputSize);

        var output = rnn.Forward(Tensor.Zeros(2, 5, 7));

        Assert.True(rnn.Built);
        Assert.Equal(7, rnn.InputSize);
        Assert.Equal([null, 5, 7], rnn.BuildInputShape);
        Assert.Equal([2, 32], output.Shape);
        Assert.Equal(7 * 32 + 32 * 32 + 32, rnn.ParameterCount());
        Assert.Equal([2, 32], rnn.Forward(Tensor.Zeros(2, 9, 7)).Shape);   // other lengths, same width
        new Sequential(rnn).Build(null, 60, 7);
        var again = Assert.Throws<ArgumentException>(() => rnn.Forward(Tensor.Zeros(2, 5, 8)));
        Assert.Contains("[2, 5, 8]", again.Message);
    }

    [Fact]
    public void Input_size_given_by_name_builds_at_construction()
    {
        var lstm = new K.KerasLSTM(16, inputSize: 3);

        Assert.True(lstm.Built);
        Assert.Equal([null, null, 3], lstm.BuildInputShape);
        Assert.Equal(4 * (3 * 16 + 16 * 16 + 16), lstm.ParameterCount());
        Assert.Throws<ArgumentOutOfRangeException>(() => new K.KerasGRU(4, inputSize: 0));
    }

    [Fact]
    public void Optimizer_over_an_unbuilt_model_is_refused_naming_the_layer_and_the_remedy()
    {
        var model = SpamModel(new Generator(1));

        var error = Assert.Throws<InvalidOperationException>(() => new Adam(model.Parameters()));

        Assert.Contains("SimpleRNN(6) is not built yet", error.Message);
        Assert.Contains("Sequential.Build", error.Message);
        Assert.Throws<InvalidOperationException>(() => model.ParameterCount());
        Assert.Throws<InvalidOperationException>(() => model.StateDict());
    }

    [Fact]
    public void Sequential_build_from_a_declared_shape_gives_the_optimizer_every_parameter()
    {
        var model = SpamModel(new Generator(1));

        model.Build(null, 60);
        var optimizer = new Adam(model.Parameters(), lr: 0.1f);

        Assert.Equal([null, 60], model.InputShape);
        Assert.Equal(["0.weight", "1.weight_ih_l0", "1.weight_hh_l0", "1.bias_ih_l0", "2.weight", "2.bias"],
            model.NamedParameters().Select(p => p.Name));
        Assert.Equal(6, optimizer.Parameters.Count);
        var dense = (K.Dense)model.Layers[2];
        var before = dense.Weight.ToArray();
        optimizer.ZeroGrad();
        model.Forward(Ids(2, 60)).Sum().Backward();
        optimizer.Step();
        Assert.NotEqual(before, dense.Weight.ToArray());
    }

    [Fact]
    public void Lazy_and_declared_builds_draw_the_same_weights_from_the_same_seed()
    {
        var lazy = SpamModel(new Generator(3));
        var declared = SpamModel(new Generator(3));
        var ids = Ids(2, 9);

        var lazyOut = lazy.Forward(ids);
        declared.Build(null, 9);

        Assert.Equal(declared.Forward(ids).ToArray(), lazyOut.ToArray());
    }

    [Fact]
    public void Sequential_build_refuses_a_shape_a_layer_cannot_take()
    {
        var model = new Sequential(new K.KerasLSTM(4, inputSize: 3), new K.Dense(1));

        var error = Assert.Throws<ArgumentException>(() => model.Build(null, 10, 5));
        Assert.Contains("LSTM(4) expects 3 features per step but got input (None, 10, 5)", error.Message);
        var rank = Assert.Throws<ArgumentException>(() => new Sequential(new K.KerasGRU(4)).Build(null, 10));
        Assert.Contains("expects input (batch, steps, features) but got (None, 10)", rank.Message);
        var unknown = Assert.Throws<ArgumentException>(() => new Sequential(new K.KerasGRU(4)).Build(null, 10, null));
        Assert.Contains("needs the size of its input's last dimension", unknown.Message);
    }

    [Fact]
    public void State_dict_of_a_built_model_round_trips_into_an_unbuilt_one()
    {
        Sequential Model(Generator g) => new(new Embedding(50, 8, generator: g),
            new K.Bidirectional(new K.KerasGRU(5, returnSequences: true, generator: g), K.MergeMode.Sum),
            new K.KerasLSTM(6, generator: g), new K.Dense(3, activation: "softmax", generator: g));
        var trained = Model(new Generator(1));
        var ids = Ids(3, 7);
        trained.Eval();
        var expected = trained.Forward(ids).ToArray();
        var state = trained.StateDict();

        var restored = Model(new Generator(99));
        restored.LoadStateDict(state);

        Assert.All(restored.Layers.OfType<K.KerasLayer>(), l => Assert.True(l.Built));
        Assert.Equal(state.Keys, restored.StateDict().Keys);
        restored.Eval();
        Assert.Equal(expected, restored.Forward(ids).ToArray());
    }

    [Fact]
    public void Loading_a_state_without_an_unbuilt_layers_weights_fails_naming_it()
    {
        var model = new Sequential(new K.Dense(4), new K.Dense(2));
        var state = new Dictionary<string, Tensor> { ["0.weight"] = Tensor.Zeros(4, 3), ["0.bias"] = Tensor.Zeros(4) };

        var error = Assert.Throws<ArgumentException>(() => model.LoadStateDict(state, strict: false));

        Assert.Contains("Dense(2) at '1' is not built and the state has no weights of it", error.Message);
    }

    [Fact]
    public void Loading_a_state_of_other_units_into_an_unbuilt_layer_fails_on_the_shape()
    {
        var model = new Sequential(new K.SimpleRNN(4));
        var other = new Sequential(new K.SimpleRNN(5, inputSize: 3));

        var error = Assert.Throws<ArgumentException>(() => model.LoadStateDict(other.StateDict()));

        Assert.Contains("'0.weight_ih_l0' expects shape [4, 3] but the state has [5, 3]", error.Message);
    }

    [Fact]
    public void Sequential_records_the_input_shape_and_forgets_dimensions_that_vary()
    {
        var model = SpamModel(new Generator(1));
        Assert.Equal([null, null], model.InputShape);   // the embedding's ids, length unknown

        model.Forward(Ids(2, 60));
        Assert.Equal([null, 60], model.InputShape);
        model.Forward(Ids(2, 40));
        Assert.Equal([null, null], model.InputShape);
    }
}
