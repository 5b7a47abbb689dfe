using System.Diagnostics;
using Recur.Losses;
using Recur.Optim;
using Recur.Serialization;
using Recur.Tasks.Recipes;
using Recur.Training;

namespace Recur.Tasks.RiseClassification;

/// <summary>
/// The course's up/down exercise as a recipe: from a daily price CSV compute moving-average and MACD features, label each
/// day by whether the close rises by X % within N days, and train a recurrent network on windows of features with the
/// rare rises weighted up; choose its decision threshold on a validation span, and score it on the test span with the
/// measures that mean something for rare events (PR-AUC, ROC-AUC, precision, recall, F1, the confusion matrix) beside
/// always-no and a logistic regression on the same features.
/// </summary>
public sealed class RiseClassifier
{
    private RiseData? _data;

    /// <summary>Creates the recipe; <see cref="Run"/> does the work.</summary>
    public RiseClassifier(RiseOptions options)
    {
        Options = options ?? throw new ArgumentNullException(nameof(options));
        Options.Validate();
    }

    /// <summary>The run's options.</summary>
    public RiseOptions Options { get; }

    /// <summary>Where the checkpoint is written after training (its <see cref="RecipeCheckpoint.Folder"/>), or null for none.</summary>
    public string? OutputDirectory { get; init; }

    /// <summary>Raised after each training epoch.</summary>
    public event Action<EpochRecord>? EpochCompleted;

    /// <summary>Reads the file and prepares the samples: everything that can fail on bad input, before any training.</summary>
    public void Prepare() => _data ??= RiseData.Load(Options);

    /// <summary>Reads, trains, chooses thresholds, scores and compares. Cancelling stops between training steps.</summary>
    public RiseResult Run(CancellationToken cancellationToken = default)
    {
        var o = Options;
        Prepare();
        var data = _data!;
        var (train, validation, test) = (data.Train, data.Validation, data.Test);
        var targets = Tensor.FromArray(data.Labels.Select(l => (float)l).ToArray(), data.Labels.Length, 1);
        var trainSet = new TensorDataset(data.Windows.Slice(train.Start, train.Count), targets.Slice(train.Start, train.Count));
        var validationSet = new TensorDataset(data.Windows.Slice(validation.Start, validation.Count), targets.Slice(validation.Start, validation.Count));

        var provisional = new RiseConfig(o, data.Features.Names, data.Scaler, data.Range, double.NaN);
        var network = provisional.CreateNetwork(new Generator(o.Seed));
        var positiveWeight = o.Weighting == ClassWeighting.Balanced ? ClassWeights.PositiveWeights(trainSet.Targets) : null;
        var trainer = new Trainer(network, new BCEWithLogitsLoss(posWeight: positiveWeight), new Adam(network.Parameters(), o.LearningRate),
            new TrainerOptions { Epochs = o.Epochs, BatchSize = o.BatchSize, Shuffle = true, Seed = o.Seed })
        {
            EarlyStopping = new EarlyStopping(o.Patience, restoreBest: true),
        };
        trainer.EpochCompleted += record => EpochCompleted?.Invoke(record);
        var clock = Stopwatch.StartNew();
        var history = trainer.Fit(trainSet, validationSet, cancellationToken);
        clock.Stop();
        int bestEpoch = history.RestoredEpoch ?? history.Epochs[^1].Epoch;

        double[] Probabilities(RiseData.Span span) =>
            trainer.Predict(data.Windows.Slice(span.Start, span.Count)).ToArray().Select(z => 1 / (1 + Math.Exp(-(double)z))).ToArray();
        var models = new List<RiseModelResult> { Score("network", $"{o.Model.ToString().ToUpperInvariant()} network", Probabilities(validation), Probabilities(test)) };

        var trainLabels = data.LabelsOf(train);
        var logistic = FeatureLogisticRegression.Fit(Rows(data.DayFeatures, train), trainLabels,
            o.Weighting == ClassWeighting.Balanced ? FeatureLogisticRegression.BalancedWeights(trainLabels) : null, o.Regularization);
        models.Add(Score("logistic", "logistic regression",
            logistic.PredictProbabilities(Rows(data.DayFeatures, validation)), logistic.PredictProbabilities(Rows(data.DayFeatures, test))));
        models.Add(AlwaysNo(data));

        var config = provisional with { Threshold = models[0].Test.Threshold };
        if (OutputDirectory is not null)
            new Checkpoint { Epoch = bestEpoch, Weights = network.StateDict(), Config = config.ToJson() }
                .Save(Path.Combine(OutputDirectory, RecipeCheckpoint.Folder));

        var testLabels = data.LabelsOf(test);
        int block = Math.Max(10, 2 * o.Within);
        PrAucDifference? Against(string key) => o.BootstrapResamples == 0 ? null
            : PrAucDifference.Of(models[0].TestProbabilities, models.Single(m => m.Key == key).TestProbabilities, testLabels, o.BootstrapResamples, block, o.Seed);
        return new RiseResult
        {
            Series = data.Series, DataNotes = data.Notes, Config = config, Summary = ModelSummary.Of(network),
            TestRows = data.Rows[test.Start..test.End], TestLabels = testLabels,
            Samples = (train.Count, validation.Count, test.Count, data.Purged),
            BaseRates = (data.BaseRate(train), data.BaseRate(validation), data.BaseRate(test)),
            PositiveWeight = positiveWeight?.Item(), Models = models, Logistic = logistic, History = history, BestEpoch = bestEpoch,
            TrainingTime = clock.Elapsed, AgainstLogistic = Against("logistic"), AgainstAlwaysNo = Against("always_no"),
        };

        RiseModelResult Score(string key, string name, double[] validationProbabilities, double[] testProbabilities)
        {
            double threshold = DecisionThreshold.Choose(validationProbabilities, data.LabelsOf(validation), o.Threshold);
            return new RiseModelResult(key, name, validationProbabilities, testProbabilities,
                RiseScores.Of(validationProbabilities, data.LabelsOf(validation), threshold), RiseScores.Of(testProbabilities, data.LabelsOf(test), threshold));
        }
    }

    // Always-no gives every day the same score and never calls a rise: its PR-AUC is the base rate, its ROC-AUC ½.
    private static RiseModelResult AlwaysNo(RiseData data)
    {
        var validation = new double[data.Validation.Count];
        var test = new double[data.Test.Count];
        return new RiseModelResult("always_no", "always no", validation, test,
            RiseScores.Of(validation, data.LabelsOf(data.Validation), double.PositiveInfinity),
            RiseScores.Of(test, data.LabelsOf(data.Test), double.PositiveInfinity));
    }

    private static double[,] Rows(double[,] matrix, RiseData.Span span)
    {
        var rows = new double[span.Count, matrix.GetLength(1)];
        for (int r = 0; r < span.Count; r++)
            for (int c = 0; c < matrix.GetLength(1); c++) rows[r, c] = matrix[span.Start + r, c];
        return rows;
    }
}
