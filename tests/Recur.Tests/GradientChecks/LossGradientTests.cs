using Recur.Losses;
using Xunit;

namespace Recur.Tests.GradientChecks;

/// <summary>The losses against their formulas in double, in both reductions; targets are constants and get no gradient.</summary>
public class LossGradientTests
{
    private static DoubleTensor Reduce(double[] perElement, Reduction reduction) =>
        DoubleTensor.Scalar(reduction == Reduction.Mean ? perElement.Average() : perElement.Sum());

    private static CheckInput BinaryTargets(int seed, params int[] shape)
    {
        var random = new Random(seed);
        var values = new float[DoubleTensor.SizeOf(shape)];
        for (int i = 0; i < values.Length; i++) values[i] = random.Next(2);
        return new CheckInput("target", values, shape, RequiresGrad: false);
    }

    [Theory]
    [InlineData(Reduction.Mean)]
    [InlineData(Reduction.Sum)]
    public void MSELoss_gradient_matches_finite_differences(Reduction reduction) =>
        GradientCheck.AgainstReference($"mse_loss {reduction}", t => new MSELoss(reduction).Forward(t[0], t[1]),
            t => Reduce(t[0].Data.Select((x, i) => (x - t[1].Data[i]) * (x - t[1].Data[i])).ToArray(), reduction),
            CheckInput.Uniform("input", 81, -2, 2, 2, 3, 4), CheckInput.Uniform("target", 82, -2, 2, 2, 3, 4).Constant());

    [Theory]
    [InlineData(Reduction.Mean, false)]
    [InlineData(Reduction.Sum, false)]
    [InlineData(Reduction.Mean, true)]
    [InlineData(Reduction.Sum, true)]
    public void BCELoss_gradient_matches_finite_differences(Reduction reduction, bool softTargets)
    {
        var target = softTargets ? CheckInput.Uniform("target", 83, 0, 1, 4, 3).Constant() : BinaryTargets(84, 4, 3);
        GradientCheck.AgainstReference($"bce_loss {reduction} soft={softTargets}", t => new BCELoss(reduction).Forward(t[0], t[1]),
            t => Reduce(t[0].Data.Select((x, i) => -(t[1].Data[i] * Math.Log(x) + (1 - t[1].Data[i]) * Math.Log(1 - x))).ToArray(), reduction),
            CheckInput.Uniform("input", 85, 0.05, 0.95, 4, 3), target);
    }

    [Theory]
    [InlineData(Reduction.Mean, false)]
    [InlineData(Reduction.Sum, false)]
    [InlineData(Reduction.Mean, true)]
    [InlineData(Reduction.Sum, true)]
    public void BCEWithLogitsLoss_gradient_matches_finite_differences(Reduction reduction, bool softTargets)
    {
        var target = softTargets ? CheckInput.Uniform("target", 86, 0, 1, 5, 2).Constant() : BinaryTargets(87, 5, 2);
        static double Sigmoid(double x) => 1 / (1 + Math.Exp(-x));
        GradientCheck.AgainstReference($"bce_with_logits_loss {reduction} soft={softTargets}",
            t => new BCEWithLogitsLoss(reduction).Forward(t[0], t[1]),
            t => Reduce(t[0].Data.Select((x, i) =>
                -(t[1].Data[i] * Math.Log(Sigmoid(x)) + (1 - t[1].Data[i]) * Math.Log(1 - Sigmoid(x)))).ToArray(), reduction),
            CheckInput.Uniform("input", 88, -4, 4, 5, 2), target);
    }

    private static readonly int[] Classes = [2, 0, 4, 4, 1, 3];

    private static DoubleTensor CrossEntropyReference(DoubleTensor logits, int[] targets, Reduction reduction)
    {
        int n = logits.Shape[0], c = logits.Shape[1];
        var perRow = new double[n];
        for (int i = 0; i < n; i++)
        {
            double logSum = Math.Log(Enumerable.Range(0, c).Sum(j => Math.Exp(logits[i, j])));
            perRow[i] = logSum - logits[i, targets[i]];
        }
        return Reduce(perRow, reduction);
    }

    [Theory]
    [InlineData(Reduction.Mean)]
    [InlineData(Reduction.Sum)]
    public void CrossEntropyLoss_gradient_matches_finite_differences_with_span_targets(Reduction reduction) =>
        GradientCheck.AgainstReference($"cross_entropy_loss {reduction}", t => new CrossEntropyLoss(reduction).Forward(t[0], Classes),
            t => CrossEntropyReference(t[0], Classes, reduction), CheckInput.Uniform("logits", 89, -3, 3, 6, 5));

    [Theory]
    [InlineData(Reduction.Mean)]
    [InlineData(Reduction.Sum)]
    public void CrossEntropyLoss_gradient_matches_finite_differences_with_tensor_targets(Reduction reduction) =>
        GradientCheck.AgainstReference($"cross_entropy_loss tensor targets {reduction}",
            t => new CrossEntropyLoss(reduction).Forward(t[0], t[1]),
            t => CrossEntropyReference(t[0], Classes, reduction),
            CheckInput.Uniform("logits", 90, -3, 3, 6, 5),
            new CheckInput("target", Classes.Select(c => (float)c).ToArray(), [6], RequiresGrad: false));

    [Fact]
    public void CrossEntropyLoss_gradient_matches_finite_differences_for_large_logits() =>
        GradientCheck.AgainstReference("cross_entropy_loss large", t => new CrossEntropyLoss().Forward(t[0], Classes),
            t =>
            {
                // Stable double reference: log Σ e^x = m + log Σ e^(x−m).
                int n = 6, c = 5;
                var rows = new double[n];
                for (int i = 0; i < n; i++)
                {
                    double m = Enumerable.Range(0, c).Max(j => t[0][i, j]);
                    rows[i] = m + Math.Log(Enumerable.Range(0, c).Sum(j => Math.Exp(t[0][i, j] - m))) - t[0][i, Classes[i]];
                }
                return DoubleTensor.Scalar(rows.Average());
            },
            new GradientCheckOptions { ForwardAbsoluteTolerance = 1e-4 },
            CheckInput.Uniform("logits", 91, 95, 100, 6, 5));

    [Fact]
    public void Loss_gradient_scales_with_the_upstream_gradient()
    {
        // (2·ℓ) backpropagates 2·dℓ/dx: the loss node must use the incoming gradient, not assume 1.
        var x = Tensor.FromArray([0.5f, -1f, 2f], 3);
        x.RequiresGrad = true;
        var y = Tensor.FromArray([0f, 0f, 1f], 3);
        (new MSELoss().Forward(x, y) * 2f).Backward();
        // dℓ/dx = 2(x − y)/3; doubled: 4(x − y)/3
        Assert.Equal([4f * 0.5f / 3, 4f * -1f / 3, 4f * 1f / 3], x.Grad!.ToArray());
    }

    [Fact]
    public void BCELoss_at_saturated_probabilities_is_finite_like_pytorch()
    {
        // PyTorch: each log clamped at −100; gradient denominator clamped at 1e-12.
        var x = Tensor.FromArray([0f, 1f, 1f], 3);
        x.RequiresGrad = true;
        var y = Tensor.FromArray([1f, 0f, 1f], 3);
        var loss = new BCELoss(Reduction.Sum).Forward(x, y);
        Assert.Equal(200f, loss.Item(), 3f);
        loss.Backward();
        var g = x.Grad!.ToArray();
        Assert.All(g, v => Assert.True(float.IsFinite(v), $"gradient {v} is not finite"));
        Assert.Equal(-1e12f, g[0], 1e7f);
        Assert.Equal(1e12f, g[1], 1e7f);
    }

    [Fact]
    public void BCEWithLogitsLoss_is_stable_for_huge_logits()
    {
        var x = Tensor.FromArray([100f, -100f, 100f, -100f], 4);
        x.RequiresGrad = true;
        var y = Tensor.FromArray([0f, 1f, 1f, 0f], 4);
        var loss = new BCEWithLogitsLoss(Reduction.Sum).Forward(x, y);
        Assert.Equal(200f, loss.Item(), 1e-3f);
        loss.Backward();
        Assert.Equal([1f, -1f, 0f, 0f], x.Grad!.ToArray());
    }
}
