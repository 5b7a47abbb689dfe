using Xunit;
using Recur.Losses;
using static Recur.Tests.Parity.ParityAssert;

namespace Recur.Tests.Parity;

/// <summary>
/// Losses against PyTorch (<c>fixtures/losses.json</c>, tools/reference/losses.py): for each case and each
/// reduction, the loss value and its gradient with respect to the input.
/// </summary>
public sealed class LossParityTests
{
    private static Fixture F => Fixture.Load("losses.json");

    private static string Key(Reduction reduction) => reduction == Reduction.Mean ? "mean" : "sum";

    private static void Check(string name, Reduction reduction, Func<Tensor, Tensor> loss)
    {
        string r = Key(reduction);
        var input = F.Tensor($"{name}.input");
        input.RequiresGrad = true;

        var value = loss(input);
        Assert.Empty(value.Shape);
        AssertClose(F.Tensor($"{name}.{r}.value"), value, $"{name} ({r}): loss value");

        value.Backward();
        AssertClose(F.Tensor($"{name}.{r}.grad"), input.Grad, $"{name} ({r}): d loss / d input");
    }

    private static void Check(string name, Reduction reduction, Loss loss) =>
        Check(name, reduction, input => loss.Forward(input, F.Tensor($"{name}.target")));

    [Theory]
    [InlineData("mse", Reduction.Mean)]
    [InlineData("mse", Reduction.Sum)]
    [InlineData("mse_1d", Reduction.Mean)]
    [InlineData("mse_1d", Reduction.Sum)]
    public void Mse_loss_matches_pytorch_value_and_gradient(string name, Reduction reduction) =>
        Check(name, reduction, new MSELoss(reduction));

    [Theory]
    [InlineData(Reduction.Mean)]
    [InlineData(Reduction.Sum)]
    public void Cross_entropy_matches_pytorch_value_and_gradient(Reduction reduction) =>
        Check("cross_entropy", reduction, new CrossEntropyLoss(reduction));

    [Theory]
    [InlineData(Reduction.Mean)]
    [InlineData(Reduction.Sum)]
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
    public void Bce_matches_pytorch_value_and_gradient(Reduction reduction) =>
        Check("bce", reduction, new BCELoss(reduction));

    [Theory]
    [InlineData(Reduction.Mean)]
    [InlineData(Reduction.Sum)]
    public void Bce_at_probabilities_zero_and_one_clamps_log_at_minus_100_like_pytorch(Reduction reduction) =>
        Check("bce_edges", reduction, new BCELoss(reduction));

    [Theory]
    [InlineData(Reduction.Mean)]
    [InlineData(Reduction.Sum)]
    public void Bce_with_logits_matches_pytorch_value_and_gradient(Reduction reduction) =>
        Check("bce_logits", reduction, new BCEWithLogitsLoss(reduction));

    [Theory]
    [InlineData(Reduction.Mean)]
    [InlineData(Reduction.Sum)]
    public void Bce_with_logits_at_plus_minus_40_is_finite_and_matches_pytorch(Reduction reduction) =>
        Check("bce_logits_large", reduction, new BCEWithLogitsLoss(reduction));
}
