namespace Recur.Serialization;

/// <summary>
/// An exclusive lock on a directory that one writer holds while it changes the directory (a run's outputs, a checkpoint
/// being saved): a second writer fails at once instead of interleaving its files with the first one's. The lock is the
/// operating system's advisory lock on the file <see cref="FileName"/> in the directory, so it is released when the
/// holder disposes it or its process ends, however it ends; the file itself stays and means nothing on its own.
/// </summary>
public sealed class RunLock : IDisposable
{
    /// <summary>The lock file's name.</summary>
    public const string FileName = ".recur.lock";

    private readonly FileStream _stream;

    private RunLock(FileStream stream, string directory)
    {
        _stream = stream;
        Directory = directory;
    }

    /// <summary>The locked directory.</summary>
    public string Directory { get; }

    /// <summary>Takes the lock on <paramref name="directory"/> (which must exist), or fails at once.</summary>
    /// <param name="directory">The directory to lock.</param>
    /// <param name="holder">What holds such a lock, for the message ("another run", "another checkpoint save").</param>
    /// <exception cref="IOException">Another writer holds the lock, or the lock file cannot be created.</exception>
    public static RunLock Acquire(string directory, string holder = "another run")
    {
        ArgumentException.ThrowIfNullOrEmpty(directory);
        string path = Path.Combine(directory, FileName);
        try
        {
            // FileShare.None takes an exclusive advisory lock (flock on Unix, a share mode on Windows) that fails at once.
            return new RunLock(new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None), directory);
        }
        catch (IOException e) when (e is not FileNotFoundException and not DirectoryNotFoundException)
        {
            throw new IOException($"'{directory}' is in use by {holder} (it holds {FileName}); wait for it to finish or use another directory.", e);
        }
    }

    /// <summary>Releases the lock.</summary>
    public void Dispose() => _stream.Dispose();
}
