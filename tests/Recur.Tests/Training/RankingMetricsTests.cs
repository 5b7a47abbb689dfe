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
}
