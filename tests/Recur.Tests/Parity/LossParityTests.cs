using Xunit;
using Recur.Losses;
using static Recur.Tests.Parity.ParityAssert;

namespace Recur.Tests.Parity;

/// <summary>
/// Losses against PyTorch (<c>fixtures/losses.json</c>, tools/reference/losses.py): for each case and each
/// reduction, the loss value and its gradient with respect to the input (for reduction none, the gradient of the
/// per-element losses against a fixed upstream gradient).
/// </summary>
public sealed class LossParityTests
{
    private static Fixture F => Fixture.Load("losses.json");

    private static string Key(Reduction reduction) => reduction switch
    {
        Reduction.Mean => "mean",
        Reduction.Sum => "sum",
        _ => "none",
    };

    private static void Check(string name, Reduction reduction, Func<Tensor, Tensor> loss)
    {
        string r = Key(reduction);
        var input = F.Tensor($"{name}.input");
        input.RequiresGrad = true;

        var value = loss(input);
        if (reduction != Reduction.None) Assert.Empty(value.Shape);
        AssertClose(F.Tensor($"{name}.{r}.value"), value, $"{name} ({r}): loss value");

        value.Backward(reduction == Reduction.None ? F.Tensor($"{name}.none.upstream") : null);
        AssertClose(F.Tensor($"{name}.{r}.grad"), input.Grad, $"{name} ({r}): d loss / d input");
    }

    private static void Check(string name, Reduction reduction, Loss loss) =>
        Check(name, reduction, input => loss.Forward(input, F.Tensor($"{name}.target")));

    [Theory]
    [InlineData("mse", Reduction.Mean)]
    [InlineData("mse", Reduction.Sum)]
    [InlineData("mse_1d", Reduction.Mean)]
    [InlineData("mse_1d", Reduction.Sum)]
    [InlineData("mse", Reduction.None)]
    [InlineData("mse_1d", Reduction.None)]
    public void Mse_loss_matches_pytorch_value_and_gradient(string name, Reduction reduction) =>
        Check(name, reduction, new MSELoss(reduction));

    [Theory]
    [InlineData(Reduction.Mean)]
    [InlineData(Reduction.Sum)]
    [InlineData(Reduction.None)]
    public void Cross_entropy_matches_pytorch_value_and_gradient(Reduction reduction) =>
        Check("cross_entropy", reduction, new CrossEntropyLoss(reduction));

    [Theory]
    [InlineData(Reduction.Mean)]
    [InlineData(Reduction.Sum)]
    [InlineData(Reduction.None)]
    public void Cross_entropy_with_large_logits_matches_pytorch_value_and_gradient(Reduction reduction) =>
        Check("cross_entropy_large", reduction, new CrossEntropyLoss(reduction));

    [Theory]
    [InlineData("cross_entropy", Reduction.Mean)]
    [InlineData("cross_entropy_large", Reduction.Sum)]
    public void Cross_entropy_with_integer_targets_matches_pytorch_value_and_gradient(string name, Reduction reduction)
    {
        var loss = new CrossEntropyLoss(reduction);
        int[] targets = F.Ints($"{name}.target");
        Check(name, reduction, input => loss.Forward(input, targets));
    }

    [Theory]
    [InlineData(Reduction.Mean)]
    [InlineData(Reduction.Sum)]
    [InlineData(Reduction.None)]
    public void Bce_matches_pytorch_value_and_gradient(Reduction reduction) =>
        Check("bce", reduction, new BCELoss(reduction));

    [Theory]
    [InlineData(Reduction.Mean)]
    [InlineData(Reduction.Sum)]
    [InlineData(Reduction.None)]
    public void Bce_at_probabilities_zero_and_one_clamps_log_at_minus_100_like_pytorch(Reduction reduction) =>
        Check("bce_edges", reduction, new BCELoss(reduction));

    [Theory]
    [InlineData(Reduction.Mean)]
    [InlineData(Reduction.Sum)]
    [InlineData(Reduction.None)]
    public void Bce_with_logits_matches_pytorch_value_and_gradient(Reduction reduction) =>
        Check("bce_logits", reduction, new BCEWithLogitsLoss(reduction));

    [Theory]
    [InlineData(Reduction.Mean)]
    [InlineData(Reduction.Sum)]
    [InlineData(Reduction.None)]
    public void Bce_with_logits_at_plus_minus_40_is_finite_and_matches_pytorch(Reduction reduction) =>
        Check("bce_logits_large", reduction, new BCEWithLogitsLoss(reduction));

    private static Tensor? Option(string name, string option) => F.Has($"{name}.{option}") ? F.Tensor($"{name}.{option}") : null;

    private static CrossEntropyLoss CrossEntropy(string name, Reduction reduction) => new(reduction,
        weight: Option(name, "weight"),
        ignoreIndex: F.Has($"{name}.ignore_index") ? (int)F.Scalar($"{name}.ignore_index") : -100,
        labelSmoothing: F.Has($"{name}.label_smoothing") ? F.Scalar($"{name}.label_smoothing") : 0f);

    public static TheoryData<string, Reduction> CrossEntropyOptionCases => Cases(
        "cross_entropy_weighted", "cross_entropy_weighted_ignore", "cross_entropy_ignore_zero",
        "cross_entropy_seq_weighted_ignore", "cross_entropy_seq", "cross_entropy_2d",
        "cross_entropy_smooth", "cross_entropy_smooth_weighted_ignore", "cross_entropy_seq_smooth_weighted_ignore");

    [Theory]
    [MemberData(nameof(CrossEntropyOptionCases))]
    public void Cross_entropy_with_weights_ignore_index_extra_dimensions_and_smoothing_matches_pytorch(string name, Reduction reduction) =>
        Check(name, reduction, CrossEntropy(name, reduction));

    [Theory]
    [MemberData(nameof(CrossEntropyOptionCases))]
    public void Cross_entropy_options_with_integer_targets_match_pytorch(string name, Reduction reduction)
    {
        var loss = CrossEntropy(name, reduction);
        int[] targets = F.Ints($"{name}.target");
        Check(name, reduction, input => loss.Forward(input, targets));
    }

    public static TheoryData<string, Reduction> BceWeightCases => Cases("bce_weight_columns", "bce_weight_rows");

    [Theory]
    [MemberData(nameof(BceWeightCases))]
    public void Bce_with_a_broadcast_weight_matches_pytorch(string name, Reduction reduction) =>
        Check(name, reduction, new BCELoss(reduction, weight: Option(name, "weight")));

    public static TheoryData<string, Reduction> PosWeightCases => Cases(
        "bce_logits_pos_weight", "bce_logits_pos_weight_soft", "bce_logits_pos_weight_single",
        "bce_logits_pos_weight_and_weight", "bce_logits_pos_weight_1d");

    [Theory]
    [MemberData(nameof(PosWeightCases))]
    public void Bce_with_logits_pos_weight_broadcasts_like_pytorch(string name, Reduction reduction) =>
        Check(name, reduction, new BCEWithLogitsLoss(reduction, weight: Option(name, "weight"), posWeight: Option(name, "pos_weight")));

    private static TheoryData<string, Reduction> Cases(params string[] names)
    {
        var data = new TheoryData<string, Reduction>();
        foreach (var name in names)
            foreach (var reduction in Enum.GetValues<Reduction>())
                data.Add(name, reduction);
        return data;
    }
}
