using System.Diagnostics;
using System.Text.Json.Nodes;
using Recur.Nn;
using Recur.Optim;
using Recur.Serialization;

namespace Recur.Training;

/// <summary>
/// Trains a model on long sequences by truncated backpropagation through time, as PyTorch's <c>word_language_model</c>
/// example and Zaremba et al. do: the chunks of an epoch are visited in order, each starting from the state the previous
/// one ended with, detached (gradients stop at the chunk's start, values carry on); the state is zero at the start of
/// every epoch. Per chunk: zero the gradients, loss, backward, clip, step. Per epoch: the validation loss over a whole
/// split with the same carry (<see cref="Evaluate"/>), the learning-rate schedule, and a checkpoint.
/// </summary>
/// <typeparam name="TModel">The model: a module that reads a chunk from a state (<see cref="IStatefulSequenceModel"/>).</typeparam>
public sealed class TruncatedBpttTrainer<TModel> where TModel : Module, IStatefulSequenceModel
{
    private readonly TModel _model;
    private readonly Optimizer _optimizer;

    /// <summary>Binds the model, its optimizer and how training runs.</summary>
    public TruncatedBpttTrainer(TModel model, Optimizer optimizer, TruncatedBpttOptions? options = null)
    {
        _model = model ?? throw new ArgumentNullException(nameof(model));
        _optimizer = optimizer ?? throw new ArgumentNullException(nameof(optimizer));
        Options = options ?? new TruncatedBpttOptions();
        Options.Validate();
    }

    /// <summary>How training runs.</summary>
    public TruncatedBpttOptions Options { get; }

    /// <summary>A learning-rate schedule stepped after every epoch with the validation loss, or null.</summary>
    public LearningRateSchedule? Schedule { get; init; }

    /// <summary>When set, a <see cref="Checkpoint"/> is written there after every epoch.</summary>
    public string? CheckpointDirectory { get; init; }

    /// <summary>The recipe's description of the model and its data handling, stored in every checkpoint.</summary>
    public JsonObject CheckpointConfig { get; init; } = [];

    /// <summary>
    /// Resume with a fresh optimizer instead of the checkpoint's state (which is otherwise required, so that a resumed
    /// run continues exactly).
    /// </summary>
    public bool ResetOptimizerOnResume { get; set; }

    /// <summary>Raised after every optimizer step.</summary>
    public event Action<TruncatedBpttProgress>? StepCompleted;

    /// <summary>Raised after every epoch with its record: losses are means per target, and the metrics are the epoch's throughput (<see cref="TruncatedBpttMetrics"/>).</summary>
    public event Action<EpochRecord>? EpochCompleted;

    /// <summary>
    /// Trains on <paramref name="train"/> for <see cref="TruncatedBpttOptions.Epochs"/> epochs, measuring
    /// <paramref name="validation"/> after each. Cancelling stops between steps with an <see cref="OperationCanceledException"/>;
    /// a NaN or infinite loss stops with a <see cref="TrainingDivergedException"/>.
    /// </summary>
    /// <remarks>
    /// With <paramref name="resumeFrom"/>, training continues after the checkpoint's epoch with its weights, optimizer
    /// state, learning rate, schedule, generator states and history: since the state is reset at every epoch's start, the
    /// resumed run is bit for bit the run that was never interrupted.
    /// </remarks>
    public History Fit(ISequenceChunks train, ISequenceChunks? validation = null, CancellationToken cancellationToken = default,
        Checkpoint? resumeFrom = null)
    {
        ArgumentNullException.ThrowIfNull(train);
        if (train.Count == 0) throw new ArgumentException("TruncatedBpttTrainer: the training sequence has no chunk.", nameof(train));
        var history = new History();
        int firstEpoch = 1;
        if (resumeFrom is not null)
        {
            TrainingCheckpoint.Restore(resumeFrom, Options.Epochs, _model, _optimizer, Schedule, history, Generators(), ResetOptimizerOnResume);
            firstEpoch = resumeFrom.Epoch + 1;
        }
        var runClock = Stopwatch.StartNew();
        long totalSteps = (long)(Options.Epochs - firstEpoch + 1) * train.Count, stepsDone = 0;
        for (int epoch = firstEpoch; epoch <= Options.Epochs; epoch++)
        {
            var epochClock = Stopwatch.StartNew();
            float learningRate = _optimizer.LearningRate;
            _model.Train();
            RecurrentState? state = null;
            double lossSum = 0;
            long targets = 0;
            for (int step = 1; step <= train.Count; step++)
            {
                cancellationToken.ThrowIfCancellationRequested();
                var chunk = train.Chunk(step - 1);
                _optimizer.ZeroGrad();
                var (loss, next) = _model.Loss(chunk.Inputs, chunk.Targets, state);
                state = next.Detach();
                float value = loss.Item();
                if (!float.IsFinite(value))
                    throw new TrainingDivergedException(
                        $"The loss became {value} at epoch {epoch}, step {step} of {train.Count}: lower the learning rate, clip gradients, or check the data.");
                (Options.SumOverSteps ? loss * chunk.Steps : loss).Backward();
                if (Options.ClipGradNorm is float maxNorm) GradientClipping.ClipGradNorm(_optimizer.Parameters, maxNorm);
                _optimizer.Step();
                int count = chunk.Targets.Size;
                lossSum += (double)value * count;
                targets += count;
                stepsDone++;
                var elapsed = runClock.Elapsed;
                StepCompleted?.Invoke(new TruncatedBpttProgress(epoch, Options.Epochs, step, train.Count, value, lossSum / targets, targets,
                    epochClock.Elapsed, elapsed * ((double)(totalSteps - stepsDone) / stepsDone)));
            }
            double trainingSeconds = epochClock.Elapsed.TotalSeconds;
            double? validationLoss = validation is null ? null : Evaluate(validation);
            var record = new EpochRecord(epoch, lossSum / targets, validationLoss, learningRate, epochClock.Elapsed)
            {
                Metrics = new Dictionary<string, double>
                {
                    [TruncatedBpttMetrics.TargetsPerSecond] = targets / Math.Max(trainingSeconds, 1e-9),
                    [TruncatedBpttMetrics.TrainingSeconds] = trainingSeconds,
                },
            };
            history.Add(record);
            EpochCompleted?.Invoke(record);
            Schedule?.Step(validationLoss);
            if (CheckpointDirectory is not null)
                TrainingCheckpoint.Save(CheckpointDirectory, epoch, _model, _optimizer, CheckpointConfig, Schedule, history, Generators());
        }
        return history;
    }

    /// <summary>
    /// The mean loss per target over all of <paramref name="data"/>, the chunks read in order with the state carried from
    /// one to the next (from zero at the first), in evaluation mode and without recording gradients. For a language model
    /// this is the log of the perplexity.
    /// </summary>
    public double Evaluate(ISequenceChunks data) => EvaluateModel(_model, data);

    /// <summary>As <see cref="Evaluate"/>, for any model; its training mode is restored afterwards.</summary>
    public static double EvaluateModel(TModel model, ISequenceChunks data)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(data);
        if (data.Count == 0) throw new ArgumentException("TruncatedBpttTrainer.Evaluate: the sequence has no chunk.", nameof(data));
        bool wasTraining = model.Training;
        model.Eval();
        try
        {
            using var _ = new NoGradScope();
            RecurrentState? state = null;
            double sum = 0;
            long targets = 0;
            for (int k = 0; k < data.Count; k++)
            {
                var chunk = data.Chunk(k);
                var (loss, next) = model.Loss(chunk.Inputs, chunk.Targets, state);
                state = next;
                int count = chunk.Targets.Size;
                sum += (double)loss.Item() * count;
                targets += count;
            }
            return sum / targets;
        }
        finally
        {
            model.Train(wasTraining);
        }
    }

    // The model's own generators (dropout masks) are saved by TrainingCheckpoint through RandomStates.
    private static (string, Generator)[] Generators() => [("default_generator", Generator.Default)];
}
