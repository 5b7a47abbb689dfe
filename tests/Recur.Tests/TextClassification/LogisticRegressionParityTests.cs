using Recur.Tasks.TextClassification;
using static Recur.Tests.TextClassification.ScikitLearnCases;
using static Recur.Tests.TextClassification.ScikitLearnFixture;

namespace Recur.Tests.TextClassification;

/// <summary>
/// L2 logistic regression against scikit-learn's LogisticRegression(C, solver="lbfgs") driven to its optimum, on the
/// same features: the same objective, so the same weights, intercepts and probabilities.
/// </summary>
public sealed class LogisticRegressionParityTests
{
    private static ScikitLearnFixture F => ScikitLearnFixture.Load();

    // As far as the reference went: scikit-learn's solutions have gradients of 2e-8 to 1e-7 (the script prints them).
    private static readonly LogisticRegressionOptions Tight = new() { Tolerance = 1e-7 };

    [Theory]
    [InlineData("counts", 1)]
    [InlineData("counts", 10)]
    [InlineData("binary", 1)]
    [InlineData("binary", 10)]
    [InlineData("tfidf", 1)]
    [InlineData("tfidf", 10)]
    [InlineData("mindf2", 1)]
    [InlineData("max18", 10)]
    public void Binary_logistic_regression_matches_scikit_learn_lbfgs(string variant, int c)
    {
        var classifier = BagOfWordsClassifier.FitLogisticRegression(SmallTrain, F.Ints("small.train.labels"), 2, Options(variant),
            Tight with { C = c });
        var model = classifier.LogisticRegression!;
        Assert.True(model.Converged, $"not converged: gradient {model.GradientMaxNorm:g3} after {model.Iterations} iterations");
        Assert.Equal(1, model.WeightRows);

        string key = $"small.{variant}.lr_c{c}";
        AssertClose(F.Numbers($"{key}.coef"), Enumerable.Range(0, model.Features).Select(j => model.Weight(0, j)).ToArray(), 1e-5, "coef_");
        AssertClose(F.Numbers($"{key}.intercept"), [model.Intercept(0)], 1e-5, "intercept_");
        AssertClose(F.Numbers($"{key}.test.proba"), Flatten(classifier.Predict(SmallTest)), 2e-6, "predict_proba");
    }

    [Fact]
    public void Default_tolerance_is_within_1e_4_of_the_optimum()
    {
        var classifier = BagOfWordsClassifier.FitLogisticRegression(SmallTrain, F.Ints("small.train.labels"), 2);
        Assert.True(classifier.LogisticRegression!.Converged);
        AssertClose(F.Numbers("small.counts.lr_c1.test.proba"), Flatten(classifier.Predict(SmallTest)), 1e-4, "predict_proba at tol 1e-4");
    }

    [Fact]
    public void Three_classes_match_scikit_learn_multinomial()
    {
        var classifier = BagOfWordsClassifier.FitLogisticRegression([.. SmallTrain, .. MultiExtra], F.Ints("multi.train.labels"), 3,
            options: Tight);
        var model = classifier.LogisticRegression!;
        Assert.True(model.Converged, $"not converged: gradient {model.GradientMaxNorm:g3} after {model.Iterations} iterations");
        Assert.Equal(3, model.WeightRows);
        Assert.Equal(F.Strings("multi.features"), classifier.Features.FeatureNames);
        var coef = Enumerable.Range(0, 3).SelectMany(k => Enumerable.Range(0, model.Features).Select(j => model.Weight(k, j))).ToArray();
        AssertClose(F.Numbers("multi.lr_c1.coef"), coef, 1e-5, "coef_");
        AssertClose(F.Numbers("multi.lr_c1.intercept"), [model.Intercept(0), model.Intercept(1), model.Intercept(2)], 1e-5, "intercept_");
        AssertClose(F.Numbers("multi.lr_c1.test.proba"), Flatten(classifier.Predict([.. SmallTest, "Your flight and hotel are booked"])),
            2e-6, "predict_proba");
    }

    [Fact]
    public void Fitting_twice_gives_the_same_model_bit_for_bit()
    {
        int[] labels = F.Ints("small.train.labels");
        var a = BagOfWordsClassifier.FitLogisticRegression(SmallTrain, labels, 2).Predict(SmallTest);
        var b = BagOfWordsClassifier.FitLogisticRegression(SmallTrain, labels, 2).Predict(SmallTest);
        Assert.Equal(Flatten(a), Flatten(b));
    }

    [Fact]
    public void Bad_settings_and_mismatched_features_are_refused()
    {
        var x = new SparseMatrix(2, 1, [0, 1, 2], [0, 0], [1, 2]);
        Assert.Throws<ArgumentOutOfRangeException>(() => LogisticRegression.Fit(x, [0, 1], 2, new LogisticRegressionOptions { C = 0 }));
        Assert.Contains("2 training items but 3 labels", Assert.Throws<ArgumentException>(() => LogisticRegression.Fit(x, [0, 1, 1], 2)).Message);
        var model = LogisticRegression.Fit(x, [0, 1], 2);
        var wide = new SparseMatrix(1, 2, [0, 1], [1], [1]);
        Assert.Contains("fitted on 1 features but given 2", Assert.Throws<ArgumentException>(() => model.Predict(wide)).Message);
    }
}
