using Recur.Nn;
using Recur.Serialization;

namespace Recur.Tasks;

/// <summary>
/// The checkpoint of a trained recipe in a directory the user names: an output directory of a command (the checkpoint
/// in its sub-folder) or the checkpoint folder itself. The checkpoint's <c>config.recipe</c> says which recipe made it,
/// so a program can pick the predictor that reads it.
/// </summary>
public static class TrainedModel
{
    /// <summary>The folder an output directory keeps its checkpoint in.</summary>
    public const string CheckpointFolder = "checkpoint";

    /// <summary>
    /// Loads the checkpoint in <paramref name="directory"/> or its <paramref name="checkpointFolder"/>; <paramref name="what"/>
    /// names what the directory should be in the error when it holds none ("a Recur forecast model").
    /// </summary>
    /// <exception cref="DirectoryNotFoundException">The directory does not exist.</exception>
    /// <exception cref="InvalidDataException">Neither holds a checkpoint, or it is corrupt.</exception>
    public static (string CheckpointDirectory, Checkpoint Checkpoint) Open(string directory, string checkpointFolder = CheckpointFolder,
        string what = "a Recur model")
    {
        ArgumentException.ThrowIfNullOrEmpty(directory);
        if (!Directory.Exists(directory))
            throw new DirectoryNotFoundException($"{directory}: no such directory.");
        string checkpointDirectory = Checkpoint.Exists(directory) ? directory : Path.Combine(directory, checkpointFolder);
        if (!Checkpoint.Exists(checkpointDirectory))
            throw new InvalidDataException($"{directory} is not {what}: it has no {Checkpoint.ManifestName} (nor {checkpointFolder}/{Checkpoint.ManifestName}).");
        return (checkpointDirectory, Checkpoint.Load(checkpointDirectory));
    }

    /// <summary>The name of the recipe whose checkpoint <paramref name="directory"/> holds (<c>forecast</c>, <c>images</c>, …).</summary>
    /// <exception cref="InvalidDataException">No checkpoint, or one that names no recipe.</exception>
    public static string RecipeOf(string directory)
    {
        var (checkpointDirectory, checkpoint) = Open(directory);
        return (string?)checkpoint.Config["recipe"] ?? throw new InvalidDataException(
            $"{Path.Combine(checkpointDirectory, Checkpoint.ManifestName)} names no recipe, so it is not known which model it holds.");
    }

    /// <summary>
    /// Copies the weights of <paramref name="checkpoint"/> into <paramref name="network"/> (built from the checkpoint's
    /// config) and puts it in evaluation mode; <paramref name="source"/> names the manifest in errors.
    /// </summary>
    /// <exception cref="InvalidDataException">The weights do not fit the network: a corrupt or edited checkpoint.</exception>
    public static void LoadWeights(Module network, Checkpoint checkpoint, string source)
    {
        ArgumentNullException.ThrowIfNull(network);
        ArgumentNullException.ThrowIfNull(checkpoint);
        try
        {
            network.LoadStateDict(checkpoint.Weights);
        }
        catch (ArgumentException e)
        {
            throw new InvalidDataException($"{source}: the weights do not fit the architecture it describes ({e.Message}).", e);
        }
        network.Eval();
    }
}
