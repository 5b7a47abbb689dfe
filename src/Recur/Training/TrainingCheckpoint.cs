using System.Text.Json.Nodes;
using Recur.Nn;
using Recur.Optim;
using Recur.Serialization;

namespace Recur.Training;

/// <summary>
/// What the trainers save after an epoch and read back to resume exactly: the model's weights, the optimizer's state and
/// learning rate, the named random generators' states, the states of the generators the model's modules draw from
/// (<see cref="RandomStates"/>: dropout masks), the schedule's counters and the history so far.
/// </summary>
internal static class TrainingCheckpoint
{
    /// <summary>Writes the checkpoint of <paramref name="epoch"/> into <paramref name="directory"/>.</summary>
    public static void Save(string directory, int epoch, Module model, Optimizer optimizer, JsonObject config, LearningRateSchedule? schedule,
        History history, IReadOnlyList<(string Key, Generator Generator)> generators)
    {
        var state = new JsonObject { ["learning_rate"] = optimizer.LearningRate };
        foreach (var (key, generator) in generators)
            state[key] = new JsonArray(generator.GetState().Select(v => (JsonNode?)v).ToArray());
        state["generators"] = RandomStates.Capture(model, generators.Select(g => g.Generator).ToArray());
        state["schedule"] = schedule is null ? null : new JsonArray(schedule.GetState().Select(v => (JsonNode?)v).ToArray());
        state["history"] = HistoryJson.Write(history);
        new Checkpoint
        {
            Epoch = epoch,
            Weights = model.StateDict(),
            OptimizerState = optimizer.StateDict(),
            Config = (JsonObject)config.DeepClone(),
            TrainingState = state,
        }.Save(directory);
    }

    /// <summary>
    /// Loads <paramref name="checkpoint"/> into the model, optimizer, generators, schedule and history, for a run of
    /// <paramref name="epochs"/> epochs that continues after the checkpoint's. With <paramref name="resetOptimizer"/> the
    /// optimizer starts fresh instead of requiring the checkpoint's state.
    /// </summary>
    /// <exception cref="ArgumentException">The checkpoint has trained <paramref name="epochs"/> epochs or more.</exception>
    /// <exception cref="InvalidDataException">
    /// The training state is incomplete or malformed, or the optimizer state is missing or does not fit the optimizer (and
    /// <paramref name="resetOptimizer"/> is false).
    /// </exception>
    public static void Restore(Checkpoint checkpoint, int epochs, Module model, Optimizer optimizer, LearningRateSchedule? schedule,
        History history, IReadOnlyList<(string Key, Generator Generator)> generators, bool resetOptimizer)
    {
        if (checkpoint.Epoch >= epochs)
            throw new ArgumentException($"The checkpoint is at epoch {checkpoint.Epoch}; resuming needs Epochs above it (Epochs is {epochs}).");
        model.LoadStateDict(checkpoint.Weights);
        if (!resetOptimizer)
        {
            if (checkpoint.OptimizerState is not { } optimizerState)
                throw new InvalidDataException(
                    "The checkpoint has no optimizer state, so the run cannot continue exactly; resume with a fresh optimizer deliberately (ResetOptimizerOnResume; recur: --reset-optimizer).");
            try
            {
                optimizer.LoadStateDict(optimizerState);
            }
            catch (ArgumentException e)
            {
                throw new InvalidDataException(
                    $"The checkpoint's optimizer state does not fit this {optimizer.GetType().Name} ({e.Message}); resume with a fresh optimizer deliberately (ResetOptimizerOnResume; recur: --reset-optimizer).", e);
            }
        }
        var state = checkpoint.TrainingState;
        try
        {
            optimizer.LearningRate = state["learning_rate"]!.GetValue<float>();
            foreach (var (key, generator) in generators)
                generator.SetState(state[key]!.AsArray().Select(v => v!.GetValue<ulong>()).ToArray());
            // Checkpoints written before the modules' own generators were saved have none: they resume with the
            // generators as the model was built.
            if (state["generators"] is JsonObject owned) RandomStates.Restore(model, owned, generators.Select(g => g.Generator).ToArray());
            if (schedule is not null && state["schedule"] is JsonArray counters)
                schedule.SetState(counters.Select(v => v!.GetValue<double>()).ToArray());
            HistoryJson.Read(state["history"]?.AsArray() ?? [], history);
        }
        catch (Exception e) when (e is NullReferenceException or InvalidOperationException or FormatException)
        {
            throw new InvalidDataException($"The checkpoint's training state is incomplete or malformed: {e.Message}", e);
        }
    }
}
