using Recur.Data.Prices;

namespace Recur.Tests.Data.Prices;

/// <summary>Empty cells under each <see cref="MissingValuePolicy"/>: never dropped or filled without being counted.</summary>
public sealed class MissingValuesTests : IDisposable
{
    // Newest first, so filling must happen after the rows are put oldest first: 01-03 takes 01-02's values, not 01-06's.
    private const string Gappy =
        "Date,Open,Close\n" +
        "2020-01-07,,7\n" +     // line 2
        "2020-01-06,6,6\n" +    // line 3
        "2020-01-03,,\n" +      // line 4
        "2020-01-02,2,-\n" +    // line 5: a lone dash is empty too
        "2020-01-01,1,1\n";     // line 6

    private readonly PriceTestFiles _files = new();

    public void Dispose() => _files.Dispose();

    [Fact]
    public void Skip_row_leaves_out_every_row_with_an_empty_cell_and_lists_the_lines()
    {
        var series = PriceSeriesReader.Read(_files.Write(Gappy), new PriceSeriesOptions { MissingValues = MissingValuePolicy.SkipRow });

        Assert.Equal([new DateOnly(2020, 1, 1), new DateOnly(2020, 1, 6)], series.Dates);
        Assert.Equal(3, series.Missing.SkippedRowCount);
        Assert.Equal([2, 4, 5], series.Missing.SkippedLines);
        Assert.Equal("3 rows skipped for empty cells (lines 2, 4, 5)", series.Missing.ToString());
    }

    [Fact]
    public void Forward_fill_copies_the_previous_day_in_date_order_and_counts_cells()
    {
        var series = PriceSeriesReader.Read(_files.Write(Gappy), new PriceSeriesOptions { MissingValues = MissingValuePolicy.ForwardFill });

        Assert.Equal(5, series.RowCount);
        Assert.Equal([1.0, 2, 2, 6, 6], series.Column("Open"));
        Assert.Equal([1.0, 1, 1, 6, 7], series.Column("Close"));
        Assert.Equal(4, series.Missing.FilledCellCount);
        Assert.Equal([2, 4, 5], series.Missing.FilledLines);
        Assert.Equal(0, series.Missing.SkippedRowCount);
    }

    [Fact]
    public void Forward_fill_leaves_out_leading_rows_with_nothing_to_copy()
    {
        var series = PriceSeriesReader.Read(_files.Write("Date,Close\n2020-01-01,\n2020-01-02,\n2020-01-03,3\n2020-01-06,\n"),
            new PriceSeriesOptions { MissingValues = MissingValuePolicy.ForwardFill });

        Assert.Equal([3.0, 3.0], series.Column("Close"));
        Assert.Equal((2, 1), (series.Missing.SkippedRowCount, series.Missing.FilledCellCount));
        Assert.Equal([2, 3], series.Missing.SkippedLines);
        Assert.Equal([5], series.Missing.FilledLines);
    }

    [Fact]
    public void Report_lists_at_most_ten_lines_but_counts_all()
    {
        string rows = string.Concat(Enumerable.Range(1, 25).Select(d => $"2020-01-{d:00},{(d % 2 == 0 ? "" : d.ToString())}\n"));
        var series = PriceSeriesReader.Read(_files.Write("Date,Close\n" + rows), new PriceSeriesOptions { MissingValues = MissingValuePolicy.SkipRow });

        Assert.Equal(13, series.RowCount);
        Assert.Equal(12, series.Missing.SkippedRowCount);
        Assert.Equal(MissingCellsReport.MaxListedLines, series.Missing.SkippedLines.Count);
        Assert.Equal(3, series.Missing.SkippedLines[0]);
        Assert.EndsWith(", …)", series.Missing.ToString());
    }

    [Fact]
    public void Every_row_skipped_is_an_error_not_an_empty_series()
    {
        string path = _files.Write("Date,Close\n2020-01-01,\n2020-01-02,\n");
        var e = Assert.Throws<PriceFormatException>(() =>
            PriceSeriesReader.Read(path, new PriceSeriesOptions { MissingValues = MissingValuePolicy.SkipRow }));
        Assert.Contains("every one of the 2 data rows", e.Problem);
        Assert.Equal([PriceReadRemedy.ReadFewerColumns], e.Remedies);
    }

    [Fact]
    public void A_file_without_gaps_reports_none()
    {
        var series = PriceSeriesReader.Read(_files.Write("Date,Close\n2020-01-01,1\n"), new PriceSeriesOptions { MissingValues = MissingValuePolicy.SkipRow });
        Assert.True(series.Missing.IsEmpty);
        Assert.Same(MissingCellsReport.None, series.Missing);
        Assert.Equal("no empty cells", series.Missing.ToString());
    }
}
