using System.Security.Cryptography;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Recur.Data.Prices;

/// <summary>
/// The row order of price files without dates, recorded beside them: a <see cref="FileName"/> in their folder lists
/// each file's name, its order and the sha256 of its bytes, so that a file is read in the recorded order only while it
/// holds the bytes the order was recorded for (an edited copy, or another file of the same name, is not vouched for).
/// The bundled <c>data/stock/row-order.json</c> covers the course's GOOG files.
/// </summary>
/// <remarks>
/// The format: <c>{"files": [{"name": "stock_daily.csv", "order": "newest-first", "sha256": "e8c4…"}]}</c>, names as
/// in the folder (compared exactly), orders as <see cref="DatelessRowOrderNames"/> spells them, sha256 in hexadecimal.
/// </remarks>
public static class RowOrderManifest
{
    /// <summary>The manifest's file name, in the folder of the files it lists.</summary>
    public const string FileName = "row-order.json";

    /// <summary>
    /// The order recorded for <paramref name="csvPath"/> by the manifest in its folder;
    /// <see cref="DatelessRowOrder.Unspecified"/> when the file or the manifest does not exist, the manifest does not
    /// list the file's name, or the file's sha256 differs from the one listed.
    /// </summary>
    /// <exception cref="DataFormatException">The manifest exists but cannot be read as one; the message names it.</exception>
    public static DatelessRowOrder Lookup(string csvPath)
    {
        ArgumentException.ThrowIfNullOrEmpty(csvPath);
        string file = Path.GetFullPath(csvPath);
        string manifest = Path.Combine(Path.GetDirectoryName(file)!, FileName);
        if (!File.Exists(file) || !File.Exists(manifest)) return DatelessRowOrder.Unspecified;
        foreach (var (name, order, sha256) in Entries(manifest))
            if (name == Path.GetFileName(file))
                return string.Equals(sha256, Sha256Of(file), StringComparison.OrdinalIgnoreCase) ? order : DatelessRowOrder.Unspecified;
        return DatelessRowOrder.Unspecified;
    }

    /// <summary>The sha256 of a file's bytes in lower-case hexadecimal, as the manifest lists it.</summary>
    public static string Sha256Of(string path)
    {
        using var stream = File.OpenRead(path);
        return Convert.ToHexStringLower(SHA256.HashData(stream));
    }

    private static List<(string Name, DatelessRowOrder Order, string Sha256)> Entries(string manifest)
    {
        try
        {
            var files = JsonNode.Parse(File.ReadAllText(manifest))?["files"] as JsonArray
                ?? throw new FormatException("it has no \"files\" list");
            var entries = new List<(string, DatelessRowOrder, string)>(files.Count);
            foreach (var entry in files)
            {
                string name = Field(entry, "name"), orderName = Field(entry, "order"), sha256 = Field(entry, "sha256");
                if (!DatelessRowOrderNames.TryParse(orderName, out var order))
                    throw new FormatException($"the order of {name} is '{orderName}', not {DatelessRowOrderNames.NewestFirst} or {DatelessRowOrderNames.OldestFirst}");
                entries.Add((name, order, sha256));
            }
            return entries;
        }
        catch (Exception e) when (e is JsonException or FormatException or InvalidOperationException)
        {
            throw new DataFormatException(manifest, null, null, $"not a row-order manifest: {e.Message}.", e);
        }
    }

    private static string Field(JsonNode? entry, string key) =>
        entry?[key]?.GetValue<string>() ?? throw new FormatException($"an entry of \"files\" has no \"{key}\"");
}
