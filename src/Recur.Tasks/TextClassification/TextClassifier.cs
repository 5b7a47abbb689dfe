using System.Diagnostics;
using System.Text.Json.Nodes;
using Recur.Losses;
using Recur.Nn;
using Recur.Optim;
using Recur.Serialization;
using Recur.Training;

namespace Recur.Tasks.TextClassification;

/// <summary>
/// The course's spam and sentiment exercises as a recipe: read labelled texts, split them stratified into training,
/// validation and test parts, fix the tokenizer, vocabulary and length on the training part, train an embedding and a
/// recurrent (or convolutional) network with early stopping on the validation loss, and score its test predictions
/// beside the majority class and bag-of-words naive Bayes and logistic regression trained on the same texts, with
/// McNemar's test against the best of them.
/// </summary>
public sealed class TextClassifier
{
    /// <summary>The checkpoint's sub-directory of an output directory.</summary>
    public const string CheckpointFolder = Recipes.RecipeCheckpoint.Folder;

    private ClassifyData? _data;

    /// <summary>Creates the recipe; <see cref="Run"/> does the work.</summary>
    public TextClassifier(ClassifyOptions options)
    {
        Options = options ?? throw new ArgumentNullException(nameof(options));
        Options.Validate();
    }

    /// <summary>The run's settings.</summary>
    public ClassifyOptions Options { get; }

    /// <summary>Where the checkpoint is written during training (its <see cref="CheckpointFolder"/>), or null for none.</summary>
    public string? OutputDirectory { get; init; }

    /// <summary>Continue from the checkpoint in <see cref="OutputDirectory"/> instead of starting afresh.</summary>
    public bool Resume { get; init; }

    /// <summary>When resuming, start the optimizer afresh instead of restoring its state (which is otherwise required).</summary>
    public bool ResetOptimizer { get; init; }

    /// <summary>Raised after each training epoch.</summary>
    public event Action<EpochRecord>? EpochCompleted;

    /// <summary>Raised after each optimizer step.</summary>
    public event Action<TrainingProgress>? StepCompleted;

    /// <summary>The texts, split and encoded (after <see cref="Prepare"/>).</summary>
    public ClassifyData Data => _data ?? throw new InvalidOperationException("TextClassifier: call Prepare or Run first.");

    /// <summary>
    /// Reads, splits and encodes the texts and checks that the network fits in memory: everything that can fail on bad
    /// input, before any training.
    /// </summary>
    public void Prepare()
    {
        if (_data is not null) return;
        var data = ClassifyData.Load(Options);
        TextNetworkConfig.From(Options, data.Tokenization, data.ClassNames.Count).RequireMemory(Options.BatchSize);
        _data = data;
    }

    /// <summary>Reads, trains, predicts and scores. Cancelling stops between training steps, keeping the last checkpoint.</summary>
    public ClassifyResult Run(CancellationToken cancellationToken = default)
    {
        var o = Options;
        Prepare();
        var data = _data!;
        var config = TextClassifierConfig.Of(o, data);
        var network = config.Network.Create(new Generator(o.Seed));
        var summary = network.Summary();
        int classes = data.ClassNames.Count;
        var trainer = new Trainer(network, CreateLoss(data), CreateOptimizer(network), new TrainerOptions
        {
            Epochs = o.Epochs,
            BatchSize = o.BatchSize,
            Shuffle = true,
            Seed = o.Seed,
        }, [data.IsBinary ? new BinaryAccuracy(fromLogits: true, name: "accuracy") : new Accuracy()])
        {
            CheckpointDirectory = OutputDirectory is null ? null : Path.Combine(OutputDirectory, CheckpointFolder),
            CheckpointConfig = config.ToJson(),
            EarlyStopping = o.Patience is int patience ? new EarlyStopping(patience, restoreBest: true) : null,
        };
        trainer.EpochCompleted += record => EpochCompleted?.Invoke(record);
        trainer.ResetOptimizerOnResume = ResetOptimizer;
        trainer.StepCompleted += progress => StepCompleted?.Invoke(progress);

        Checkpoint? resumeFrom = Resume ? LoadForResume(config) : null;
        var clock = Stopwatch.StartNew();
        var history = trainer.Fit(data.TrainSet, data.ValidationSet, cancellationToken, resumeFrom);
        clock.Stop();

        // The slides' toy has no test part: it shows the network's reading of its own four words.
        var scored = data.TestSet is null ? data.Train : data.Test;
        var scoredSet = data.TestSet ?? data.TrainSet;
        var predictions = ClassProbabilities.Of(Logits(network, scoredSet.Inputs, scoredSet.Lengths), classes);
        var test = new List<ClassifiedText>(scored.Count);
        for (int i = 0; i < scored.Count; i++)
        {
            int predicted = predictions.PredictedClasses[i];
            test.Add(new ClassifiedText(scored.Texts[i], scored.Labels[i], predicted, predictions[i, predicted], predictions[i, classes == 2 ? 1 : predicted]));
        }

        var baselines = data.TestSet is null ? [] : Baselines(data);
        var best = baselines.Count == 0 ? null : baselines.MaxBy(b => b.Scores.Accuracy);
        return new ClassifyResult
        {
            Options = o, Data = data, Config = config, Summary = summary, History = history, ResumedAfterEpoch = resumeFrom?.Epoch,
            TrainingTime = clock.Elapsed, Test = test, NetworkPredictions = predictions,
            Network = ClassifierScores.Of(predictions, scored.Labels), Baselines = baselines,
            AgainstBestBaseline = best is null ? null
                : McNemarTest.Compare(predictions.PredictedClasses, best.Predictions.PredictedClasses, scored.Labels.ToArray()),
        };
    }

    /// <summary>
    /// The network's logits for padded ids <c>[N, T]</c> with their <paramref name="lengths"/>, in evaluation mode and
    /// without recording gradients, in batches of 256.
    /// </summary>
    public static Tensor Logits(Sequential network, Tensor ids, SequenceLengths? lengths)
    {
        ArgumentNullException.ThrowIfNull(network);
        ArgumentNullException.ThrowIfNull(ids);
        bool wasTraining = network.Training;
        network.Eval();
        try
        {
            using var _ = new NoGradScope();
            const int Batch = 256;
            int n = ids.Dim(0);
            var parts = new List<Tensor>();
            for (int start = 0; start < n; start += Batch)
            {
                int count = Math.Min(Batch, n - start);
                parts.Add(network.Forward(ids.Slice(start, count), lengths?.Slice(start, count)));
            }
            return Tensor.Concat(parts, axis: 0);
        }
        finally
        {
            network.Train(wasTraining);
        }
    }

    private Loss CreateLoss(ClassifyData data)
    {
        int classes = data.ClassNames.Count;
        if (!Options.BalanceClasses)
            return data.IsBinary ? new BCEWithLogitsLoss() : new CrossEntropyLoss();
        var weights = ClassWeights.Balanced(data.Train.Labels.ToArray(), classes);
        // Two classes: the positive class's weight relative to the negative's is PyTorch's pos_weight.
        return data.IsBinary
            ? new BCEWithLogitsLoss(posWeight: Tensor.FromArray([weights[1] / weights[0]], 1))
            : new CrossEntropyLoss(weight: weights);
    }

    private Optimizer CreateOptimizer(Sequential network) => Options.Optimizer == TextOptimizer.RMSprop
        ? new RMSprop(network.Parameters(), lr: Options.LearningRate, alpha: 0.9f, eps: 1e-7f)
        : new Adam(network.Parameters(), lr: Options.LearningRate);

    private static List<BaselineResult> Baselines(ClassifyData data)
    {
        int classes = data.ClassNames.Count;
        var texts = data.Train.Texts;
        var labels = data.Train.Labels;
        var test = data.Test;
        ITextClassifier[] models =
        [
            MajorityClassBaseline.Fit(labels, classes),
            BagOfWordsClassifier.FitNaiveBayes(texts, labels, classes),
            BagOfWordsClassifier.FitLogisticRegression(texts, labels, classes),
        ];
        return models.Select(m =>
        {
            var p = m.Predict(test.Texts);
            return new BaselineResult(m.Name, p, ClassifierScores.Of(p, test.Labels));
        }).ToList();
    }

    private Checkpoint LoadForResume(TextClassifierConfig config)
    {
        if (OutputDirectory is null)
            throw new ClassifySettingException(ClassifySetting.OutputDirectory, "is needed to resume: it names the run to continue.");
        string directory = Path.Combine(OutputDirectory, CheckpointFolder);
        if (!Checkpoint.Exists(directory))
            throw new InvalidDataException($"cannot resume: '{OutputDirectory}' holds no checkpoint to continue ({directory} has no {Checkpoint.ManifestName}).");
        var checkpoint = Checkpoint.Load(directory, withOptimizer: !ResetOptimizer);
        var now = config.ToJson();
        foreach (string key in new[] { "recipe", "classes", "tokenization", "model", "training" })
            if (!JsonNode.DeepEquals(checkpoint.Config[key], now[key]))
                throw new InvalidDataException(
                    $"cannot resume: the checkpoint in {directory} was trained with other {key} settings; use the same options, or a new output directory.");
        if (checkpoint.Epoch >= Options.Epochs)
            throw new ClassifySettingException(ClassifySetting.Epochs, $"must be above the {checkpoint.Epoch} epochs the checkpoint has trained, to resume it.");
        return checkpoint;
    }
}
