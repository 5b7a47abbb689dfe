using Recur.Data.Text;
using Recur.Tasks.TextClassification;
using Recur.Tests.Data.Text;
using Recur.Training;
using static Recur.Tests.TextClassification.ScikitLearnCases;
using static Recur.Tests.TextClassification.ScikitLearnFixture;

namespace Recur.Tests.TextClassification;

/// <summary>
/// The baselines on the bundled SMS spam collection, split 80/10/10 by StratifiedSplit (seed 42), against scikit-learn
/// on the same split (the script ports the generator and the split) and the same uni+bigram counts.
/// </summary>
public sealed class SmsSpamBaselineTests
{
    private static ScikitLearnFixture F => ScikitLearnFixture.Load();

    private sealed record Split(LabelledTexts Train, LabelledTexts Validation, LabelledTexts Test, int[] TrainIndices, int[] TestIndices);

    private static readonly Lazy<Split> Data = new(() =>
    {
        var sms = SmsSpamReader.Read(RepositoryFiles.Data("text/sms-spam/SMSSpamCollection"));
        var generator = new Generator(42);
        var (rest, test) = StratifiedSplit.Indices(sms.Labels, 0.1, generator);
        var (trainInRest, validationInRest) = StratifiedSplit.Indices(rest.Select(i => sms.Labels[i]).ToArray(), 1.0 / 9, generator);
        int[] train = trainInRest.Select(i => rest[i]).ToArray();
        int[] validation = validationInRest.Select(i => rest[i]).ToArray();
        return new Split(sms.Subset(train), sms.Subset(validation), sms.Subset(test), train, test);
    });

    private static readonly Lazy<BagOfWordsClassifier> NaiveBayes =
        new(() => BagOfWordsClassifier.FitNaiveBayes(Data.Value.Train.Texts, Data.Value.Train.Labels, 2));

    private static readonly Lazy<BagOfWordsClassifier> Logistic =
        new(() => BagOfWordsClassifier.FitLogisticRegression(Data.Value.Train.Texts, Data.Value.Train.Labels, 2));

    [Fact]
    public void The_split_is_the_one_the_reference_script_made()
    {
        var split = Data.Value;
        Assert.Equal(F.Ints("sms.split.sizes"), new[] { split.Train.Count, split.Validation.Count, split.Test.Count });
        Assert.Equal(F.Ints("sms.split.train.first"), split.TrainIndices[..10]);
        Assert.Equal(F.Ints("sms.split.test.first"), split.TestIndices[..10]);
        Assert.Equal(F.Ints("sms.test.labels"), split.Test.Labels);
    }

    [Fact]
    public void Uni_and_bigram_features_are_scikit_learns()
    {
        var features = NaiveBayes.Value.Features;
        Assert.Equal((int)F.Number("sms.feature_count"), features.FeatureCount);
        Assert.Equal(F.Strings("sms.features.first"), features.FeatureNames.Take(20));
        Assert.Equal(F.Strings("sms.features.last"), features.FeatureNames.TakeLast(20));
        Assert.Equal((int)F.Number("sms.train.nonzeros"), features.Transform(Data.Value.Train.Texts).NonZeros);
    }

    [Fact]
    public void Naive_bayes_probabilities_and_scores_match_scikit_learn()
    {
        var predictions = NaiveBayes.Value.Predict(Data.Value.Test.Texts);
        AssertClose(F.Numbers("sms.nb.test.proba1"), predictions.ProbabilitiesOf(1), 1e-12, "P(spam)");
        AssertScores("nb", ClassifierScores.Of(predictions, Data.Value.Test.Labels));
    }

    [Fact]
    public void Logistic_regression_probabilities_and_scores_match_scikit_learn()
    {
        var model = Logistic.Value.LogisticRegression!;
        Assert.True(model.Converged, $"not converged: gradient {model.GradientMaxNorm:g3} after {model.Iterations} iterations");
        var predictions = Logistic.Value.Predict(Data.Value.Test.Texts);
        // At the default tolerance (scikit-learn's 1e-4 on the gradient) against the optimum: 7e-6 apart on this split.
        AssertClose(F.Numbers("sms.lr.test.proba1"), predictions.ProbabilitiesOf(1), 2e-5, "P(spam)");
        AssertScores("lr", ClassifierScores.Of(predictions, Data.Value.Test.Labels));
    }

    [Fact]
    public void Mcnemar_between_the_two_baselines_matches_statsmodels()
    {
        var test = Data.Value.Test;
        int[] actual = test.Labels.ToArray();
        var result = McNemarTest.Compare(NaiveBayes.Value.Predict(test.Texts).PredictedClasses,
            Logistic.Value.Predict(test.Texts).PredictedClasses, actual);
        Assert.Equal(F.Ints("sms.mcnemar_nb_lr.table"),
            new[] { (int)result.BothCorrect, (int)result.OnlyFirstCorrect, (int)result.OnlySecondCorrect, (int)result.BothWrong });
        Assert.Equal(F.Number("sms.mcnemar_nb_lr.pvalue"), result.PValue, 12);
    }

    [Fact]
    public void Majority_baseline_predicts_ham_with_the_training_shares()
    {
        var split = Data.Value;
        var majority = MajorityClassBaseline.Fit(split.Train.Labels, 2);
        Assert.Equal(0, majority.MajorityClass);
        var scores = ClassifierScores.Of(majority.Predict(split.Test.Texts), split.Test.Labels);
        Assert.Equal(split.Test.CountPerClass()[0] / (double)split.Test.Count, scores.Accuracy, 15);
        Assert.Equal(0.5, scores.RocAuc);
        Assert.Equal(0, scores.PositiveF1);
    }

    private static void AssertScores(string model, ClassifierScores scores)
    {
        Assert.Equal(F.Number($"sms.{model}.accuracy"), scores.Accuracy, 15);
        AssertClose(F.Numbers($"sms.{model}.f1"), [scores.Confusion.F1(0), scores.Confusion.F1(1)], 1e-15, "F1 per class");
        Assert.Equal(F.Number($"sms.{model}.macro_f1"), scores.MacroF1, 15);
        Assert.Equal(F.Number($"sms.{model}.roc_auc"), scores.RocAuc!.Value, 6);
        Assert.Equal(F.Number($"sms.{model}.average_precision"), scores.AveragePrecision!.Value, 6);
    }
}
