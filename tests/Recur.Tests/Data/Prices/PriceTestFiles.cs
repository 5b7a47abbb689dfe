using System.Text;
using Recur.Tests.Data.Text;

namespace Recur.Tests.Data.Prices;

/// <summary>
/// Files for the price-series tests: the bundled ones under <c>data/stock/</c> (found from Recur.sln, as the text tests
/// do) and hand-made ones written to a temporary folder that is deleted on dispose.
/// </summary>
internal sealed class PriceTestFiles : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("recur-prices-").FullName;

    static PriceTestFiles() => Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);

    /// <summary>CP949 (Korean Windows), for writing hand-made Korean files.</summary>
    public static Encoding Cp949 => Encoding.GetEncoding(949);

    /// <summary>The path of a bundled stock file.</summary>
    public static string Bundled(string name) => RepositoryFiles.Data(Path.Combine("stock", name));

    /// <summary>Writes <paramref name="text"/> as UTF-8 without a byte-order mark (or in <paramref name="encoding"/>) and returns its path.</summary>
    public string Write(string text, Encoding? encoding = null, string name = "prices.csv")
    {
        encoding ??= new UTF8Encoding(encoderShouldEmitUTF8Identifier: false);
        return WriteBytes([.. encoding.GetPreamble(), .. encoding.GetBytes(text)], name);
    }

    /// <summary>Writes raw bytes and returns the path.</summary>
    public string WriteBytes(byte[] bytes, string name = "prices.csv")
    {
        string path = Path.Combine(_folder, name);
        File.WriteAllBytes(path, bytes);
        return path;
    }

    public void Dispose()
    {
        try
        {
            Directory.Delete(_folder, recursive: true);
        }
        catch (IOException)
        {
            // A leftover temp folder is harmless; never fail a test for it.
        }
    }
}
