using Recur.Losses;
using Recur.Optim;
using Recur.Serialization;
using Recur.Tasks.Recipes;
using Recur.Training;

namespace Recur.Tasks.Forecasting;

/// <summary>The forecaster's network and trainer as one run and every backtest fold set them up.</summary>
internal static class ForecastTraining
{
    /// <summary>
    /// A fresh network of <paramref name="config"/>'s architecture (seeded) and its trainer: Adam on MSE, the newest
    /// <see cref="ForecastOptions.ValidationFraction"/> of the <paramref name="trainCount"/> training windows held out, full
    /// batches up to <see cref="ForecastOptions.FullBatchLimit"/> windows unless a batch size is set; checkpoints to <paramref name="checkpointDirectory"/> when given.
    /// </summary>
    public static (ForecastNetwork Network, Trainer Trainer) Create(ForecastConfig config, int trainCount, string? checkpointDirectory)
    {
        var o = config.Options;
        RequireMemory(config, trainCount);
        var network = config.CreateNetwork(new Generator(o.Seed));
        var trainer = new Trainer(network, new MSELoss(), new Adam(network.Parameters(), o.LearningRate), new TrainerOptions
        {
            Epochs = o.Epochs,
            BatchSize = o.BatchSizeFor(trainCount),
            Shuffle = true,
            Seed = o.Seed,
            ValidationSplit = o.ValidationFraction,
        })
        {
            CheckpointDirectory = checkpointDirectory,
            CheckpointEvery = o.CheckpointEvery,
            CheckpointConfig = config.ToJson(),
        };
        return (network, trainer);
    }

    /// <summary>Refuses, before anything is allocated, a network whose training needs more memory than the process can use (<see cref="TrainingMemory"/>).</summary>
    private static void RequireMemory(ForecastConfig config, int trainCount)
    {
        var o = config.Options;
        double activations = TrainingMemory.RecurrentActivations(o.Model, o.Hidden, o.Layers, o.Bidirectional, o.BatchSizeFor(trainCount), o.Window);
        if (TrainingMemory.Shortfall(config.ParameterCount(), activations) is string shortfall)
            throw new ForecastSettingException(ForecastSetting.Hidden, $"{o.Hidden} with {o.Layers} layer(s) makes {shortfall}; use fewer hidden units or layers.");
    }

    /// <summary>The validation windows the trainer holds out of <paramref name="trainCount"/> (its own rounding).</summary>
    public static int ValidationCount(ForecastOptions o, int trainCount)
    {
        int count = o.ValidationFraction > 0 ? (int)(trainCount * o.ValidationFraction) : 0;
        if (o.ValidationFraction > 0 && (count < 1 || trainCount - count < 1))
            throw new ForecastSettingException(ForecastSetting.ValidationFraction,
                $"{o.ValidationFraction:0.##} of {trainCount} training windows leaves {count} for validation and {trainCount - count} to train on; at least 1 of each is needed.");
        return count;
    }

    /// <summary>The trained network's raw outputs for windows <paramref name="start"/> … + <paramref name="count"/> − 1 ([count · horizon]).</summary>
    public static float[] Outputs(Trainer trainer, TensorDataset samples, int start, int count) =>
        count == 0 ? [] : trainer.Predict(samples.Slice(start, count)).ToArray();

    /// <summary>Writes the default forecaster into the checkpoint's config after training, keeping its weights and state.</summary>
    public static void RecordChoice(string checkpointDirectory, ForecastConfig config)
    {
        var saved = Checkpoint.Load(checkpointDirectory);
        new Checkpoint
        {
            Epoch = saved.Epoch,
            Weights = saved.Weights,
            OptimizerState = saved.OptimizerState,
            Config = config.ToJson(),
            TrainingState = saved.TrainingState,
        }.Save(checkpointDirectory);
    }
}
