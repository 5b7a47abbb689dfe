using Recur.Tasks.TextClassification;

namespace Recur.Tests.TextClassification;

public sealed class ClassPredictionsTests
{
    [Fact]
    public void The_predicted_class_is_the_most_probable_and_the_lowest_among_ties()
    {
        var predictions = new ClassPredictions([0.2, 0.5, 0.3, 0.4, 0.2, 0.4, 0.5, 0.5, 0.0], 3);
        Assert.Equal([1, 0, 0], predictions.PredictedClasses.ToArray());
        Assert.Equal([0.3, 0.4, 0.0], predictions.ProbabilitiesOf(2));
    }

    [Fact]
    public void Sigmoid_outputs_become_two_class_predictions()
    {
        var predictions = ClassPredictions.FromPositiveProbabilities([0.9f, 0.5f, 0.1f]);
        Assert.Equal([1, 0, 0], predictions.PredictedClasses.ToArray());
        Assert.Equal(1 - (double)0.9f, predictions[0, 0], 15);
    }

    [Fact]
    public void Bad_probabilities_are_refused_naming_the_item()
    {
        Assert.Contains("item 1, class 0 has probability 1.5",
            Assert.Throws<ArgumentException>(() => new ClassPredictions([0.5, 0.5, 1.5, 0], 2)).Message);
        Assert.Contains("not a whole number of rows", Assert.Throws<ArgumentException>(() => new ClassPredictions([0.5, 0.5, 1], 2)).Message);
    }

    [Fact]
    public void Scores_leave_ranking_metrics_out_where_they_are_undefined()
    {
        var predictions = new ClassPredictions([0.8, 0.2, 0.3, 0.7], 2);
        var oneClass = ClassifierScores.Of(predictions, [0, 0]);
        Assert.Null(oneClass.RocAuc);
        Assert.Null(oneClass.AveragePrecision);
        Assert.Equal(0.5, oneClass.Accuracy);
        var three = ClassifierScores.Of(new ClassPredictions([0.8, 0.1, 0.1], 3), [0]);
        Assert.Null(three.RocAuc);
        Assert.Equal(1.0, three.Accuracy);
    }

    [Fact]
    public void Majority_baseline_breaks_ties_towards_the_lowest_class()
    {
        var majority = MajorityClassBaseline.Fit([2, 1, 2, 1, 0], 3);
        Assert.Equal(1, majority.MajorityClass);
        Assert.Equal([0.2, 0.4, 0.4], majority.ClassShares);
        Assert.Equal([1, 1], majority.Predict(["a", "b"]).PredictedClasses.ToArray());
    }
}
