using System.Text.Json;
using System.Text.Json.Nodes;
using Recur.Nn;
using Recur.Serialization;

namespace Recur.Tasks.Recipes;

/// <summary>
/// Finds the checkpoint of a recipe's output directory and reads which recipe wrote it (its config's <c>recipe</c>),
/// without loading the weights: what a command that serves several recipes (<c>recur predict</c>) dispatches on.
/// </summary>
public static class RecipeCheckpoint
{
    /// <summary>The checkpoint's sub-directory of a recipe's output directory.</summary>
    public const string Folder = "checkpoint";

    /// <summary>
    /// The checkpoint directory of <paramref name="directory"/> (the directory itself, or its <see cref="Folder"/>) and the
    /// recipe named in it.
    /// </summary>
    /// <exception cref="DirectoryNotFoundException">No such directory.</exception>
    /// <exception cref="InvalidDataException">No checkpoint there, or one whose manifest names no recipe.</exception>
    public static (string Directory, string Recipe) Locate(string directory)
    {
        ArgumentException.ThrowIfNullOrEmpty(directory);
        if (!System.IO.Directory.Exists(directory))
            throw new DirectoryNotFoundException($"{directory}: no such directory.");
        string checkpointDirectory = Checkpoint.Exists(directory) ? directory : Path.Combine(directory, Folder);
        if (!Checkpoint.Exists(checkpointDirectory))
            throw new InvalidDataException($"{directory} is not a Recur model: it has no {Checkpoint.ManifestName} (nor {Folder}/{Checkpoint.ManifestName}).");
        string manifest = Path.Combine(checkpointDirectory, Checkpoint.ManifestName);
        FolderFile.RequireReadable(checkpointDirectory, manifest, manifest);
        try
        {
            string? recipe = (string?)JsonNode.Parse(File.ReadAllText(manifest))?["config"]?["recipe"];
            return recipe is null
                ? throw new InvalidDataException($"{manifest}: the checkpoint names no recipe, so nothing says what kind of model it holds.")
                : (checkpointDirectory, recipe);
        }
        catch (Exception e) when (e is JsonException or InvalidOperationException)
        {
            throw new InvalidDataException($"{manifest}: not a readable checkpoint manifest ({e.Message}).", e);
        }
    }

    /// <summary>
    /// Loads a trained model of <paramref name="recipe"/> from <paramref name="directory"/> (an output directory or its
    /// checkpoint folder): reads the config with <paramref name="readConfig"/>, builds the network with
    /// <paramref name="createNetwork"/>, loads the weights and puts it in evaluation mode.
    /// </summary>
    /// <exception cref="InvalidDataException">
    /// No checkpoint there, one of another recipe (<paramref name="description"/> names the kind expected: "a forecast
    /// model"), or weights that do not fit the architecture the config describes.
    /// </exception>
    /// <remarks>
    /// With <c>parameterCount</c> (the number of parameters a config describes, counted without building the network), a
    /// config whose count differs from the weights' (an edited <c>hidden</c> or <c>layers</c>) is refused before anything
    /// is allocated for it, so the weights in the file bound what loading a model can allocate.
    /// </remarks>
    public static (TConfig Config, TNetwork Network, int Epoch) LoadModel<TConfig, TNetwork>(string directory, string recipe, string description,
        Func<JsonObject, string, TConfig> readConfig, Func<TConfig, TNetwork> createNetwork, Func<TConfig, long>? parameterCount = null) where TNetwork : Module
    {
        ArgumentNullException.ThrowIfNull(readConfig);
        ArgumentNullException.ThrowIfNull(createNetwork);
        var (checkpointDirectory, found) = Locate(directory);
        if (found != recipe)
            throw new InvalidDataException($"{directory} holds a '{found}' model, not {description}.");
        // A trained model is its weights and config: the optimizer's file is not needed (nor read) to predict.
        var checkpoint = Checkpoint.Load(checkpointDirectory, withOptimizer: false);
        string source = Path.Combine(checkpointDirectory, Checkpoint.ManifestName);
        var config = readConfig(checkpoint.Config, source);
        if (parameterCount is not null)
        {
            long described = parameterCount(config), stored = checkpoint.Weights.Values.Sum(w => (long)w.Size);
            if (described != stored)
                throw new InvalidDataException(
                    $"{source}: the config describes a network of {described:N0} parameters but the weights hold {stored:N0}; it was edited or belongs to other weights.");
        }
        var network = createNetwork(config);
        try
        {
            network.LoadStateDict(checkpoint.Weights);
        }
        catch (ArgumentException e)
        {
            throw new InvalidDataException($"{source}: the weights do not fit the architecture it describes ({e.Message}).", e);
        }
        network.Eval();
        return (config, network, checkpoint.Epoch);
    }
}
