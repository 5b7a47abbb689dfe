using System.Diagnostics;
using System.Text.Json.Nodes;
using Recur.Losses;
using Recur.Nn;
using Recur.Optim;
using Recur.Serialization;

namespace Recur.Training;

/// <summary>
/// Trains a layer on a dataset (Keras' <c>fit</c>, written as PyTorch's loop): per batch zero the gradients, forward,
/// loss, backward, clip, step; per epoch validate, schedule the learning rate, and watch for early stopping.
/// Metrics (accuracy, precision…) are measured on each epoch's training batches and on the validation data.
/// </summary>
public sealed class Trainer
{
    private readonly Layer _model;
    private readonly Loss _loss;
    private readonly Optimizer _optimizer;
    private readonly Metric[] _metrics;

    /// <summary>Binds the model, its loss, its optimizer and the metrics to report (Keras' <c>compile</c>).</summary>
    /// <param name="model">The layer to train.</param>
    /// <param name="loss">The loss; it must reduce to one value (mean or sum).</param>
    /// <param name="optimizer">The optimizer of the model's parameters.</param>
    /// <param name="options">How training runs; the defaults when null.</param>
    /// <param name="metrics">Metrics measured each epoch on the training batches and on the validation data, under
    /// distinct names; the trainer resets and updates them (give each trainer its own instances).</param>
    public Trainer(Layer model, Loss loss, Optimizer optimizer, TrainerOptions? options = null, IEnumerable<Metric>? metrics = null)
    {
        _model = model ?? throw new ArgumentNullException(nameof(model));
        _loss = loss ?? throw new ArgumentNullException(nameof(loss));
        if (loss.Reduction == Reduction.None)
            throw new ArgumentException($"Trainer: the loss {loss.GetType().Name} has Reduction.None; training needs one value per batch (Mean or Sum).", nameof(loss));
        _optimizer = optimizer ?? throw new ArgumentNullException(nameof(optimizer));
        Options = options ?? new TrainerOptions();
        Options.Validate();
        _metrics = metrics?.ToArray() ?? [];
        var names = new HashSet<string>(StringComparer.Ordinal);
        foreach (var metric in _metrics)
        {
            if (metric is null) throw new ArgumentException("Trainer: a metric is null.", nameof(metrics));
            if (!names.Add(metric.Name))
                throw new ArgumentException($"Trainer: two metrics are named '{metric.Name}'; give one another name.", nameof(metrics));
        }
    }

    /// <summary>How training runs.</summary>
    public TrainerOptions Options { get; }

    /// <summary>The metrics reported each epoch, in the order given.</summary>
    public IReadOnlyList<Metric> Metrics => _metrics;

    /// <summary>A learning-rate schedule stepped after every epoch, or null.</summary>
    public LearningRateSchedule? Schedule { get; init; }

    /// <summary>Early stopping, or null to run every epoch.</summary>
    public EarlyStopping? EarlyStopping { get; init; }

    /// <summary>When set, a <see cref="Checkpoint"/> is written there every <see cref="CheckpointEvery"/> epochs and after the last.</summary>
    public string? CheckpointDirectory { get; init; }

    /// <summary>
    /// When set, a <see cref="Checkpoint"/> is written there each time the monitored loss (the validation loss, or the
    /// training loss without validation data) reaches a new minimum: the best model so far, kept apart from the latest.
    /// </summary>
    public string? BestCheckpointDirectory { get; init; }

    /// <summary>Epochs between checkpoints.</summary>
    public int CheckpointEvery { get; init; } = 1;

    /// <summary>The recipe's description of the model and its data handling, stored in every checkpoint.</summary>
    public JsonObject CheckpointConfig { get; init; } = [];

    /// <summary>
    /// On resume, start the optimizer afresh (zero moments) instead of restoring the checkpoint's optimizer state. Without
    /// it, a checkpoint with no optimizer state, or one that does not fit the optimizer, is refused: continuing with fresh
    /// moments changes the run, so it must be asked for.
    /// </summary>
    public bool ResetOptimizerOnResume { get; set; }

    /// <summary>Raised after every optimizer step.</summary>
    public event Action<TrainingProgress>? StepCompleted;

    /// <summary>Raised after every epoch with its record.</summary>
    public event Action<EpochRecord>? EpochCompleted;

    /// <summary>
    /// Trains on <paramref name="train"/>; validates on <paramref name="validation"/>, or on the last
    /// <see cref="TrainerOptions.ValidationSplit"/> of <paramref name="train"/>. Cancelling stops between steps with an
    /// <see cref="OperationCanceledException"/>; a NaN or infinite loss stops with a <see cref="TrainingDivergedException"/>.
    /// </summary>
    /// <remarks>
    /// With <paramref name="resumeFrom"/>, training continues after the checkpoint's epoch up to
    /// <see cref="TrainerOptions.Epochs"/> with the checkpoint's weights, optimizer moments, the shuffling, default and
    /// model generators' states (<see cref="RandomStates"/>: dropout masks), schedule and history: with the same data and seed the run is bit for bit the run that was never
    /// interrupted, metrics included, also when it resumes with another <see cref="Kernels.KernelThreads.Max"/>. (Early
    /// stopping's counters are not kept: they restart on resume.)
    /// </remarks>
    public History Fit(TensorDataset train, TensorDataset? validation = null, CancellationToken cancellationToken = default,
        Checkpoint? resumeFrom = null)
    {
        ArgumentNullException.ThrowIfNull(train);
        if (validation is null && Options.ValidationSplit > 0)
        {
            int held = (int)(train.Count * Options.ValidationSplit);
            if (held == 0 || held == train.Count)
                throw new ArgumentException($"ValidationSplit {Options.ValidationSplit} of {train.Count} samples leaves no training or no validation samples.");
            validation = train.Slice(train.Count - held, held);
            train = train.Slice(0, train.Count - held);
        }
        var shuffling = new Generator(Options.Seed);
        var loader = new DataLoader(train, Options.BatchSize, Options.Shuffle, shuffling, Options.DropLast);
        if (loader.Count == 0)
            throw new ArgumentException($"{train.Count} training samples make no batch of {Options.BatchSize} with DropLast.");

        var history = new History();
        int firstEpoch = 1;
        if (resumeFrom is not null)
        {
            Restore(resumeFrom, shuffling, history);
            firstEpoch = resumeFrom.Epoch + 1;
        }
        double bestLoss = history.Epochs.Count == 0 ? double.PositiveInfinity : history.Epochs.Min(e => e.ValidationLoss ?? e.Loss);
        var clock = Stopwatch.StartNew();
        int totalSteps = (Options.Epochs - firstEpoch + 1) * loader.Count, stepsDone = 0;
        for (int epoch = firstEpoch; epoch <= Options.Epochs; epoch++)
        {
            var epochClock = Stopwatch.StartNew();
            float learningRate = _optimizer.LearningRate;
            _model.Train();
            double lossSum = 0;
            long samples = 0;
            int step = 0;
            ResetMetrics();
            foreach (var batch in loader)
            {
                cancellationToken.ThrowIfCancellationRequested();
                step++;
                _optimizer.ZeroGrad();
                var outputs = Run(batch.Inputs, batch.Lengths);
                var loss = _loss.Forward(outputs, batch.Targets);
                UpdateMetrics(outputs, batch.Targets);
                float value = loss.Item();
                if (!float.IsFinite(value))
                    throw new TrainingDivergedException(
                        $"The loss became {value} at epoch {epoch}, step {step} of {loader.Count}: lower the learning rate, clip gradients, or check the data for NaN.");
                loss.Backward();
                if (Options.ClipGradNorm is float maxNorm) GradientClipping.ClipGradNorm(_optimizer.Parameters, maxNorm);
                _optimizer.Step();
                lossSum += (double)value * batch.Size;
                samples += batch.Size;
                stepsDone++;
                var elapsed = clock.Elapsed;
                StepCompleted?.Invoke(new TrainingProgress(epoch, Options.Epochs, step, loader.Count, value, elapsed,
                    elapsed * ((double)(totalSteps - stepsDone) / stepsDone)));
            }
            var trainingMetrics = MetricValues();
            var validationResult = validation is null ? null : Measure(validation, withMetrics: true);
            double? validationLoss = validationResult?.Loss;
            var record = new EpochRecord(epoch, lossSum / samples, validationLoss, learningRate, epochClock.Elapsed)
            {
                Metrics = trainingMetrics,
                ValidationMetrics = validationResult is null ? new Dictionary<string, double>() : validationResult.Metrics,
            };
            history.Add(record);
            EpochCompleted?.Invoke(record);
            Schedule?.Step(validationLoss);
            double monitored = validationLoss ?? record.Loss;
            bool stop = EarlyStopping is { } stopping && stopping.Observe(epoch, monitored, _model);
            if (CheckpointDirectory is not null && (epoch % CheckpointEvery == 0 || epoch == Options.Epochs || stop))
                Save(CheckpointDirectory, epoch, shuffling, history);
            if (BestCheckpointDirectory is not null && monitored < bestLoss)
            {
                bestLoss = monitored;
                Save(BestCheckpointDirectory, epoch, shuffling, history);
            }
            if (stop)
            {
                history.StoppedEarly = $"no improvement for {EarlyStopping!.Patience} epoch(s) after epoch {EarlyStopping.BestEpoch}";
                break;
            }
        }
        if (EarlyStopping is { RestoreBest: true, BestWeights: { } best } es && es.BestEpoch != history.Epochs[^1].Epoch)
        {
            foreach (var (name, parameter) in _model.NamedParameters()) best[name].CopyTo(parameter.Span);
            history.RestoredEpoch = es.BestEpoch;
        }
        return history;
    }

    /// <summary>The mean loss over <paramref name="data"/>, in evaluation mode and without recording gradients.</summary>
    public double Evaluate(TensorDataset data) => Measure(data, withMetrics: false).Loss;

    /// <summary>
    /// The mean loss and every metric over <paramref name="data"/>, in evaluation mode and without recording gradients
    /// (Keras' <c>evaluate(return_dict=True)</c>). The metrics are reset first and hold the result afterwards.
    /// </summary>
    public Evaluation EvaluateWithMetrics(TensorDataset data) => Measure(data, withMetrics: true);

    private Evaluation Measure(TensorDataset data, bool withMetrics)
    {
        ArgumentNullException.ThrowIfNull(data);
        bool wasTraining = _model.Training;
        _model.Eval();
        try
        {
            using var _ = new NoGradScope();
            if (withMetrics) ResetMetrics();
            double sum = 0;
            foreach (var batch in new DataLoader(data, Options.BatchSize))
            {
                var outputs = Run(batch.Inputs, batch.Lengths);
                sum += (double)_loss.Forward(outputs, batch.Targets).Item() * batch.Size;
                if (withMetrics) UpdateMetrics(outputs, batch.Targets);
            }
            return new Evaluation(sum / data.Count, withMetrics ? MetricValues() : new Dictionary<string, double>());
        }
        finally
        {
            _model.Train(wasTraining);
        }
    }

    private void ResetMetrics()
    {
        foreach (var metric in _metrics) metric.Reset();
    }

    /// <summary>Adds a batch to every metric, off the tape (a metric built from tensor ops records nothing).</summary>
    private void UpdateMetrics(Tensor outputs, Tensor targets)
    {
        if (_metrics.Length == 0) return;
        using var _ = new NoGradScope();
        foreach (var metric in _metrics) metric.Update(outputs, targets);
    }

    private Dictionary<string, double> MetricValues()
    {
        var values = new Dictionary<string, double>(_metrics.Length, StringComparer.Ordinal);
        foreach (var metric in _metrics) values[metric.Name] = metric.Value;
        return values;
    }

    /// <summary>
    /// The model's outputs for the inputs of <paramref name="data"/> in their order, in evaluation mode, batch by batch
    /// (the batches <see cref="Predict(Tensor, SequenceLengths?)"/> would make of the same inputs, so the same numbers);
    /// a dataset whose inputs come from an <see cref="ISampleSource"/> makes them one batch at a time.
    /// </summary>
    public Tensor Predict(TensorDataset data)
    {
        ArgumentNullException.ThrowIfNull(data);
        return Evaluating(parts =>
        {
            foreach (var batch in new DataLoader(data, Options.BatchSize))
                parts.Add(Run(batch.Inputs, batch.Lengths));
        });
    }

    /// <summary>The model's outputs for <paramref name="inputs"/> (first dimension = samples), in evaluation mode, batch by batch.</summary>
    public Tensor Predict(Tensor inputs, SequenceLengths? lengths = null)
    {
        ArgumentNullException.ThrowIfNull(inputs);
        return Evaluating(parts =>
        {
            int n = inputs.Dim(0);
            for (int start = 0; start < n; start += Options.BatchSize)
            {
                int count = Math.Min(Options.BatchSize, n - start);
                parts.Add(Run(inputs.Slice(start, count), lengths?.Slice(start, count)));
            }
        });
    }

    // The outputs addBatches collects, concatenated, with the model in evaluation mode and nothing recorded.
    private Tensor Evaluating(Action<List<Tensor>> addBatches)
    {
        bool wasTraining = _model.Training;
        _model.Eval();
        try
        {
            using var _ = new NoGradScope();
            var parts = new List<Tensor>();
            addBatches(parts);
            return Tensor.Concat(parts, axis: 0);
        }
        finally
        {
            _model.Train(wasTraining);
        }
    }

    private void Save(string directory, int epoch, Generator shuffling, History history) =>
        TrainingCheckpoint.Save(directory, epoch, _model, _optimizer, CheckpointConfig, Schedule, history, Generators(shuffling));

    private void Restore(Checkpoint checkpoint, Generator shuffling, History history) =>
        TrainingCheckpoint.Restore(checkpoint, Options.Epochs, _model, _optimizer, Schedule, history, Generators(shuffling), ResetOptimizerOnResume);

    private static (string, Generator)[] Generators(Generator shuffling) =>
        [("shuffle_generator", shuffling), ("default_generator", Generator.Default)];

    private Tensor Run(Tensor inputs, SequenceLengths? lengths) =>
        lengths is not null && _model is ISequenceLayer sequenceModel ? sequenceModel.Forward(inputs, lengths) : _model.Forward(inputs);
}
