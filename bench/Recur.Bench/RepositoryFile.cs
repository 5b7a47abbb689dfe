namespace Recur.Bench;

/// <summary>Files of the repository (peer scripts, bundled data) found from wherever the bench is started.</summary>
internal static class RepositoryFile
{
    /// <summary>The file at <paramref name="relativePath"/> below the working directory or one of its parents (or the app's), or null.</summary>
    public static string? Find(string relativePath)
    {
        foreach (string start in new[] { Directory.GetCurrentDirectory(), AppContext.BaseDirectory })
            for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
            {
                string candidate = Path.Combine(dir.FullName, relativePath);
                if (File.Exists(candidate))
                    return candidate;
            }
        return null;
    }

    /// <summary>As <see cref="Find"/>, or an exception naming the file.</summary>
    /// <exception cref="FileNotFoundException">No such file above the working directory.</exception>
    public static string Require(string relativePath) =>
        Find(relativePath) ?? throw new FileNotFoundException($"{relativePath} was not found above the working directory.");
}
