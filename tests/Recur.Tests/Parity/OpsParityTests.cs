using Xunit;
using static Recur.Tests.Parity.ParityAssert;

namespace Recur.Tests.Parity;

/// <summary>
/// Tensor ops against <c>fixtures/ops.json</c> (tools/reference/ops.py): for each case the output and the
/// gradient of every input for <c>loss = sum(out * w)</c> with PyTorch's fixed random <c>w</c>.
/// </summary>
public sealed class OpsParityTests
{
    private static Fixture F => Fixture.Load("ops.json");

    private static Tensor[] One(Tensor t) => [t];

    /// <summary>Case name → (input names in fixture order, the Recur op).</summary>
    private static readonly Dictionary<string, (string[] Inputs, Func<Tensor[], Tensor[]> Op)> Cases = new()
    {
        ["matmul_nn"] = (["a", "b"], t => One(Tensor.MatMul(t[0], t[1]))),
        ["matmul_tn"] = (["a", "b"], t => One(Tensor.MatMul(t[0], t[1], transposeA: true))),
        ["matmul_nt"] = (["a", "b"], t => One(Tensor.MatMul(t[0], t[1], transposeB: true))),
        ["matmul_tt"] = (["a", "b"], t => One(Tensor.MatMul(t[0], t[1], transposeA: true, transposeB: true))),

        ["add_bcast"] = (["a", "b"], t => One(t[0] + t[1])),
        ["sub_bcast"] = (["a", "b"], t => One(t[0] - t[1])),
        ["mul_bcast"] = (["a", "b"], t => One(t[0] * t[1])),
        ["div_bcast"] = (["a", "b"], t => One(t[0] / t[1])),
        ["div_same"] = (["a", "b"], t => One(t[0].Div(t[1]))),

        ["scalar_add"] = (["x"], t => One(t[0] + 2.5f)),
        ["scalar_rsub"] = (["x"], t => One(3f - t[0])),
        ["scalar_mul"] = (["x"], t => One(t[0] * -1.5f)),
        ["scalar_div"] = (["x"], t => One(t[0] / 4f)),
        ["scalar_neg"] = (["x"], t => One(-t[0])),
        ["pow_2"] = (["x"], t => One(t[0].Pow(2f))),
        ["pow_half"] = (["x"], t => One(t[0].Pow(0.5f))),

        ["sigmoid"] = (["x"], t => One(t[0].Sigmoid())),
        ["tanh"] = (["x"], t => One(t[0].Tanh())),
        ["relu"] = (["x"], t => One(t[0].Relu())),
        ["exp"] = (["x"], t => One(t[0].Exp())),
        ["log"] = (["x"], t => One(t[0].Log())),

        ["softmax_last"] = (["x"], t => One(t[0].Softmax(-1))),
        ["softmax_axis0"] = (["x"], t => One(t[0].Softmax(0))),
        ["log_softmax_last"] = (["x"], t => One(t[0].LogSoftmax(-1))),
        ["log_softmax_axis0"] = (["x"], t => One(t[0].LogSoftmax(0))),
        ["softmax_3d_axis1"] = (["x"], t => One(t[0].Softmax(1))),

        ["sum_all"] = (["x"], t => One(t[0].Sum())),
        ["mean_all"] = (["x"], t => One(t[0].Mean())),
        ["sum_axis1"] = (["x"], t => One(t[0].Sum(1))),
        ["sum_axis1_keepdim"] = (["x"], t => One(t[0].Sum(1, keepDim: true))),
        ["mean_axis0"] = (["x"], t => One(t[0].Mean(0))),
        ["mean_last_keepdim"] = (["x"], t => One(t[0].Mean(-1, keepDim: true))),

        ["reshape"] = (["x"], t => One(t[0].Reshape(6, 4))),
        ["reshape_infer"] = (["x"], t => One(t[0].Reshape(-1, 2, 3))),
        ["transpose"] = (["x"], t => One(t[0].Transpose())),
        ["narrow_last"] = (["x"], t => One(t[0].Narrow(1, 1, 2))),
        ["narrow_first"] = (["x"], t => One(t[0].Narrow(0, 1, 2))),
        ["narrow_middle_3d"] = (["x"], t => One(t[0].Narrow(1, 1, 2))),
        ["select_dim0"] = (["x"], t => One(t[0].Select(0, 1))),
        ["select_dim1_3d"] = (["x"], t => One(t[0].Select(1, 2))),
        ["concat_last"] = (["a", "b"], t => One(Tensor.Concat([t[0], t[1]], -1))),
        ["concat_axis0"] = (["a", "b"], t => One(Tensor.Concat([t[0], t[1]], 0))),
        ["split_last"] = (["x"], t => t[0].Split([2, 3], -1)),

        ["index_select"] = (["x"], t => One(t[0].IndexSelect(F.Ints("index_select.ids")))),

        ["linear_3d"] = (["x", "weight", "bias"], t => One(Tensor.Linear(t[0], t[1], t[2]))),
        ["linear_nobias"] = (["x", "weight"], t => One(Tensor.Linear(t[0], t[1], null))),
    };

    private static void Check(string name)
    {
        var (inputNames, op) = Cases[name];
        var inputs = inputNames.Select(n =>
        {
            var x = F.Tensor($"{name}.{n}");
            x.RequiresGrad = true;
            return x;
        }).ToArray();

        var outputs = op(inputs);

        bool single = F.Has($"{name}.out");
        Tensor? loss = null;
        for (int i = 0; i < outputs.Length; i++)
        {
            string suffix = single ? "" : i.ToString(System.Globalization.CultureInfo.InvariantCulture);
            AssertClose(F.Tensor($"{name}.out{suffix}"), outputs[i], $"{name}: output{suffix}");
            var term = (outputs[i] * F.Tensor($"{name}.w{suffix}")).Sum();
            loss = loss is null ? term : loss + term;
        }
        Assert.False(single && outputs.Length != 1, $"{name}: PyTorch has one output, Recur returned {outputs.Length}.");
        Assert.False(!single && F.Has($"{name}.out{outputs.Length}"), $"{name}: PyTorch has more outputs than the {outputs.Length} Recur returned.");

        loss!.Backward();
        for (int i = 0; i < inputs.Length; i++)
            AssertClose(F.Tensor($"{name}.grad.{inputNames[i]}"), inputs[i].Grad, $"{name}: d loss / d {inputNames[i]}");
    }

    [Theory]
    [InlineData("matmul_nn")]
    [InlineData("matmul_tn")]
    [InlineData("matmul_nt")]
    [InlineData("matmul_tt")]
    public void Matmul_with_each_transpose_combination_matches_pytorch_values_and_gradients(string name) => Check(name);

    [Theory]
    [InlineData("add_bcast")]
    [InlineData("sub_bcast")]
    [InlineData("mul_bcast")]
    [InlineData("div_bcast")]
    [InlineData("div_same")]
    public void Broadcasting_arithmetic_matches_pytorch_values_and_reduces_gradients_to_input_shapes(string name) => Check(name);

    [Theory]
    [InlineData("scalar_add")]
    [InlineData("scalar_rsub")]
    [InlineData("scalar_mul")]
    [InlineData("scalar_div")]
    [InlineData("scalar_neg")]
    [InlineData("pow_2")]
    [InlineData("pow_half")]
    public void Scalar_arithmetic_and_pow_match_pytorch_values_and_gradients(string name) => Check(name);

    [Theory]
    [InlineData("sigmoid")]
    [InlineData("tanh")]
    [InlineData("relu")]
    [InlineData("exp")]
    [InlineData("log")]
    public void Elementwise_functions_match_pytorch_values_and_gradients(string name) => Check(name);

    [Theory]
    [InlineData("softmax_last")]
    [InlineData("softmax_axis0")]
    [InlineData("log_softmax_last")]
    [InlineData("log_softmax_axis0")]
    [InlineData("softmax_3d_axis1")]
    public void Softmax_and_log_softmax_along_any_axis_match_pytorch_values_and_gradients(string name) => Check(name);

    [Theory]
    [InlineData("sum_all")]
    [InlineData("mean_all")]
    [InlineData("sum_axis1")]
    [InlineData("sum_axis1_keepdim")]
    [InlineData("mean_axis0")]
    [InlineData("mean_last_keepdim")]
    public void Sum_and_mean_over_all_or_one_axis_match_pytorch_values_and_gradients(string name) => Check(name);

    [Theory]
    [InlineData("reshape")]
    [InlineData("reshape_infer")]
    [InlineData("transpose")]
    [InlineData("narrow_last")]
    [InlineData("narrow_first")]
    [InlineData("narrow_middle_3d")]
    [InlineData("select_dim0")]
    [InlineData("select_dim1_3d")]
    [InlineData("concat_last")]
    [InlineData("concat_axis0")]
    [InlineData("split_last")]
    public void Shape_ops_match_pytorch_values_and_route_gradients_back(string name) => Check(name);

    [Fact]
    public void Index_select_with_repeated_indices_accumulates_gradients_like_pytorch() => Check("index_select");

    [Theory]
    [InlineData("linear_3d")]
    [InlineData("linear_nobias")]
    public void Linear_function_matches_pytorch_values_and_gradients(string name) => Check(name);

    [Fact]
    public void Every_case_in_the_ops_fixture_is_checked()
    {
        var fixtureCases = F.Names.Select(n => n[..n.IndexOf('.', StringComparison.Ordinal)]).ToHashSet();
        Assert.Empty(fixtureCases.Except(Cases.Keys));
    }
}
