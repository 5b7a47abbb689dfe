namespace Recur.Serialization;

/// <summary>
/// Checks a file a checkpoint names before anything opens it: it must be a regular file with data, and a symbolic link
/// must not lead out of the checkpoint's folder. Opening a FIFO would block for ever, and following a link elsewhere
/// would read (and might quote) a file the checkpoint does not own.
/// </summary>
public static class FolderFile
{
    /// <summary>
    /// Throws an <see cref="InvalidDataException"/> naming <paramref name="source"/> unless <paramref name="path"/>, a file
    /// of <paramref name="directory"/>, is safe to read: a regular, non-empty file, or a link to one inside the folder.
    /// </summary>
    public static void RequireReadable(string directory, string path, string source)
    {
        var info = new FileInfo(path);
        string name = Path.GetFileName(path);
        if (info.LinkTarget is not null)
        {
            var target = info.ResolveLinkTarget(returnFinalTarget: true);
            if (target is null || !IsInside(RealPath(directory), target.FullName))
                throw new InvalidDataException($"{source}: '{name}' is a symbolic link leading out of the checkpoint folder; refused.");
            info = new FileInfo(target.FullName);
        }
        if (Directory.Exists(info.FullName))
            throw new InvalidDataException($"{source}: '{name}' is a directory, not a file.");
        if (!info.Exists)
            throw new InvalidDataException($"{source}: '{name}' is missing: the checkpoint is incomplete.");
        // A FIFO, a socket or a device reports no length; opening the first would block until a writer came.
        if (info.Length == 0)
            throw new InvalidDataException($"{source}: '{name}' is empty or not a regular file (a FIFO or a device); refused.");
    }

    private static string RealPath(string directory)
    {
        var info = new DirectoryInfo(Path.GetFullPath(directory));
        return info.LinkTarget is not null && info.ResolveLinkTarget(returnFinalTarget: true) is { } target ? target.FullName : info.FullName;
    }

    private static bool IsInside(string directory, string file)
    {
        string folder = Path.TrimEndingDirectorySeparator(Path.GetFullPath(directory)) + Path.DirectorySeparatorChar;
        return Path.GetFullPath(file).StartsWith(folder, StringComparison.Ordinal);
    }
}
