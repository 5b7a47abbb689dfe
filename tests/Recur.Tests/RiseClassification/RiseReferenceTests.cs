using Recur.Tasks.RiseClassification;
using Recur.Training;
using Recur.Tests.Parity;

namespace Recur.Tests.RiseClassification;

/// <summary>
/// The up/down recipe's ranking scores and logistic regression against scikit-learn (<c>fixtures/updown.json</c>, written by
/// <c>tools/reference/updown.py</c>).
/// </summary>
public class RiseReferenceTests
{
    private static DoubleFixture F => DoubleFixture.Load("updown.json");

    private static int[] Labels(string name) => F.Values(name).Select(v => (int)v).ToArray();

    [Fact]
    public void Average_precision_and_roc_auc_with_ties_match_scikit_learn()
    {
        var scores = F.Values("ranking.scores");
        var labels = Labels("ranking.labels");

        Assert.Equal(F.Value("ranking.average_precision"), RankingMetrics.AveragePrecision(scores, labels), 12);
        Assert.Equal(F.Value("ranking.roc_auc"), RankingMetrics.RocAuc(scores, labels), 12);
    }

    [Fact]
    public void Sample_weights_count_rows_as_scikit_learn_does()
    {
        var scores = F.Values("ranking.scores");
        var labels = Labels("ranking.labels");
        var weights = F.Values("ranking.weights");

        Assert.Equal(F.Value("ranking.weighted_average_precision"), RankingMetrics.AveragePrecision(scores, labels, weights), 12);
        Assert.Equal(F.Value("ranking.weighted_roc_auc"), RankingMetrics.RocAuc(scores, labels, weights), 12);
    }

    [Theory]
    [InlineData("c1", 1.0, false)]
    [InlineData("balanced", 1.0, true)]
    [InlineData("c01", 0.1, true)]
    public void Logistic_regression_matches_scikit_learns_newton_fit(string name, double c, bool balanced)
    {
        var flat = F.Values("logistic.x");
        var x = new double[flat.Length / 4, 4];
        for (int i = 0; i < flat.Length; i++) x[i / 4, i % 4] = flat[i];
        var y = Labels("logistic.y");

        var model = FeatureLogisticRegression.Fit(x, y, balanced ? FeatureLogisticRegression.BalancedWeights(y) : null, c);

        DoubleFixture.AssertClose(F.Values($"logistic.{name}.coef"), model.Weights, 1e-6, $"{name} coefficients");
        Assert.Equal(F.Value($"logistic.{name}.intercept"), model.Intercept, 1e-6);
    }
}
