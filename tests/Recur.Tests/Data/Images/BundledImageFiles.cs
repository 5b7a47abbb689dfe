namespace Recur.Tests.Data.Images;

/// <summary>Paths of the image datasets bundled under the repository's <c>data/</c> folder.</summary>
internal static class BundledImageFiles
{
    private static readonly Lazy<string> DataFolder = new(FindDataFolder);

    /// <summary>The full path of <paramref name="parts"/> under <c>data/</c>.</summary>
    public static string Path(params string[] parts) => System.IO.Path.Combine([DataFolder.Value, .. parts]);

    public static string Mnist => Path("mnist");

    public static string Fashion => Path("fashion-mnist");

    // The repository root is the directory holding Recur.sln, found by walking up from the test binaries.
    private static string FindDataFolder()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(System.IO.Path.Combine(dir.FullName, "Recur.sln")))
                return System.IO.Path.Combine(dir.FullName, "data");
        throw new DirectoryNotFoundException($"No directory above {AppContext.BaseDirectory} holds Recur.sln.");
    }
}
