namespace Recur.Cli;

/// <summary>Makes sure an output directory exists and can be written before any work starts.</summary>
internal static class OutputDirectory
{
    /// <summary>Creates <paramref name="path"/> if needed and proves it writable with a probe file.</summary>
    /// <exception cref="IOException">The directory cannot be created or written.</exception>
    public static void Prepare(string path)
    {
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
