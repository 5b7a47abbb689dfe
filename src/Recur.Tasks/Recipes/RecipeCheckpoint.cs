using System.Text.Json;
using System.Text.Json.Nodes;
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
}
