using Recur.Data;
using Recur.Data.Prices;

namespace Recur.Tests.Data.Prices;

/// <summary>A row-order.json vouches for the order of the files it lists, and only while they hold the bytes it names.</summary>
public sealed class RowOrderManifestTests : IDisposable
{
    private const string Prices = "Open,Close\n3,30\n2,20\n1,10\n";

    private readonly PriceTestFiles _files = new();

    public void Dispose() => _files.Dispose();

    private string Manifest(string json) => _files.Write(json, name: RowOrderManifest.FileName);

    private string Listing(string name, string order, string sha256) =>
        Manifest($$"""{"files": [{"name": "{{name}}", "order": "{{order}}", "sha256": "{{sha256}}"}]}""");

    [Theory]
    [InlineData("newest-first", DatelessRowOrder.NewestFirst)]
    [InlineData("oldest-first", DatelessRowOrder.OldestFirst)]
    public void A_listed_file_with_its_bytes_gets_the_recorded_order(string written, DatelessRowOrder order)
    {
        string path = _files.Write(Prices, name: "goog.csv");
        Listing("goog.csv", written, RowOrderManifest.Sha256Of(path).ToUpperInvariant());

        Assert.Equal(order, RowOrderManifest.Lookup(path));
    }

    [Fact]
    public void An_edited_file_an_unlisted_file_and_a_folder_without_manifest_get_no_order()
    {
        string path = _files.Write(Prices, name: "goog.csv");
        Assert.Equal(DatelessRowOrder.Unspecified, RowOrderManifest.Lookup(path));   // no manifest yet

        Listing("goog.csv", "newest-first", RowOrderManifest.Sha256Of(path));
        string other = _files.Write(Prices, name: "other.csv");
        Assert.Equal(DatelessRowOrder.Unspecified, RowOrderManifest.Lookup(other));

        _files.Write(Prices + "0,0\n", name: "goog.csv");
        Assert.Equal(DatelessRowOrder.Unspecified, RowOrderManifest.Lookup(path));
    }

    [Theory]
    [InlineData("""{"files": [{"name": "goog.csv", "order": "backwards", "sha256": "00"}]}""", "backwards")]
    [InlineData("""{"files": [{"name": "goog.csv", "sha256": "00"}]}""", "\"order\"")]
    [InlineData("""{"list": []}""", "\"files\"")]
    [InlineData("""{"files": [""", "row-order manifest")]
    public void A_malformed_manifest_is_an_error_naming_it(string json, string expected)
    {
        string path = _files.Write(Prices, name: "goog.csv");
        string manifest = Manifest(json);

        var e = Assert.Throws<DataFormatException>(() => RowOrderManifest.Lookup(path));
        Assert.Equal(manifest, e.File);
        Assert.Contains(expected, e.Message);
    }

    [Fact]
    public void Names_of_the_orders_read_back()
    {
        foreach (var order in new[] { DatelessRowOrder.NewestFirst, DatelessRowOrder.OldestFirst })
        {
            Assert.True(DatelessRowOrderNames.TryParse(DatelessRowOrderNames.Of(order), out var back));
            Assert.Equal(order, back);
        }
        Assert.Null(DatelessRowOrderNames.Of(DatelessRowOrder.Unspecified));
        Assert.False(DatelessRowOrderNames.TryParse("Newest-First", out _));
    }
}
