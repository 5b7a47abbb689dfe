using System.Globalization;
using System.Text;
using Recur.Data.Prices;
using Recur.Data;
using Recur.Tasks.Forecasting;
using Recur.Tests.Forecasting;

namespace Recur.Tests.Reliability;

/// <summary>
/// Bounded cost on big inputs (issue 16, item 4). The timings are measured by <c>bench big-input</c>, never asserted here:
/// these tests hold what the linear check finds and the default batch of a large training set.
/// </summary>
public sealed class BigInputTests : IDisposable
{
    private readonly ForecastFiles _files = new();

    public void Dispose() => _files.Dispose();

    [Fact]
    public void A_repeated_name_far_along_a_wide_header_is_found_with_both_columns()
    {
        // As wide as a price file may be: the pairwise check compared 50 million pairs, the set-based one reads them in one pass.
        const int width = PriceCsvRecords.MaxColumns - 1;
        var text = new StringBuilder("Date,Close");
        for (int c = 2; c < width; c++) text.Append(CultureInfo.InvariantCulture, $",c{c}");
        text.Append(",close\n2020-01-02");
        for (int c = 1; c <= width; c++) text.Append(",1");
        File.WriteAllText(_files.PathOf("wide.csv"), text.Append('\n').ToString());

        var e = Assert.Throws<DataFormatException>(() => PriceSeriesReader.ColumnsOf(_files.PathOf("wide.csv")));

        // Column 1 is the date.
        Assert.Contains($"columns 2 ('Close') and {width + 1} ('close') both mean 'Close'", e.Message);
    }

    [Fact]
    public void A_wide_header_of_distinct_names_is_read_whole()
    {
        const int width = PriceCsvRecords.MaxColumns - 1;
        var text = new StringBuilder("Date");
        for (int c = 1; c <= width; c++) text.Append(CultureInfo.InvariantCulture, $",c{c}");
        text.Append("\n2020-01-02");
        for (int c = 1; c <= width; c++) text.Append(",1");
        File.WriteAllText(_files.PathOf("wide.csv"), text.Append('\n').ToString());

        Assert.Equal(width, PriceSeriesReader.ColumnsOf(_files.PathOf("wide.csv")).Count);
    }

    [Fact]
    public void A_line_of_a_million_cells_is_refused_before_parsing()
    {
        // Before: the CSV parser's time grows with the square of a line's cells, and 1 M cells hung for minutes.
        var text = new StringBuilder("Date,Close\n2020-01-02");
        text.Append(',', 1_000_000);
        File.WriteAllText(_files.PathOf("wide.csv"), text.Append('\n').ToString());

        var e = Assert.Throws<DataFormatException>(() => PriceSeriesReader.ColumnsOf(_files.PathOf("wide.csv")));

        Assert.Contains(":2", e.Message);
        Assert.Contains("the line has 1,000,001 cells; a price file has at most 10,000 columns", e.Message);
    }

    [Fact]
    public void Reading_a_long_price_file_allocates_little_more_than_its_columns()
    {
        // 200,000 days of 5 numbers: 8 MB of doubles, and 1.6 MB of dates and line numbers beside them. The reader used to
        // hold the file's bytes, its text (2 bytes a character), every cell as a string and an object per row: 15× the numbers.
        const int rows = 200_000;
        string path = _files.PathOf("long.csv");
        using (var writer = new StreamWriter(path))
        {
            writer.Write("Date,Open,High,Low,Close,Volume\n");
            var day = new DateOnly(1900, 1, 1);
            for (int i = 0; i < rows; i++)
                writer.Write(string.Create(CultureInfo.InvariantCulture,
                    $"{day.AddDays(i):yyyy-MM-dd},{100 + i % 89 * 0.25:0.00},{101 + i % 89 * 0.25:0.00},{99 + i % 89 * 0.25:0.00},{100.5 + i % 89 * 0.25:0.00},{100000 + i % 977}\n"));
        }
        PriceSeriesReader.Read(path, new PriceSeriesOptions { Columns = ["Close"] });   // code and statics made once, outside the count

        long before = GC.GetAllocatedBytesForCurrentThread();
        var series = PriceSeriesReader.Read(path);
        long allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        Assert.Equal(rows, series.RowCount);
        long numbers = (long)rows * 5 * sizeof(double);
        // The columns, dates and lines (1.2× the numbers) and the parser's fixed buffers; nothing per cell or per row beyond them.
        Assert.True(allocated < 1.5 * numbers, $"reading {numbers / 1e6:0.0} MB of numbers allocated {allocated / 1e6:0.0} MB.");
    }

    [Theory]
    [InlineData(507, null, 507)]
    [InlineData(ForecastOptions.FullBatchLimit, null, ForecastOptions.FullBatchLimit)]
    [InlineData(ForecastOptions.FullBatchLimit + 1, null, ForecastOptions.LargeSetBatchSize)]
    [InlineData(1_000_000, 64, 64)]
    public void A_large_training_set_trains_in_mini_batches_by_default(int windows, int? batch, int expected)
    {
        var options = new ForecastOptions { CsvPath = "unused.csv", BatchSize = batch };

        Assert.Equal(expected, options.BatchSizeFor(windows));
    }
}
