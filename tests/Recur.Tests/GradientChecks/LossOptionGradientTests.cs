using Recur.Losses;
using Xunit;

namespace Recur.Tests.GradientChecks;

/// <summary>
/// The losses' options (class and element weights, pos_weight, ignore_index, label smoothing, logits [N, C, d₁, …],
/// reduction none) against references written from their definitions in double.
/// </summary>
public class LossOptionGradientTests
{
    public static TheoryData<Reduction> Reductions => [Reduction.Mean, Reduction.Sum, Reduction.None];

    /// <summary>Per-element losses reduced as PyTorch: none keeps them, sum adds them, mean divides the sum by <paramref name="denominator"/>.</summary>
    private static DoubleTensor Reduce(double[] perElement, int[] shape, Reduction reduction, double denominator) => reduction switch
    {
        Reduction.None => new DoubleTensor(perElement, shape),
        Reduction.Sum => DoubleTensor.Scalar(perElement.Sum()),
        _ => DoubleTensor.Scalar(perElement.Sum() / denominator),
    };

    private static readonly float[] ClassWeight = [0.5f, 2f, 1f, 3f, 0.25f];

    /// <summary>
    /// ℓᵣ = −Σ_c w_c·q_c·log softmax(xᵣ)_c with the smoothed target q = (1 − ε)·one-hot(tᵣ) + ε / C, 0 where tᵣ is
    /// ignored; the mean divides by Σ w_{tᵣ} over the positions that count. Logits [N, C, d…], classes on axis 1.
    /// </summary>
    private static DoubleTensor CrossEntropyReference(DoubleTensor logits, int[] targets, float[]? weight, int ignoreIndex,
        double smoothing, Reduction reduction)
    {
        int n = logits.Shape[0], classes = logits.Shape[1], inner = logits.Size / (n * classes);
        var perPosition = new double[n * inner];
        double denominator = 0;
        for (int b = 0; b < n; b++)
            for (int s = 0; s < inner; s++)
            {
                int r = b * inner + s, t = targets[r];
                if (t == ignoreIndex) continue;
                var x = Enumerable.Range(0, classes).Select(c => logits.Data[(b * classes + c) * inner + s]).ToArray();
                double logSum = Math.Log(x.Sum(Math.Exp));
                double loss = 0;
                for (int c = 0; c < classes; c++)
                {
                    double q = (1 - smoothing) * (c == t ? 1 : 0) + smoothing / classes;
                    loss -= (weight?[c] ?? 1) * q * (x[c] - logSum);
                }
                perPosition[r] = loss;
                denominator += weight?[t] ?? 1;
            }
        var targetShape = logits.Shape.Where((_, d) => d != 1).ToArray();
        return Reduce(perPosition, targetShape, reduction, denominator);
    }

    [Theory]
    [MemberData(nameof(Reductions))]
    public void CrossEntropyLoss_with_weights_ignored_rows_and_smoothing_matches_finite_differences(Reduction reduction)
    {
        int[] targets = [2, -100, 4, 0, 1, -100, 3];
        var weight = Tensor.FromArray(ClassWeight, 5);
        GradientCheck.AgainstReference($"cross_entropy_loss weighted ignore smooth {reduction}",
            t => new CrossEntropyLoss(reduction, weight, labelSmoothing: 0.2f).Forward(t[0], targets),
            t => CrossEntropyReference(t[0], targets, ClassWeight, -100, 0.2, reduction),
            CheckInput.Uniform("logits", 301, -3, 3, 7, 5));
    }

    [Theory]
    [MemberData(nameof(Reductions))]
    public void CrossEntropyLoss_on_sequence_logits_NCT_matches_finite_differences(Reduction reduction)
    {
        // [N, C, T] = [2, 5, 3]: targets [N, T] with one padded step ignored.
        int[] targets = [4, 0, 2, 1, 3, -100];
        var weight = Tensor.FromArray(ClassWeight, 5);
        GradientCheck.AgainstReference($"cross_entropy_loss [N, C, T] {reduction}",
            t => new CrossEntropyLoss(reduction, weight, labelSmoothing: 0.1f).Forward(t[0], t[1]),
            t => CrossEntropyReference(t[0], targets, ClassWeight, -100, 0.1, reduction),
            CheckInput.Uniform("logits", 302, -3, 3, 2, 5, 3),
            new CheckInput("target", targets.Select(v => (float)v).ToArray(), [2, 3], RequiresGrad: false));
    }

    [Theory]
    [MemberData(nameof(Reductions))]
    public void CrossEntropyLoss_with_two_extra_dimensions_matches_finite_differences(Reduction reduction)
    {
        // [N, C, d1, d2] = [2, 3, 2, 2], padding id 0 ignored.
        int[] targets = [1, 2, 0, 1, 2, 2, 1, 0];
        GradientCheck.AgainstReference($"cross_entropy_loss [N, C, d1, d2] {reduction}",
            t => new CrossEntropyLoss(reduction, ignoreIndex: 0).Forward(t[0], targets),
            t => CrossEntropyReference(t[0], targets, null, 0, 0, reduction),
            CheckInput.Uniform("logits", 303, -3, 3, 2, 3, 2, 2));
    }

    [Theory]
    [MemberData(nameof(Reductions))]
    public void BCELoss_with_a_weight_per_column_matches_finite_differences(Reduction reduction)
    {
        float[] weight = [0.5f, 2f, 1.5f];
        GradientCheck.AgainstReference($"bce_loss weight {reduction}",
            t => new BCELoss(reduction, Tensor.FromArray(weight, 3)).Forward(t[0], t[1]),
            t => Reduce(t[0].Data.Select((x, i) =>
                -weight[i % 3] * (t[1].Data[i] * Math.Log(x) + (1 - t[1].Data[i]) * Math.Log(1 - x))).ToArray(), t[0].Shape, reduction, t[0].Size),
            CheckInput.Uniform("input", 304, 0.05, 0.95, 4, 3), CheckInput.Uniform("target", 305, 0, 1, 4, 3).Constant());
    }

    [Theory]
    [MemberData(nameof(Reductions))]
    public void BCEWithLogitsLoss_with_pos_weight_and_weight_matches_finite_differences(Reduction reduction)
    {
        // ℓ = −w·[p·y·log σ(x) + (1 − y)·log(1 − σ(x))], p per column, w per row.
        float[] posWeight = [3f, 0.5f, 1f];
        float[] rowWeight = [2f, 0.5f, 1f, 1.5f];
        static double LogSigmoid(double x) => -Math.Log(1 + Math.Exp(-x));
        GradientCheck.AgainstReference($"bce_with_logits_loss pos_weight {reduction}",
            t => new BCEWithLogitsLoss(reduction, Tensor.FromArray(rowWeight, 4, 1), Tensor.FromArray(posWeight, 3)).Forward(t[0], t[1]),
            t => Reduce(t[0].Data.Select((x, i) =>
            {
                double y = t[1].Data[i];
                return -rowWeight[i / 3] * (posWeight[i % 3] * y * LogSigmoid(x) + (1 - y) * LogSigmoid(-x));
            }).ToArray(), t[0].Shape, reduction, t[0].Size),
            CheckInput.Uniform("input", 306, -4, 4, 4, 3), CheckInput.Uniform("target", 307, 0, 1, 4, 3).Constant());
    }

    [Theory]
    [MemberData(nameof(Reductions))]
    public void MSELoss_without_reduction_matches_finite_differences(Reduction reduction) =>
        GradientCheck.AgainstReference($"mse_loss {reduction}", t => new MSELoss(reduction).Forward(t[0], t[1]),
            t => Reduce(t[0].Data.Select((x, i) => (x - t[1].Data[i]) * (x - t[1].Data[i])).ToArray(), t[0].Shape, reduction, t[0].Size),
            CheckInput.Uniform("input", 308, -2, 2, 3, 4), CheckInput.Uniform("target", 309, -2, 2, 3, 4).Constant());
}
