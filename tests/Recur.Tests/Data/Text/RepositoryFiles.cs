namespace Recur.Tests.Data.Text;

/// <summary>Finds files of the repository (bundled data, hand-made test files) from the test binaries' folder.</summary>
public static class RepositoryFiles
{
    private static readonly Lazy<string> RootPath = new(() =>
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "Recur.sln")))
                return dir.FullName;
        throw new DirectoryNotFoundException($"No directory containing Recur.sln above {AppContext.BaseDirectory}.");
    });

    /// <summary>The directory holding Recur.sln.</summary>
    public static string Root => RootPath.Value;

    /// <summary>A path under the repository's <c>data/</c> folder.</summary>
    public static string Data(string relative) => Path.Combine(Root, "data", relative);

    /// <summary>A hand-made file next to these tests.</summary>
    public static string TestFile(string name) => Path.Combine(Root, "tests", "Recur.Tests", "Data", "Text", name);
}
