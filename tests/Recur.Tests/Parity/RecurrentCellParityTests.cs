using Recur.Nn;
using static Recur.Tests.Parity.ParityAssert;

namespace Recur.Tests.Parity;

/// <summary>
/// One step of <c>RNNCell</c> (tanh, relu), <c>LSTMCell</c> and <c>GRUCell</c> against PyTorch's nn cells, and the
/// reset-before <c>GRUCell</c> against its float64 reference (<c>fixtures/recurrent/cells.json</c>,
/// tools/reference/recurrent.py), with and without an initial state and bias: h1 (and c1), then the gradients of
/// <c>sum(h1 ⊙ W_h) (+ sum(c1 ⊙ W_c))</c> for the input, h0, c0 and every parameter.
/// </summary>
public sealed class RecurrentCellParityTests
{
    private const double Rtol = 1e-5;
    private const double Atol = 1e-6;
    private const string File = "recurrent/cells.json";

    // Configuration names start with the cell kind.
    private static bool IsRnnTanh(string c) => c.StartsWith("rnncell_tanh", StringComparison.Ordinal);
    private static bool IsRnnRelu(string c) => c.StartsWith("rnncell_relu", StringComparison.Ordinal);
    private static bool IsLstm(string c) => c.StartsWith("lstmcell", StringComparison.Ordinal);
    private static bool IsGruResetBefore(string c) => c.StartsWith("grucell_reset_before", StringComparison.Ordinal);
    private static bool IsGru(string c) => c.StartsWith("grucell", StringComparison.Ordinal) && !IsGruResetBefore(c);

    public static TheoryData<string> RnnTanhConfigs => RecurrentFixtureCase.TheoryConfigs(File, IsRnnTanh);
    public static TheoryData<string> RnnReluConfigs => RecurrentFixtureCase.TheoryConfigs(File, IsRnnRelu);
    public static TheoryData<string> LstmConfigs => RecurrentFixtureCase.TheoryConfigs(File, IsLstm);
    public static TheoryData<string> GruConfigs => RecurrentFixtureCase.TheoryConfigs(File, IsGru);
    public static TheoryData<string> GruResetBeforeConfigs => RecurrentFixtureCase.TheoryConfigs(File, IsGruResetBefore);

    [Theory]
    [MemberData(nameof(RnnTanhConfigs))]
    public void Rnn_tanh_cell_matches_pytorch_step_and_gradients(string config)
    {
        var fx = new RecurrentFixtureCase(File, config);
        var cell = new RNNCell(fx.Int("input_size"), fx.Int("hidden_size"), fx.Flag("bias"), Nonlinearity.Tanh);
        CheckSingleState(fx, cell, (x, h) => cell.Forward(x, h));
    }

    [Theory]
    [MemberData(nameof(RnnReluConfigs))]
    public void Rnn_relu_cell_matches_pytorch_step_and_gradients(string config)
    {
        var fx = new RecurrentFixtureCase(File, config);
        var cell = new RNNCell(fx.Int("input_size"), fx.Int("hidden_size"), fx.Flag("bias"), Nonlinearity.Relu);
        CheckSingleState(fx, cell, (x, h) => cell.Forward(x, h));
    }

    [Theory]
    [MemberData(nameof(GruConfigs))]
    public void Gru_cell_matches_pytorch_step_and_gradients(string config)
    {
        var fx = new RecurrentFixtureCase(File, config);
        Assert.True(fx.Flag("reset_after"));
        var cell = new GRUCell(fx.Int("input_size"), fx.Int("hidden_size"), fx.Flag("bias"), resetAfter: true);
        CheckSingleState(fx, cell, (x, h) => cell.Forward(x, h));
    }

    [Theory]
    [MemberData(nameof(GruResetBeforeConfigs))]
    public void Gru_reset_before_cell_matches_its_equations_step_and_gradients(string config)
    {
        var fx = new RecurrentFixtureCase(File, config);
        Assert.False(fx.Flag("reset_after"));
        var cell = new GRUCell(fx.Int("input_size"), fx.Int("hidden_size"), fx.Flag("bias"), resetAfter: false);
        CheckSingleState(fx, cell, (x, h) => cell.Forward(x, h));
    }

    [Theory]
    [MemberData(nameof(LstmConfigs))]
    public void Lstm_cell_matches_pytorch_step_and_gradients(string config)
    {
        var fx = new RecurrentFixtureCase(File, config);
        var cell = new LSTMCell(fx.Int("input_size"), fx.Int("hidden_size"), fx.Flag("bias"));
        fx.LoadInto(cell);
        var x = fx.Leaf("input")!;
        var h0 = fx.Leaf("h0");
        var c0 = fx.Leaf("c0");
        Assert.Equal(h0 is null, c0 is null);

        var (h1, c1) = cell.Forward(x, h0, c0);
        AssertClose(fx.Tensor("h1"), h1, $"{config}: h1", Rtol, Atol);
        AssertClose(fx.Tensor("c1"), c1, $"{config}: c1", Rtol, Atol);

        ((h1 * fx.Tensor("w_h1")).Sum() + (c1 * fx.Tensor("w_c1")).Sum()).Backward();
        CheckGradients(fx, cell, x, h0, c0);
    }

    /// <summary>Every configuration in cells.json belongs to one of the theories above, and each kind is covered with and without a state.</summary>
    [Fact]
    public void Cell_fixture_configurations_are_all_tested_and_cover_initial_state_and_bias()
    {
        var names = RecurrentFixtureCase.ConfigNames(File).ToList();
        Assert.DoesNotContain(names, c => !(IsRnnTanh(c) || IsRnnRelu(c) || IsLstm(c) || IsGru(c) || IsGruResetBefore(c)));
        foreach (var kind in new Func<string, bool>[] { IsRnnTanh, IsRnnRelu, IsLstm, IsGru, IsGruResetBefore })
        {
            var cases = names.Where(kind).Select(c => new RecurrentFixtureCase(File, c)).ToList();
            Assert.Contains(cases, c => c.Has("h0"));
            Assert.Contains(cases, c => !c.Has("h0"));
        }
        Assert.Contains(names, c => !new RecurrentFixtureCase(File, c).Flag("bias"));
    }

    private static void CheckSingleState(RecurrentFixtureCase fx, Module cell, Func<Tensor, Tensor?, Tensor> step)
    {
        fx.LoadInto(cell);
        var x = fx.Leaf("input")!;
        var h0 = fx.Leaf("h0");

        var h1 = step(x, h0);
        AssertClose(fx.Tensor("h1"), h1, $"{fx.Config}: h1", Rtol, Atol);

        (h1 * fx.Tensor("w_h1")).Sum().Backward();
        CheckGradients(fx, cell, x, h0, null);
    }

    private static void CheckGradients(RecurrentFixtureCase fx, Module cell, Tensor x, Tensor? h0, Tensor? c0)
    {
        string config = fx.Config;
        AssertClose(fx.Tensor("grad.input"), x.Grad, $"{config}: d loss / d input", Rtol, Atol);
        if (h0 is not null)
            AssertClose(fx.Tensor("grad.h0"), h0.Grad, $"{config}: d loss / d h0", Rtol, Atol);
        if (c0 is not null)
            AssertClose(fx.Tensor("grad.c0"), c0.Grad, $"{config}: d loss / d c0", Rtol, Atol);
        foreach (var (name, parameter) in cell.NamedParameters())
            AssertClose(fx.Tensor($"grad.{name}"), parameter.Grad, $"{config}: d loss / d {name}", Rtol, Atol);
        fx.AssertEveryKeyUsed();
    }
}
