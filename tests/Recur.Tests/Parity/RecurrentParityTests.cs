using Recur.Nn;
using static Recur.Tests.Parity.ParityAssert;

namespace Recur.Tests.Parity;

/// <summary>
/// <c>RNN</c> (tanh, relu), <c>LSTM</c> and <c>GRU</c> against PyTorch 1.13's <c>nn.RNN/LSTM/GRU</c>, and the reset-before
/// GRU against its float64 reference (<c>fixtures/recurrent/*.json</c>, tools/reference/recurrent.py). Each configuration
/// (1–3 layers, uni/bidirectional, batch-first or not, with/without h0 (and c0), with/without bias, equal, full or
/// ragged lengths as packed sequences; batches of 3, and of 37 and 21 with H = 10 and 16 for the blocked kernel paths) loads PyTorch's state_dict by its own keys, runs Forward and compares Output, HN,
/// CN, then backpropagates <c>sum(Output ⊙ W_out) + sum(HN ⊙ W_h) (+ sum(CN ⊙ W_c))</c> and compares the gradients of
/// the input, h0, c0 and every parameter. Every configuration in a fixture is a test case of its theory.
/// </summary>
public sealed class RecurrentParityTests
{
    // numpy.allclose-style: |actual − expected| ≤ Atol + Rtol·|expected|.
    private const double Rtol = 1e-5;
    private const double Atol = 1e-6;

    /// <summary>
    /// The absolute tolerance of the weight gradients in the larger-batch configurations (b37, b21), whose expected
    /// values are PyTorch's in float64: each element sums 100–200 products, and against those exact values PyTorch's own
    /// float32 gradients need up to 1.7e-6 (Recur's up to 2.0e-6; tools/reference/recurrent.py).
    /// </summary>
    private const double LargeBatchWeightAtol = 3e-6;

    /// <summary>The batch of the original fixtures; larger ones exercise the kernels' blocked paths.</summary>
    private const int FixtureBatch = 3;

    private enum Kind { RnnTanh, RnnRelu, Lstm, Gru, GruResetBefore }

    public static TheoryData<string> RnnTanhConfigs => RecurrentFixtureCase.TheoryConfigs("recurrent/rnn_tanh.json");
    public static TheoryData<string> RnnReluConfigs => RecurrentFixtureCase.TheoryConfigs("recurrent/rnn_relu.json");
    public static TheoryData<string> LstmConfigs => RecurrentFixtureCase.TheoryConfigs("recurrent/lstm.json");
    public static TheoryData<string> GruConfigs => RecurrentFixtureCase.TheoryConfigs("recurrent/gru.json");
    public static TheoryData<string> GruResetBeforeConfigs => RecurrentFixtureCase.TheoryConfigs("recurrent/gru_reset_before.json");

    public static TheoryData<string> LayerFixtures => new()
    {
        "recurrent/rnn_tanh.json", "recurrent/rnn_relu.json", "recurrent/lstm.json", "recurrent/gru.json",
    };

    [Theory]
    [MemberData(nameof(RnnTanhConfigs))]
    public void Rnn_tanh_matches_pytorch_outputs_states_and_gradients(string config) =>
        Check("recurrent/rnn_tanh.json", config, Kind.RnnTanh);

    [Theory]
    [MemberData(nameof(RnnReluConfigs))]
    public void Rnn_relu_matches_pytorch_outputs_states_and_gradients(string config) =>
        Check("recurrent/rnn_relu.json", config, Kind.RnnRelu);

    [Theory]
    [MemberData(nameof(LstmConfigs))]
    public void Lstm_matches_pytorch_outputs_states_and_gradients(string config) =>
        Check("recurrent/lstm.json", config, Kind.Lstm);

    [Theory]
    [MemberData(nameof(GruConfigs))]
    public void Gru_matches_pytorch_outputs_states_and_gradients(string config) =>
        Check("recurrent/gru.json", config, Kind.Gru);

    [Theory]
    [MemberData(nameof(GruResetBeforeConfigs))]
    public void Gru_reset_before_matches_its_equations_outputs_states_and_gradients(string config) =>
        Check("recurrent/gru_reset_before.json", config, Kind.GruResetBefore);

    /// <summary>Guards against a regenerated fixture silently dropping coverage.</summary>
    [Theory]
    [MemberData(nameof(LayerFixtures))]
    public void Layer_fixture_covers_every_option_and_their_combinations(string file)
    {
        var cases = RecurrentFixtureCase.ConfigNames(file).Select(c => new RecurrentFixtureCase(file, c)).ToList();
        Assert.True(cases.Count >= 12, $"{file}: only {cases.Count} configurations.");
        Assert.Equal([1, 2, 3], cases.Select(c => c.Int("num_layers")).Distinct().Order());
        Assert.Contains(cases, c => c.Flag("bidirectional"));
        Assert.Contains(cases, c => c.Flag("batch_first"));
        Assert.Contains(cases, c => !c.Flag("bias"));
        Assert.Contains(cases, c => c.Has("h0"));
        Assert.Contains(cases, c => !c.Has("lengths"));
        Assert.Contains(cases, c => c.Has("lengths") && c.IntsOrNull("lengths")!.Distinct().Count() > 1);
        // Bidirectional, ragged, 3 layers and initial states together.
        Assert.Contains(cases, c => c.Int("num_layers") == 3 && c.Flag("bidirectional") && c.Has("h0") && c.Has("lengths"));
        // Ragged batches include a length-1 sequence and one as long as the input.
        Assert.Contains(cases, c => c.IntsOrNull("lengths") is { } n && n.Contains(1) && n.Contains(c.Tensor("input").Dim(c.Flag("batch_first") ? 1 : 0)));
        // Batches past a block of 16 rows with a ragged last block, H ≤ 16, ragged lengths and both directions.
        Assert.Contains(cases, c => c.Tensor("input").Dim(c.Flag("batch_first") ? 0 : 1) is > 32 and not 48 && c.Int("hidden_size") <= 16
            && c.Flag("bidirectional") && c.Has("lengths"));
    }

    private static void Check(string file, string config, Kind kind)
    {
        var fx = new RecurrentFixtureCase(file, config);
        int layers = fx.Int("num_layers"), inputSize = fx.Int("input_size"), hiddenSize = fx.Int("hidden_size");
        bool bidirectional = fx.Flag("bidirectional"), batchFirst = fx.Flag("batch_first"), bias = fx.Flag("bias");
        bool resetAfter = !fx.Has("reset_after") || fx.Flag("reset_after");
        Assert.Equal(kind != Kind.GruResetBefore, resetAfter);

        var input = fx.Leaf("input")!;
        var h0 = fx.Leaf("h0");
        var c0 = fx.Leaf("c0");
        var lengths = fx.IntsOrNull("lengths");

        Module module;
        RecurrentOutput result;
        switch (kind)
        {
            case Kind.RnnTanh or Kind.RnnRelu:
                var rnn = new RNN(inputSize, hiddenSize, layers, kind == Kind.RnnRelu ? Nonlinearity.Relu : Nonlinearity.Tanh, bias, batchFirst,
                    bidirectional: bidirectional);
                fx.LoadInto(rnn);
                (module, result) = (rnn, rnn.Forward(input, h0, lengths));
                break;
            case Kind.Lstm:
                var lstm = new LSTM(inputSize, hiddenSize, layers, bias, batchFirst, bidirectional: bidirectional);
                fx.LoadInto(lstm);
                (module, result) = (lstm, lstm.Forward(input, h0, c0, lengths));
                break;
            default:
                var gru = new GRU(inputSize, hiddenSize, layers, bias, batchFirst, bidirectional: bidirectional, resetAfter: resetAfter);
                fx.LoadInto(gru);
                (module, result) = (gru, gru.Forward(input, h0, lengths));
                break;
        }

        AssertClose(fx.Tensor("output"), result.Output, $"{config}: Output", Rtol, Atol);
        AssertClose(fx.Tensor("h_n"), result.HN, $"{config}: HN", Rtol, Atol);
        if (kind == Kind.Lstm)
            AssertClose(fx.Tensor("c_n"), result.CN, $"{config}: CN", Rtol, Atol);
        else
            Assert.Null(result.CN);

        var loss = (result.Output * fx.Tensor("w_output")).Sum() + (result.HN * fx.Tensor("w_h_n")).Sum();
        if (kind == Kind.Lstm)
            loss = loss + (result.CN! * fx.Tensor("w_c_n")).Sum();
        loss.Backward();

        AssertClose(fx.Tensor("grad.input"), input.Grad, $"{config}: d loss / d input", Rtol, Atol);
        if (h0 is not null)
            AssertClose(fx.Tensor("grad.h0"), h0.Grad, $"{config}: d loss / d h0", Rtol, Atol);
        if (c0 is not null)
            AssertClose(fx.Tensor("grad.c0"), c0.Grad, $"{config}: d loss / d c0", Rtol, Atol);
        int batch = input.Dim(batchFirst ? 0 : 1);
        double weightAtol = batch > FixtureBatch ? LargeBatchWeightAtol : Atol;
        foreach (var (name, parameter) in module.NamedParameters())
            AssertClose(fx.Tensor($"grad.{name}"), parameter.Grad, $"{config}: d loss / d {name}", Rtol, weightAtol);

        fx.AssertEveryKeyUsed();
    }
}
