using Recur.Tasks.Recipes;
using Recur.Serialization;

namespace Recur.Cli;

/// <summary>
/// Makes sure an output directory exists and can be written before any work starts, locks it for the run, and refuses
/// to replace another run's trained model unless asked to.
/// </summary>
internal static class OutputDirectory
{
    // The sub-folder every training recipe keeps its checkpoint in.
    private const string CheckpointFolder = RecipeCheckpoint.Folder;

    /// <summary>
    /// Creates <paramref name="path"/> if needed, proves it writable with a probe file, locks it for this run (dispose
    /// the result when the run's files are written) and recovers the files of a run killed while writing them
    /// (<see cref="RunFiles.Recover"/>). A directory holding a trained model is refused unless the run
    /// <paramref name="continues"/> it (--resume) or <paramref name="force"/> (--force) replaces it; a run that continues
    /// needs the checkpoint folder there, and fails without creating anything when it is missing.
    /// </summary>
    /// <exception cref="IOException">
    /// The directory cannot be created or written, another run holds it, or it holds a model this run would replace.
    /// </exception>
    /// <exception cref="ArgumentException">--resume on a directory without a checkpoint.</exception>
    public static RunLock Prepare(string path, bool continues = false, bool force = false)
    {
        if (continues && !Directory.Exists(Path.Combine(path, CheckpointFolder)))
            throw new ArgumentException(Directory.Exists(path)
                ? $"--resume: '{path}' holds no checkpoint to continue (it has no {CheckpointFolder}/ folder); run without --resume to train there afresh."
                : $"--resume: '{path}' does not exist, so it holds no checkpoint to continue; check --out, or run without --resume.");
        try
        {
            if (File.Exists(path))
                throw new IOException("it is a file, not a directory");
            Directory.CreateDirectory(path);
            string probe = Path.Combine(path, $".recur-probe-{Guid.NewGuid():N}");
            File.WriteAllBytes(probe, []);
            File.Delete(probe);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new IOException($"cannot write to the output directory '{path}': {e.Message}", e);
        }
        var runLock = RunLock.Acquire(path);
        // A run killed while swapping in its files left a staging folder: finish its swap, or drop an incomplete one.
        RunFiles.Recover(path);
        if (!continues && !force && Checkpoint.Exists(Path.Combine(path, CheckpointFolder)))
        {
            runLock.Dispose();
            throw new IOException(
                $"'{path}' already holds a trained model ({CheckpointFolder}/{Checkpoint.ManifestName}); continue it with --resume, replace it with --force, or choose another --out.");
        }
        return runLock;
    }
}
