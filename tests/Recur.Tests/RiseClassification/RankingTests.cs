using Recur.Tasks.RiseClassification;

namespace Recur.Tests.RiseClassification;

/// <summary>Thresholds chosen on validation, the scores of always-no, and the bootstrap interval of a PR-AUC gap.</summary>
public class RankingTests
{
    [Fact]
    public void Always_no_has_the_base_rate_as_pr_auc_and_one_half_as_roc_auc()
    {
        int[] labels = [0, 0, 1, 0, 0, 0, 1, 0, 0, 0];
        var zeros = new double[labels.Length];

        var scores = RiseScores.Of(zeros, labels, double.PositiveInfinity);

        Assert.Equal(0.2, scores.PrAuc, 12);
        Assert.Equal(0.5, scores.RocAuc, 12);
        Assert.Equal((0.0, 0.0, 0.0), (scores.Precision, scores.Recall, scores.F1));
        Assert.Equal(0.8, scores.Accuracy, 12);   // right on 80 % of days, and useless
    }

    [Fact]
    public void A_perfect_ranking_scores_one_and_without_positives_pr_auc_is_undefined()
    {
        var perfect = RiseScores.Of([0.9, 0.8, 0.1], [1, 1, 0], 0.5);
        Assert.Equal((1.0, 1.0), (perfect.PrAuc, perfect.RocAuc));
        var noRise = RiseScores.Of([0.9, 0.1], [0, 0], 0.5);
        Assert.True(double.IsNaN(noRise.PrAuc) && double.IsNaN(noRise.RocAuc));
        var onlyRises = RiseScores.Of([0.9, 0.1], [1, 1], 0.5);
        Assert.Equal(1.0, onlyRises.PrAuc);
        Assert.True(double.IsNaN(onlyRises.RocAuc));
    }

    [Fact]
    public void F1_threshold_takes_all_tied_scores_at_once()
    {
        // Sorted: 0.9 (1), 0.8 (0), 0.7 (1), 0.7 (0), 0.2 (1), 0.1 (0).
        double[] scores = [0.9, 0.8, 0.7, 0.7, 0.2, 0.1];
        int[] labels = [1, 0, 1, 0, 1, 0];
        // At 0.9: tp 1, fp 0 → F1 2/4 = 0.5; at 0.8: 1, 1 → 0.4; at 0.7: 2, 2 → 4/7 ≈ 0.571; at 0.2: 3, 2 → 6/8 = 0.75; at 0.1: 3, 3 → 6/9.
        Assert.Equal(0.2, DecisionThreshold.Choose(scores, labels, ThresholdRule.F1));
        Assert.Throws<ArgumentException>(() => DecisionThreshold.Choose([0.3, 0.4], [0, 0], ThresholdRule.F1));
    }

    [Fact]
    public void Youden_threshold_is_the_roc_point_farthest_above_the_diagonal()
    {
        double[] scores = [0.9, 0.8, 0.7, 0.6, 0.5, 0.2, 0.1];
        int[] labels = [1, 0, 0, 1, 1, 0, 0];
        // J = tpr − fpr with 3 positives and 4 negatives: 0.9 → 1/3; 0.8 → 1/3 − 1/4; 0.7 → 1/3 − 1/2; 0.6 → 2/3 − 1/2;
        // 0.5 → 1 − 1/2 = 0.5; 0.2 → 1 − 3/4; 0.1 → 0. F1 prefers 0.5 as well (6/9 against 0.9's 2/4).
        Assert.Equal(0.5, DecisionThreshold.Choose(scores, labels, ThresholdRule.Youden));
        Assert.Equal(0.5, DecisionThreshold.Choose(scores, labels, ThresholdRule.F1));
    }

    [Fact]
    public void The_gap_between_identical_models_is_zero_with_a_zero_interval()
    {
        var random = new Random(3);
        var labels = Enumerable.Range(0, 300).Select(_ => random.NextDouble() < 0.1 ? 1 : 0).ToArray();
        var scores = labels.Select(l => 0.3 * l + random.NextDouble()).ToArray();

        var same = PrAucDifference.Of(scores, scores, labels, 200, 10, 1);
        var better = PrAucDifference.Of(labels.Select(l => (double)l).ToArray(), scores, labels, 200, 10, 1);

        Assert.Equal((0.0, 0.0, 0.0), (same.Difference, same.Low, same.High));
        Assert.False(same.ClearlyAbove);
        Assert.True(better.ClearlyAbove, $"a perfect ranking against a noisy one: interval {better.Low} … {better.High}");
        Assert.InRange(better.Difference, better.Low, better.High);
        Assert.Equal(200, better.Resamples);
    }
}
