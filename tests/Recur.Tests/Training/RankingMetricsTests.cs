using Recur.Tests.TextClassification;
using Recur.Training;

namespace Recur.Tests.Training;

/// <summary>
/// ROC-AUC, average precision and the confusion-matrix metrics against scikit-learn's roc_auc_score,
/// average_precision_score and precision_recall_fscore_support (fixtures/text_baselines.json).
/// </summary>
public sealed class RankingMetricsTests
{
    private static ScikitLearnFixture F => ScikitLearnFixture.Load();

    [Theory]
    [InlineData("binary_ties")]
    [InlineData("binary_imbalanced")]
    [InlineData("binary_constant")]
    [InlineData("binary_perfect")]
    [InlineData("binary_reversed")]
    public void Roc_auc_and_average_precision_match_scikit_learn(string name)
    {
        string key = $"metrics.{name}";
        double[] scores = F.Numbers($"{key}.score");
        int[] actual = F.Ints($"{key}.y_true");
        Assert.Equal(F.Number($"{key}.roc_auc"), RankingMetrics.RocAuc(scores, actual), 14);
        Assert.Equal(F.Number($"{key}.average_precision"), RankingMetrics.AveragePrecision(scores, actual), 14);
        float[] single = scores.Select(s => (float)s).ToArray();
        Assert.Equal(F.Number($"{key}.roc_auc"), RankingMetrics.RocAuc(single, actual), 14);
    }

    [Theory]
    [InlineData("binary_ties")]
    [InlineData("binary_imbalanced")]
    [InlineData("three_classes")]
    public void Confusion_matrix_metrics_match_scikit_learn(string name)
    {
        string key = $"metrics.{name}";
        int[] actual = F.Ints($"{key}.y_true"), predicted = F.Ints($"{key}.y_pred");
        int classes = (int)F.Number($"{key}.classes");
        var m = new ConfusionMatrix(predicted, actual, classes);
        Assert.Equal(F.Number($"{key}.accuracy"), m.Accuracy, 15);
        var range = Enumerable.Range(0, classes);
        ScikitLearnFixture.AssertClose(F.Numbers($"{key}.precision"), range.Select(m.Precision).ToArray(), 1e-15, "precision");
        ScikitLearnFixture.AssertClose(F.Numbers($"{key}.recall"), range.Select(m.Recall).ToArray(), 1e-15, "recall");
        ScikitLearnFixture.AssertClose(F.Numbers($"{key}.f1"), range.Select(m.F1).ToArray(), 1e-15, "F1");
        Assert.Equal(F.Number($"{key}.macro_f1"), m.MacroF1, 15);
        Assert.Equal(F.Ints($"{key}.confusion"), range.SelectMany(a => range.Select(p => (int)m[a, p])).ToArray());
    }

    [Fact]
    public void Ties_count_half_as_in_the_mann_whitney_statistic()
    {
        // Positive 0.5 vs negatives 0.5 (tie, ½) and 0.2 (win, 1); positive 0.9 beats both: (½ + 1 + 1 + 1) / 4.
        Assert.Equal(0.875, RankingMetrics.RocAuc([0.5, 0.5, 0.2, 0.9], [1, 0, 0, 1]), 15);
        // The positive class may be any class id.
        Assert.Equal(0.125, RankingMetrics.RocAuc([0.5, 0.5, 0.2, 0.9], [1, 0, 0, 1], positiveClass: 0), 15);
    }

    [Fact]
    public void Undefined_cases_are_refused_with_the_reason()
    {
        Assert.Contains("only one class occurs", Assert.Throws<ArgumentException>(() => RankingMetrics.RocAuc([0.1, 0.2], [1, 1])).Message);
        Assert.Contains("no item is positive", Assert.Throws<ArgumentException>(() => RankingMetrics.AveragePrecision([0.1, 0.2], [0, 0])).Message);
        Assert.Contains("score 1 is NaN", Assert.Throws<ArgumentException>(() => RankingMetrics.RocAuc([0.1, double.NaN], [0, 1])).Message);
        Assert.Contains("3 scores but 2 targets", Assert.Throws<ArgumentException>(() => RankingMetrics.RocAuc([0.1, 0.2, 0.3], [0, 1])).Message);
    }

    [Fact]
    public void Whole_number_weights_count_as_repeated_items_and_zero_weights_as_absent_ones()
    {
        double[] scores = [0.9, 0.8, 0.7, 0.7, 0.4, 0.2];
        int[] actual = [1, 0, 1, 0, 0, 1];
        double[] weights = [2, 0, 1, 3, 1, 0];
        // The same items repeated by their weights, and the zero-weight ones left out.
        double[] repeated = [0.9, 0.9, 0.7, 0.7, 0.7, 0.7, 0.4];
        int[] repeatedActual = [1, 1, 1, 0, 0, 0, 0];

        Assert.Equal(RankingMetrics.RocAuc(repeated, repeatedActual), RankingMetrics.RocAuc(scores, actual, weights), 15);
        Assert.Equal(RankingMetrics.AveragePrecision(repeated, repeatedActual), RankingMetrics.AveragePrecision(scores, actual, weights), 15);
        Assert.Contains("weight 1 is -1", Assert.Throws<ArgumentException>(() => RankingMetrics.RocAuc(scores, actual, [1, -1, 1, 1, 1, 1])).Message);
        Assert.Contains("5 weights but 6 targets", Assert.Throws<ArgumentException>(() => RankingMetrics.AveragePrecision(scores, actual, [1, 1, 1, 1, 1])).Message);
        Assert.Contains("no item is positive", Assert.Throws<ArgumentException>(() => RankingMetrics.AveragePrecision(scores, actual, [0, 1, 0, 1, 1, 0])).Message);
    }

    [Fact]
    public void Curves_have_one_point_per_distinct_score_and_enclose_the_areas()
    {
        double[] scores = [0.9, 0.8, 0.7, 0.7, 0.2, 0.1];
        int[] actual = [1, 0, 1, 0, 1, 0];

        var roc = RankingMetrics.RocCurve(scores, actual);
        Assert.Equal([(0.0, 0.0), (0.0, 1 / 3.0), (1 / 3.0, 1 / 3.0), (2 / 3.0, 2 / 3.0), (2 / 3.0, 1.0), (1.0, 1.0)], roc);
        double area = roc.Zip(roc.Skip(1), (a, b) => (b.FalsePositiveRate - a.FalsePositiveRate) * (a.TruePositiveRate + b.TruePositiveRate) / 2).Sum();
        Assert.Equal(RankingMetrics.RocAuc(scores, actual), area, 15);

        var pr = RankingMetrics.PrecisionRecallCurve(scores, actual);
        Assert.Equal([(1 / 3.0, 1.0), (1 / 3.0, 0.5), (2 / 3.0, 0.5), (1.0, 0.6), (1.0, 0.5)], pr);
        double steps = pr.Select((p, i) => (p.Recall - (i == 0 ? 0 : pr[i - 1].Recall)) * p.Precision).Sum();
        Assert.Equal(RankingMetrics.AveragePrecision(scores, actual), steps, 15);
    }
}
