using Recur.Nn;
using Recur.Tests.GradientChecks;
using K = Recur.Nn.Keras;

namespace Recur.Tests.Keras;

/// <summary>
/// Keras' <c>Bidirectional</c>: its backward is the derivative of its forward, it is a PyTorch-style bidirectional layer
/// with merged halves, its backward copy reads each sequence's real steps in reverse on either padding side, and it counts
/// and returns states as Keras does.
/// </summary>
public class BidirectionalTests
{
    private const int B = 3, T = 4, F = 3, H = 4;

    private static K.KerasRecurrentLayer Inner(string kind, bool returnSequences, Generator? g = null) => kind switch
    {
        "lstm" => new K.KerasLSTM(H, returnSequences: returnSequences, generator: g),
        "gru" => new K.KerasGRU(H, returnSequences: returnSequences, generator: g),
        _ => new K.SimpleRNN(H, returnSequences: returnSequences, generator: g),
    };

    public static TheoryData<string, K.MergeMode, bool, SequenceSide> FiniteDifferenceCases()
    {
        var data = new TheoryData<string, K.MergeMode, bool, SequenceSide>();
        foreach (var mode in new[] { K.MergeMode.Concat, K.MergeMode.Sum })
        {
            data.Add("lstm", mode, true, SequenceSide.Post);
            data.Add("lstm", mode, false, SequenceSide.Pre);
            data.Add("gru", mode, true, SequenceSide.Pre);
            data.Add("simple_rnn", mode, false, SequenceSide.Post);
        }
        data.Add("lstm", K.MergeMode.Mul, true, SequenceSide.Pre);
        data.Add("gru", K.MergeMode.Ave, false, SequenceSide.Post);
        return data;
    }

    [Theory]
    [MemberData(nameof(FiniteDifferenceCases))]
    public void Bidirectional_backward_matches_finite_differences(string kind, K.MergeMode mode, bool returnSequences, SequenceSide side)
    {
        var g = new Generator(21);
        var layer = new K.Bidirectional(Inner(kind, returnSequences, g), mode);
        var x = Tensor.Uniform(g, -1f, 1f, B, T, F);
        x.RequiresGrad = true;
        var lengths = new SequenceLengths([T, 1, 3], side);
        layer.Forward(x, lengths);   // builds the layer
        var leaves = layer.NamedParameters().Select(p => new CheckLeaf(p.Name, p.Parameter)).Prepend(new CheckLeaf("x", x)).ToArray();

        GradientCheck.AgainstOwnForward($"Bidirectional({kind}, {mode}, returnSequences: {returnSequences}, {side}-padded)",
            () => layer.Forward(x, lengths), GradientCheckOptions.Float32, leaves);
    }

    [Theory]
    [InlineData(true, SequenceSide.Post)]
    [InlineData(false, SequenceSide.Post)]
    [InlineData(true, SequenceSide.Pre)]
    [InlineData(false, SequenceSide.Pre)]
    public void Bidirectional_lstm_equals_a_pytorch_style_bidirectional_lstm_with_the_same_weights(bool returnSequences, SequenceSide side)
    {
        var layer = new K.Bidirectional(new K.KerasLSTM(H, returnSequences: returnSequences, generator: new Generator(3)));
        var torch = new LSTM(F, H, batchFirst: true, bidirectional: true, generator: new Generator(4));
        var x = Tensor.Uniform(new Generator(5), -1f, 1f, B, T, F);
        var lengths = new SequenceLengths([2, T, 3], side);
        var keras = Run(x, xk => layer.Forward(xk, lengths), out var kerasInputGrad);
        // Keras' LSTM has one bias: PyTorch's layer gets it as b_ih and a zero b_hh.
        var state = layer.StateDict();
        foreach (var suffix in new[] { "", "_reverse" }) state["bias_hh_l0" + suffix] = Tensor.Zeros(4 * H);
        torch.LoadStateDict(state);
        var reference = Run(x, xt =>
        {
            var r = torch.Forward(xt, lengths: lengths);
            return returnSequences ? r.Output : Tensor.Concat([r.HN.Select(0, 0), r.HN.Select(0, 1)], -1);
        }, out var torchInputGrad);

        Assert.Equal(reference, keras);
        Assert.Equal(torchInputGrad, kerasInputGrad);
        var torchGrads = torch.NamedParameters().ToDictionary(p => p.Name, p => p.Parameter.Grad!.ToArray());
        foreach (var (name, parameter) in layer.NamedParameters()) Assert.Equal(torchGrads[name], parameter.Grad!.ToArray());
    }

    private static float[] Run(Tensor x, Func<Tensor, Tensor> forward, out float[] inputGrad)
    {
        var input = x.Clone();
        input.RequiresGrad = true;
        var output = forward(input);
        (output * Tensor.Uniform(new Generator(6), -1f, 1f, output.Shape)).Sum().Backward();
        inputGrad = input.Grad!.ToArray();
        return output.ToArray();
    }

    [Theory]
    [InlineData(K.MergeMode.Sum)]
    [InlineData(K.MergeMode.Mul)]
    [InlineData(K.MergeMode.Ave)]
    public void Merge_modes_combine_the_halves_of_concat(K.MergeMode mode)
    {
        var x = Tensor.Uniform(new Generator(8), -1f, 1f, B, T, F);
        var concat = new K.Bidirectional(new K.KerasGRU(H, returnSequences: true, generator: new Generator(9))).Forward(x);
        var merged = new K.Bidirectional(new K.KerasGRU(H, returnSequences: true, generator: new Generator(9)), mode).Forward(x);

        Assert.Equal([B, T, 2 * H], concat.Shape);
        Assert.Equal([B, T, H], merged.Shape);
        for (int b = 0; b < B; b++)
            for (int t = 0; t < T; t++)
                for (int k = 0; k < H; k++)
                {
                    float f = concat[b, t, k], r = concat[b, t, H + k];
                    float expected = mode switch { K.MergeMode.Sum => f + r, K.MergeMode.Mul => f * r, _ => (f + r) * 0.5f };
                    Assert.Equal(expected, merged[b, t, k]);
                }
    }

    [Theory]
    [InlineData(SequenceSide.Post)]
    [InlineData(SequenceSide.Pre)]
    public void Backward_copy_reads_each_sequences_real_steps_in_reverse_on_either_padding_side(SequenceSide side)
    {
        var layer = new K.Bidirectional(new K.KerasLSTM(H, generator: new Generator(10)), K.MergeMode.Concat);
        int[] lengths = [T, 1, 3];
        var sequences = lengths.Select((n, i) => Tensor.Uniform(new Generator((ulong)(20 + i)), -1f, 1f, 1, n, F)).ToArray();
        var batch = new float[B * T * F];
        for (int b = 0; b < B; b++)
        {
            int first = side == SequenceSide.Post ? 0 : T - lengths[b];
            sequences[b].ToArray().CopyTo(batch, (b * T + first) * F);
        }

        var padded = layer.Forward(Tensor.FromArray(batch, B, T, F), new SequenceLengths(lengths, side));

        // Each sequence alone, unpadded: forward state after its last step, backward state after its first.
        for (int b = 0; b < B; b++)
        {
            var alone = layer.Forward(sequences[b]);
            for (int k = 0; k < 2 * H; k++) Assert.Equal(alone[0, k], padded[b, k], 6);
        }
    }

    [Fact]
    public void Parameter_count_is_twice_the_wrapped_layers_as_keras_counts()
    {
        // Keras: Bidirectional(LSTM(64)) on 32 features = 2 · 4·((32 + 64)·64 + 64) = 49,664.
        var lstm = new K.Bidirectional(new K.KerasLSTM(64));
        lstm.Build(null, 100, 32);
        Assert.Equal(49_664, lstm.ParameterCount());
        Assert.Equal(2 * new K.KerasGRU(16, inputSize: 8).ParameterCount(), new K.Bidirectional(new K.KerasGRU(16, inputSize: 8)).ParameterCount());
        var rnn = new K.Bidirectional(new K.SimpleRNN(16), K.MergeMode.Sum);
        rnn.Build(null, null, 8);
        Assert.Equal(2 * (8 * 16 + 16 * 16 + 16), rnn.ParameterCount());
        Assert.Equal(["weight_ih_l0", "weight_hh_l0", "bias_ih_l0", "weight_ih_l0_reverse", "weight_hh_l0_reverse", "bias_ih_l0_reverse"],
            lstm.StateDict().Keys);
    }

    [Fact]
    public void Return_state_gives_forward_then_backward_states_as_keras()
    {
        var layer = new K.Bidirectional(new K.KerasLSTM(H, returnSequences: true, returnState: true, generator: new Generator(11)));
        var x = Tensor.Uniform(new Generator(12), -1f, 1f, B, T, F);

        var output = layer.Forward(x);

        Assert.Equal(4, layer.States.Count);   // h_fwd, c_fwd, h_bwd, c_bwd
        for (int b = 0; b < B; b++)
            for (int k = 0; k < H; k++)
            {
                Assert.Equal(output[b, T - 1, k], layer.States[0][b, k]);
                Assert.Equal(output[b, 0, H + k], layer.States[2][b, k]);
            }
        var initial = layer.States.Select(s => s.Detach()).ToArray();
        Assert.Equal([B, 2 * H], layer.Forward(x, null, initial).Select(1, 0).Shape);
        var wrongCount = Assert.Throws<ArgumentException>(() => layer.Forward(x, null, initial.Take(2).ToArray()));
        Assert.Contains("expects 4 initial state(s) but got 2", wrongCount.Message);
    }

    [Fact]
    public void Output_shapes_are_inferred_without_building()
    {
        var concat = new K.Bidirectional(new K.KerasLSTM(32, returnSequences: true));
        var sum = new K.Bidirectional(new K.KerasGRU(32), K.MergeMode.Sum);

        Assert.Equal([null, 60, 64], concat.ComputeOutputShape([null, 60, 8]));
        Assert.Equal([null, 32], sum.ComputeOutputShape([null, null, 8]));
        Assert.False(concat.Built);
        Assert.Throws<ArgumentException>(() => concat.ComputeOutputShape([null, 60]));
        Assert.Throws<ArgumentException>(() => new K.Bidirectional(concat));
        Assert.Equal("Bidirectional(LSTM(32))", concat.ToString());
    }
}
