using Recur.Training;

namespace Recur.Tests.Training;

public class MetricsTests
{
    private static readonly float[] Predicted = [2.5f, 0f, 2f, 8f];
    private static readonly float[] Actual = [3f, -0.5f, 2f, 7f];

    [Fact]
    public void Regression_metrics_match_hand_computed_values()
    {
        // errors −0.5, 0.5, 0, 1 → squares 0.25, 0.25, 0, 1 (scikit-learn's documented example: MSE 0.375)
        Assert.Equal(0.375, Metrics.MeanSquaredError(Predicted, Actual), 12);
        Assert.Equal(Math.Sqrt(0.375), Metrics.RootMeanSquaredError(Predicted, Actual), 12);
        Assert.Equal(0.5, Metrics.MeanAbsoluteError(Predicted, Actual), 12);
        // |−0.5/3| + |0.5/−0.5| + 0 + |1/7| = 1/6 + 1 + 1/7, mean × 100
        Assert.Equal(100 * (1.0 / 6 + 1 + 1.0 / 7) / 4, Metrics.MeanAbsolutePercentageError(Predicted, Actual), 10);
    }

    [Fact]
    public void Rmse_is_the_square_root_of_mse_not_mse()
    {
        float[] p = [0f, 0f], y = [3f, 3f];
        Assert.Equal(9.0, Metrics.MeanSquaredError(p, y));
        Assert.Equal(3.0, Metrics.RootMeanSquaredError(p, y));
    }

    [Fact]
    public void Mape_refuses_zero_targets_and_length_mismatch_is_named()
    {
        Assert.Contains("target 1 is 0", Assert.Throws<ArgumentException>(() => Metrics.MeanAbsolutePercentageError([1f, 2f], [1f, 0f])).Message);
        Assert.Contains("3 predictions but 2 targets", Assert.Throws<ArgumentException>(() => Metrics.MeanSquaredError([1f, 2f, 3f], [1f, 0f])).Message);
    }

    [Fact]
    public void Confusion_matrix_precision_recall_f1_match_hand_computed_values()
    {
        int[] actual = [0, 0, 0, 1, 1, 1, 1, 2, 2, 2];
        int[] predicted = [0, 1, 0, 1, 1, 2, 1, 2, 0, 2];
        var m = new ConfusionMatrix(predicted, actual, 3);

        Assert.Equal(2, m[0, 0]);
        Assert.Equal(1, m[2, 0]);
        Assert.Equal(0.7, m.Accuracy, 12);
        Assert.Equal(2.0 / 3, m.Precision(0), 12);   // predicted 0: rows 0,0,2 → 2 right
        Assert.Equal(2.0 / 3, m.Recall(0), 12);
        Assert.Equal(0.75, m.Precision(1), 12);      // predicted 1: 1 wrong of 4
        Assert.Equal(0.75, m.Recall(1), 12);
        Assert.Equal(2.0 / 3, m.F1(2), 12);
        Assert.Equal((2.0 / 3 + 0.75 + 2.0 / 3) / 3, m.MacroF1, 12);
        Assert.Equal(0.7, Metrics.Accuracy(predicted, actual), 12);
    }

    [Fact]
    public void Perplexity_is_e_to_the_cross_entropy()
    {
        Assert.Equal(Math.E, Metrics.Perplexity(1.0), 12);
        Assert.Equal(10000.0, Metrics.Perplexity(Math.Log(10000)), 6);
    }
}
