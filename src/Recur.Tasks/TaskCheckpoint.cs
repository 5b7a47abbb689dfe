using Recur.Serialization;

namespace Recur.Tasks;

/// <summary>Finds and loads a task's checkpoint from the output directory a user names, or from its checkpoint folder.</summary>
public static class TaskCheckpoint
{
    /// <summary>
    /// Loads the checkpoint in <paramref name="directory"/>, or in its <paramref name="folder"/> sub-directory;
    /// <paramref name="source"/> is the manifest's path, for messages.
    /// </summary>
    /// <exception cref="DirectoryNotFoundException">The directory does not exist.</exception>
    /// <exception cref="InvalidDataException">Neither holds a checkpoint manifest, or it is corrupt.</exception>
    public static Checkpoint Load(string directory, string folder, out string source)
    {
        ArgumentException.ThrowIfNullOrEmpty(directory);
        if (!Directory.Exists(directory))
            throw new DirectoryNotFoundException($"{directory}: no such directory.");
        string checkpointDirectory = Checkpoint.Exists(directory) ? directory : Path.Combine(directory, folder);
        if (!Checkpoint.Exists(checkpointDirectory))
            throw new InvalidDataException($"{directory} holds no Recur model: it has no {Checkpoint.ManifestName} (nor {folder}/{Checkpoint.ManifestName}).");
        source = Path.Combine(checkpointDirectory, Checkpoint.ManifestName);
        return Checkpoint.Load(checkpointDirectory);
    }
}
