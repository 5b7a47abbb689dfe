using Recur.Tasks.TextClassification;
using static Recur.Tests.TextClassification.ScikitLearnCases;
using static Recur.Tests.TextClassification.ScikitLearnFixture;

namespace Recur.Tests.TextClassification;

/// <summary>Multinomial naive Bayes against scikit-learn's MultinomialNB on the same features, to float precision.</summary>
public sealed class NaiveBayesParityTests
{
    private static ScikitLearnFixture F => ScikitLearnFixture.Load();

    [Theory]
    [MemberData(nameof(Variants), MemberType = typeof(ScikitLearnCases))]
    public void Naive_bayes_matches_scikit_learn_multinomial_nb(string variant)
    {
        int[] labels = F.Ints("small.train.labels");
        var classifier = BagOfWordsClassifier.FitNaiveBayes(SmallTrain, labels, 2, Options(variant));
        var model = classifier.NaiveBayes!;

        AssertClose(F.Numbers($"small.{variant}.nb.class_log_prior"), [model.ClassLogPrior(0), model.ClassLogPrior(1)], 1e-15, "class log prior");
        var logProbabilities = Enumerable.Range(0, 2)
            .SelectMany(c => Enumerable.Range(0, model.Features).Select(j => model.FeatureLogProbability(c, j))).ToArray();
        AssertClose(F.Numbers($"small.{variant}.nb.feature_log_prob"), logProbabilities, 1e-14, "feature log probabilities");
        AssertClose(F.Numbers($"small.{variant}.nb.test.proba"), Flatten(classifier.Predict(SmallTest)), 1e-14, "test probabilities");
    }

    [Fact]
    public void Smoothing_alpha_is_scikit_learns_alpha()
    {
        var classifier = BagOfWordsClassifier.FitNaiveBayes(SmallTrain, F.Ints("small.train.labels"), 2, alpha: 0.5);
        AssertClose(F.Numbers("small.counts.nb_alpha_0_5.test.proba"), Flatten(classifier.Predict(SmallTest)), 1e-14, "alpha 0.5");
    }

    [Fact]
    public void Three_classes_match_scikit_learn()
    {
        int[] labels = F.Ints("multi.train.labels");
        var classifier = BagOfWordsClassifier.FitNaiveBayes([.. SmallTrain, .. MultiExtra], labels, 3);
        var predictions = classifier.Predict([.. SmallTest, "Your flight and hotel are booked"]);
        AssertClose(F.Numbers("multi.nb.test.proba"), Flatten(predictions), 1e-14, "three-class probabilities");
        Assert.Equal(2, predictions.PredictedClasses[^1]);
    }

    [Fact]
    public void Negative_features_and_missing_classes_are_refused()
    {
        var negative = new SparseMatrix(2, 1, [0, 1, 2], [0, 0], [1, -1]);
        Assert.Contains("non-negative", Assert.Throws<ArgumentException>(() => MultinomialNaiveBayes.Fit(negative, [0, 1], 2)).Message);
        var ones = new SparseMatrix(2, 1, [0, 1, 2], [0, 0], [1, 1]);
        Assert.Contains("class 1 has no training items", Assert.Throws<ArgumentException>(() => MultinomialNaiveBayes.Fit(ones, [0, 0], 2)).Message);
        Assert.Contains("label 1 is 2", Assert.Throws<ArgumentOutOfRangeException>(() => MultinomialNaiveBayes.Fit(ones, [0, 2], 2)).Message);
    }
}
