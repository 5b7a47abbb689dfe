namespace Recur.Cli;

/// <summary>Finds the files bundled in the repository's <c>data/</c> folder, from the working directory or the program's.</summary>
internal static class BundledData
{
    /// <summary>The course's GOOG daily prices (no dates, newest first).</summary>
    public const string GoogleDaily = "data/stock/data-02-stock_daily.csv";

    /// <summary>Samsung Electronics' daily prices from KRX, 2000–2024 (dates, newest first).</summary>
    public const string SamsungKrx = "data/stock/krx-005930-2000-2024.csv";

    /// <summary>The path of <paramref name="relativePath"/> under the nearest directory that has it.</summary>
    /// <exception cref="FileNotFoundException">No enclosing directory has the file.</exception>
    public static string Find(string relativePath)
    {
        foreach (string start in new[] { Directory.GetCurrentDirectory(), AppContext.BaseDirectory })
            for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
            {
                string candidate = Path.Combine(dir.FullName, relativePath);
                if (File.Exists(candidate))
                    return Path.GetRelativePath(Directory.GetCurrentDirectory(), candidate);
            }
        throw new FileNotFoundException($"the bundled file {relativePath} was not found above the working directory; pass --csv FILE.");
    }
}
