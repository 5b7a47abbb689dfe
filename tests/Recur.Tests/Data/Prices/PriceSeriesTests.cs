using Recur.Data.Prices;

namespace Recur.Tests.Data.Prices;

/// <summary>Looking columns up by either name, and the matrix and tensor views the forecasting command takes.</summary>
public sealed class PriceSeriesTests : IDisposable
{
    private readonly PriceTestFiles _files = new();

    public void Dispose() => _files.Dispose();

    private PriceSeries Korean() => PriceSeriesReader.Read(_files.Write(
        "날짜,종가,오픈,고가,저가,거래량\n2020-01-03,12,11,13,10,200\n2020-01-02,22,21,23,20,100\n"));

    [Theory]
    [InlineData("Close")]
    [InlineData("close")]
    [InlineData("CLOSE")]
    [InlineData(" Close ")]
    [InlineData("종가")]
    [InlineData("Price")]
    public void Columns_are_found_by_canonical_name_or_header_text_ignoring_case(string name)
    {
        var series = Korean();
        Assert.True(series.HasColumn(name));
        Assert.Equal(0, series.ColumnIndex(name));
        Assert.Equal([22.0, 12.0], series.Column(name));
    }

    [Fact]
    public void Unknown_column_is_an_argument_error_listing_the_columns()
    {
        var series = Korean();
        Assert.False(series.HasColumn("Adj Close"));
        var e = Assert.Throws<ArgumentException>(() => series.Column("Adj Close"));
        Assert.Contains("no column 'Adj Close'", e.Message);
        Assert.Contains("Close (종가), Open (오픈), High (고가), Low (저가), Volume (거래량)", e.Message);
        Assert.Throws<ArgumentException>(() => series.ToMatrix("Open", "Nope"));
    }

    [Fact]
    public void Column_returns_a_copy()
    {
        var series = Korean();
        series.Column("Close")[0] = -1;
        Assert.Equal(22, series.Column("Close")[0]);
    }

    [Fact]
    public void ToMatrix_gives_rows_oldest_first_and_columns_in_the_order_asked()
    {
        double[,] m = Korean().ToMatrix("Open", "High", "Low", "Volume", "종가");

        Assert.Equal(2, m.GetLength(0));
        Assert.Equal(5, m.GetLength(1));
        Assert.Equal(new double[,] { { 21, 23, 20, 100, 22 }, { 11, 13, 10, 200, 12 } }, m);
    }

    [Fact]
    public void ToMatrix_without_names_gives_every_column_in_file_order()
    {
        var series = Korean();
        double[,] m = series.ToMatrix();
        Assert.Equal(series.ColumnNames.Count, m.GetLength(1));
        Assert.Equal(new double[] { 22, 21, 23, 20, 100 }, Enumerable.Range(0, 5).Select(c => m[0, c]));
    }

    [Fact]
    public void ToTensor_gives_a_float_tensor_of_the_same_shape_and_values()
    {
        var tensor = Korean().ToTensor("Open", "Close");
        Assert.Equal([2, 2], tensor.Shape);
        Assert.Equal([21f, 22f, 11f, 12f], tensor.ToArray());
    }

    [Fact]
    public void Series_built_in_memory_validates_lengths_names_and_dates()
    {
        var ok = new PriceSeries(["Close"], [new double[] { 1, 2 }], [new DateOnly(2020, 1, 2), new DateOnly(2020, 1, 3)]);
        Assert.Equal(2, ok.RowCount);
        Assert.Null(ok.SourceFile);

        var korean = new PriceSeries(["종가"], [new double[] { 5 }]);
        Assert.Equal(["Close"], korean.ColumnNames);
        Assert.Equal(5, korean.Column("close")[0]);
        Assert.Equal(5, korean.Column("종가")[0]);

        Assert.Throws<ArgumentException>(() => new PriceSeries(["Open", "Close"], [new double[] { 1 }, new double[] { 1, 2 }]));
        Assert.Throws<ArgumentException>(() => new PriceSeries(["Close", "종가"], [new double[] { 1 }, new double[] { 2 }]));
        Assert.Throws<ArgumentException>(() => new PriceSeries(["Close", "close"], [new double[] { 1 }, new double[] { 2 }]));
        Assert.Throws<ArgumentException>(() =>
            new PriceSeries(["Close"], [new double[] { 1, 2 }], [new DateOnly(2020, 1, 3), new DateOnly(2020, 1, 2)]));
    }

    [Fact]
    public void Slice_and_WithColumn_keep_rows_aligned()
    {
        var series = Korean().WithColumn("Label", [0.0, 1.0]);
        Assert.Equal([0.0, 1.0], series.Column("label"));
        Assert.Throws<ArgumentException>(() => series.WithColumn("종가", [0.0, 1.0]));
        Assert.Throws<ArgumentException>(() => series.WithColumn("X", [0.0]));

        var last = series.Slice(1, 1);
        Assert.Equal([new DateOnly(2020, 1, 3)], last.Dates);
        Assert.Equal([12.0], last.Column("Close"));
        Assert.Equal([2], last.SourceLines);
        Assert.Throws<ArgumentOutOfRangeException>(() => series.Slice(1, 2));
    }

    [Fact]
    public void ToString_summarises_rows_dates_and_columns()
    {
        Assert.Equal("2 rows, 2020-01-02 … 2020-01-03; columns Close, Open, High, Low, Volume; ReversedFromNewestFirst", Korean().ToString());
    }
}
