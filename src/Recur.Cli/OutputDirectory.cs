namespace Recur.Cli;

/// <summary>Makes sure an output directory exists and can be written before any work starts.</summary>
internal static class OutputDirectory
{
    /// <summary>
    /// Creates <paramref name="path"/> if needed and proves it writable with a probe file. A run that continues
    /// (<paramref name="resume"/>) needs the checkpoint folder <paramref name="checkpointFolder"/> there, and fails
    /// without creating anything when it is missing.
    /// </summary>
    /// <exception cref="IOException">The directory cannot be created or written.</exception>
    /// <exception cref="ArgumentException">--resume on a directory without a checkpoint.</exception>
    public static void Prepare(string path, bool resume = false, string checkpointFolder = "checkpoint")
    {
        if (resume && !Directory.Exists(Path.Combine(path, checkpointFolder)))
            throw new ArgumentException(Directory.Exists(path)
                ? $"--resume: '{path}' holds no checkpoint to continue (it has no {checkpointFolder}/ folder); run without --resume to train there afresh."
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
    }
}
