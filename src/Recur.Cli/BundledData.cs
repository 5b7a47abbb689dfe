namespace Recur.Cli;

/// <summary>Finds the files bundled in the repository's <c>data/</c> folder, from the working directory or the program's.</summary>
internal static class BundledData
{
    /// <summary>The course's GOOG daily prices (no dates, newest first).</summary>
    public const string GoogleDaily = "data/stock/data-02-stock_daily.csv";

    /// <summary>Samsung Electronics' daily prices from KRX, 2000–2024 (dates, newest first).</summary>
    public const string SamsungKrx = "data/stock/krx-005930-2000-2024.csv";

    /// <summary>The full Fashion-MNIST (IDX, gzip): training and test splits.</summary>
    public const string FashionMnist = "data/fashion-mnist";

    /// <summary>MNIST's test digits (IDX, gzip); its training images are not bundled (data/README.md says why).</summary>
    public const string Mnist = "data/mnist";

    /// <summary>
    /// The path of <paramref name="relativePath"/> under the nearest directory that has it; <paramref name="remedy"/> ends
    /// the error ("pass --csv FILE").
    /// </summary>
    /// <exception cref="FileNotFoundException">No enclosing directory has the file.</exception>
    public static string Find(string relativePath, string remedy = "pass --csv FILE")
    {
        foreach (string start in new[] { Directory.GetCurrentDirectory(), AppContext.BaseDirectory })
            for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
            {
                string candidate = Path.Combine(dir.FullName, relativePath);
                if (File.Exists(candidate))
                    return Path.GetRelativePath(Directory.GetCurrentDirectory(), candidate);
            }
        throw new FileNotFoundException($"the bundled file {relativePath} was not found above the working directory; {remedy}.");
    }

    /// <summary>The bundled image folder <paramref name="relativeFolder"/>, found by its test images file.</summary>
    /// <exception cref="FileNotFoundException">No enclosing directory has it.</exception>
    public static string FindImageFolder(string relativeFolder) =>
        Path.GetDirectoryName(Find(relativeFolder + "/t10k-images-idx3-ubyte.gz", "pass --idx-dir DIR")) is { Length: > 0 } folder ? folder : ".";
}
