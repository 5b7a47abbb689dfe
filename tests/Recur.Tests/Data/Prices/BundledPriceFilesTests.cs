using Recur.Data;
using Recur.Data.Prices;

namespace Recur.Tests.Data.Prices;

/// <summary>Every file under data/stock read with the row counts, dates and values data/README.md states.</summary>
public sealed class BundledPriceFilesTests
{
    private static PriceSeries Read(string name, PriceSeriesOptions? options = null) =>
        PriceSeriesReader.Read(PriceTestFiles.Bundled(name), options);

    private static void AssertStrictlyAscending(IReadOnlyList<DateOnly> dates)
    {
        for (int i = 1; i < dates.Count; i++)
            Assert.True(dates[i] > dates[i - 1], $"row {i}: {dates[i]} does not follow {dates[i - 1]}");
    }

    [Theory]
    [InlineData("data-02-stock_daily.csv", 734, 3)]   // two comment lines, CRLF, no final newline
    [InlineData("stock_daily.csv", 733, 2)]           // one comment line, LF
    public void Course_goog_file_reversed_gives_732_rows_oldest_first_with_names_from_the_comment(string name, int oldestLine, int newestLine)
    {
        var goog = Read(name, new PriceSeriesOptions { DatelessOrder = DatelessRowOrder.NewestFirst });

        Assert.Equal(732, goog.RowCount);
        Assert.Null(goog.Dates);
        Assert.Equal(RowOrdering.FileOrderReversed, goog.Ordering);
        Assert.Equal(["Open", "High", "Low", "Volume", "Close"], goog.ColumnNames);
        Assert.Contains(goog.Warnings, w => w.Contains("comment", StringComparison.Ordinal));
        // Oldest day = last line of the file: 568.00257,568.00257,552.922516,13100,558.462551
        Assert.Equal([568.00257, 568.00257, 552.922516, 13100, 558.462551], Row(goog.ToMatrix(), 0));
        // Newest day = first data line: 828.659973,833.450012,828.349976,1247700,831.659973
        Assert.Equal([828.659973, 833.450012, 828.349976, 1247700, 831.659973], Row(goog.ToMatrix(), 731));
        Assert.Equal(oldestLine, goog.SourceLines![0]);
        Assert.Equal(newestLine, goog.SourceLines![^1]);
        Assert.Equal(',', goog.Delimiter);
    }

    [Theory]
    [InlineData("data-02-stock_daily.csv")]
    [InlineData("stock_daily.csv")]
    public void Course_goog_file_without_a_stated_order_is_refused_rather_than_read_in_a_guessed_one(string name)
    {
        var e = Assert.Throws<PriceFormatException>(() => Read(name));

        Assert.Equal(PriceTestFiles.Bundled(name), e.File);
        Assert.Null(e.Line);
        Assert.Equal([PriceReadRemedy.StateDatelessOrder], e.Remedies);
        Assert.Contains("PriceSeriesOptions.DatelessOrder", e.Message);
    }

    [Theory]
    [InlineData("data-02-stock_daily.csv")]
    [InlineData("stock_daily.csv")]
    public void Course_goog_files_order_is_recorded_beside_them(string name) =>
        Assert.Equal(DatelessRowOrder.NewestFirst, RowOrderManifest.Lookup(PriceTestFiles.Bundled(name)));

    [Fact]
    public void Krx_file_with_bom_newest_first_is_reversed_to_6043_rows_and_matches_the_lecture_slide()
    {
        var krx = Read("krx-005930-2000-2024.csv");

        Assert.Equal(6043, krx.RowCount);
        Assert.Equal("utf-8 (with BOM)", krx.EncodingName);
        Assert.Equal(RowOrdering.ReversedFromNewestFirst, krx.Ordering);
        Assert.Equal(["Close", "Change", "Change %", "Open", "High", "Low", "Volume", "Traded Value", "Market Cap", "Shares"], krx.ColumnNames);
        Assert.Equal("종가", krx.SourceColumnNames[0]);
        AssertStrictlyAscending(krx.Dates!);
        Assert.Equal(new DateOnly(2000, 1, 4), krx.Dates![0]);
        Assert.Equal(new DateOnly(2024, 6, 27), krx.Dates![^1]);
        Assert.Equal(6110, krx.Column("Close")[0]);
        Assert.Equal(14.85, krx.Column("등락률")[0]);
        Assert.Equal(9.5318E+11, krx.Column("Traded Value")[^1]);

        int day = IndexOf(krx, new DateOnly(2020, 1, 2));
        Assert.Equal(1108, krx.SourceLines![day]);
        Assert.Equal([55500, 56000, 55000, 55200, 12993228], Row(krx.ToMatrix("Open", "High", "Low", "Close", "Volume"), day));
    }

    [Fact]
    public void Investing_com_export_reads_quoted_numbers_with_trailing_spaces_korean_dates_and_percent()
    {
        var investing = Read("investing-005930-2016-2021.csv");

        Assert.Equal(1321, investing.RowCount);
        Assert.Equal(["Close", "Open", "High", "Low", "Volume", "Change %"], investing.ColumnNames);
        Assert.Equal(["종가", "오픈", "고가", "저가", "거래량", "변동 %"], investing.SourceColumnNames);
        AssertStrictlyAscending(investing.Dates!);
        Assert.Equal(new DateOnly(2016, 4, 14), investing.Dates![0]);
        Assert.Equal(new DateOnly(2021, 9, 1), investing.Dates![^1]);
        // Oldest: "26,000 ","26,000 ","26,040 ","25,780 ","16,630,000 ",-97.96%
        Assert.Equal([26000, 26000, 26040, 25780, 16630000, -97.96], Row(investing.ToMatrix(), 0));
        // Newest: "76,800 ","76,600 ","77,100 ","75,900 ","84,000 ",0.13%
        Assert.Equal([76800, 76600, 77100, 75900, 84000, 0.13], Row(investing.ToMatrix(), 1320));
        int day = IndexOf(investing, new DateOnly(2020, 1, 2));
        Assert.Equal(416, investing.SourceLines![day]);
        Assert.Equal(-1.08, investing.Column("Change %")[day]);
    }

    [Fact]
    public void Samsung_cp949_open_file_is_detected_as_cp949_and_gives_the_iconv_values()
    {
        string path = PriceTestFiles.Bundled("samsung-open-2018-2020-cp949.csv");
        // 일자,시가 in CP949 (iconv -f utf-8 -t cp949): the file is genuinely not UTF-8.
        Assert.Equal(new byte[] { 0xC0, 0xCF, 0xC0, 0xDA, 0x2C, 0xBD, 0xC3, 0xB0, 0xA1, 0x0A }, File.ReadAllBytes(path)[..10]);

        var samsung = PriceSeriesReader.Read(path);

        Assert.Equal("cp949", samsung.EncodingName);
        Assert.Equal(509, samsung.RowCount);
        Assert.Equal(["Open"], samsung.ColumnNames);
        Assert.Equal(["시가"], samsung.SourceColumnNames);
        Assert.Equal(RowOrdering.ReversedFromNewestFirst, samsung.Ordering);
        AssertStrictlyAscending(samsung.Dates!);
        Assert.Equal((new DateOnly(2018, 5, 4), 53000.0), (samsung.Dates![0], samsung.Column("시가")[0]));
        Assert.Equal((new DateOnly(2020, 6, 2), 51000.0), (samsung.Dates![^1], samsung.Column("open")[^1]));
        // Lines 100-102 of the file, hand-checked with iconv: 2020-01-08 "56,200", 2020-01-07 "55,700", 2020-01-06 "54,900".
        int day = IndexOf(samsung, new DateOnly(2020, 1, 7));
        Assert.Equal([54900, 55700, 56200], samsung.Column("Open")[(day - 1)..(day + 2)]);
        Assert.Equal(101, samsung.SourceLines![day]);
        // Sum of all 509 opens, by awk over the iconv output.
        Assert.Equal(24212400, samsung.Column("Open").Sum());
    }

    [Fact]
    public void Samsung_cp949_file_named_euc_kr_reads_the_same()
    {
        var detected = Read("samsung-open-2018-2020-cp949.csv");
        var named = Read("samsung-open-2018-2020-cp949.csv", new PriceSeriesOptions { EncodingName = "euc-kr" });
        Assert.Equal(detected.Column("Open"), named.Column("Open"));
        Assert.Equal("cp949", named.EncodingName);
    }

    [Fact]
    public void Samsung_cp949_file_named_utf8_fails_at_line_one()
    {
        var e = Assert.Throws<DataFormatException>(() =>
            Read("samsung-open-2018-2020-cp949.csv", new PriceSeriesOptions { EncodingName = "utf-8" }));
        Assert.Equal(1, e.Line);
        Assert.Contains("0xC0", e.Message);
    }

    [Fact]
    public void Hite_file_with_empty_cells_fails_by_default_naming_line_2_column_3()
    {
        var e = Assert.Throws<PriceFormatException>(() => Read("hite-000080-2018-2020-cp949.csv"));
        Assert.EndsWith("hite-000080-2018-2020-cp949.csv", e.File);
        Assert.Equal(2, e.Line);
        Assert.Equal(3, e.Column);
        Assert.Contains("고가", e.Problem);
        Assert.Contains("MissingValues", e.Problem);
        Assert.Contains(PriceReadRemedy.AcceptMissingValues, e.Remedies);
    }

    [Fact]
    public void Hite_file_with_skip_row_leaves_out_the_newest_day_and_reports_it()
    {
        var hite = Read("hite-000080-2018-2020-cp949.csv", new PriceSeriesOptions { MissingValues = MissingValuePolicy.SkipRow });

        Assert.Equal(508, hite.RowCount);
        Assert.Equal(1, hite.Missing.SkippedRowCount);
        Assert.Equal([2], hite.Missing.SkippedLines);
        Assert.Equal(0, hite.Missing.FilledCellCount);
        Assert.Equal(new DateOnly(2020, 6, 1), hite.Dates![^1]);
        Assert.Equal("1 row skipped for empty cells (line 2)", hite.Missing.ToString());
    }

    [Fact]
    public void Hite_file_with_forward_fill_copies_the_previous_day_into_four_cells()
    {
        var hite = Read("hite-000080-2018-2020-cp949.csv", new PriceSeriesOptions { MissingValues = MissingValuePolicy.ForwardFill });

        Assert.Equal(509, hite.RowCount);
        Assert.Equal(4, hite.Missing.FilledCellCount);
        Assert.Equal([2], hite.Missing.FilledLines);
        Assert.Equal(0, hite.Missing.SkippedRowCount);
        Assert.Equal(["Open", "High", "Low", "Close", "Volume"], hite.ColumnNames);
        // 2020-06-02 has only its open (39,000); the rest comes from 2020-06-01: 38,750 / 36,000 / 38,750 / 1,407,345.
        Assert.Equal(new DateOnly(2020, 6, 2), hite.Dates![^1]);
        Assert.Equal([39000, 38750, 36000, 38750, 1407345], Row(hite.ToMatrix(), 508));
        Assert.Equal((new DateOnly(2018, 5, 4), 21550.0), (hite.Dates![0], hite.Column("종가")[0]));
    }

    [Fact]
    public void Hite_file_reading_only_the_open_needs_no_policy()
    {
        var hite = Read("hite-000080-2018-2020-cp949.csv", new PriceSeriesOptions { Columns = ["시가"] });
        Assert.Equal(509, hite.RowCount);
        Assert.True(hite.Missing.IsEmpty);
        Assert.Equal(39000, hite.Column("Open")[^1]);
    }

    [Fact]
    public void Finance_data_reader_file_fails_on_its_empty_first_change_cell_unless_the_column_is_left_out()
    {
        var e = Assert.Throws<PriceFormatException>(() => Read("samsung_005930_daily.csv"));
        Assert.Equal((2, 7), (e.Line, e.Column));

        var samsung = Read("samsung_005930_daily.csv", new PriceSeriesOptions { Columns = ["Open", "High", "Low", "Close", "Volume"] });
        Assert.Equal(5993, samsung.RowCount);
        Assert.Equal(RowOrdering.OldestFirst, samsung.Ordering);
        Assert.Empty(samsung.Warnings);
        AssertStrictlyAscending(samsung.Dates!);
        Assert.Equal(new DateOnly(2000, 3, 17), samsung.Dates![0]);
        Assert.Equal(new DateOnly(2024, 6, 28), samsung.Dates![^1]);
        Assert.Equal([5540, 5560, 5400, 5480, 481685], Row(samsung.ToMatrix(), 0));
        Assert.Equal([81900, 81900, 80800, 81500, 9455929], Row(samsung.ToMatrix(), 5992));
    }

    [Fact]
    public void Finance_data_reader_file_with_forward_fill_drops_only_the_first_day()
    {
        var samsung = Read("samsung_005930_daily.csv", new PriceSeriesOptions { MissingValues = MissingValuePolicy.ForwardFill });
        Assert.Equal(5992, samsung.RowCount);
        Assert.Equal((1, 0), (samsung.Missing.SkippedRowCount, samsung.Missing.FilledCellCount));
        Assert.Equal(new DateOnly(2000, 3, 20), samsung.Dates![0]);
        Assert.Equal(0.03284671532846706, samsung.Column("Change")[0]);
    }

    [Fact]
    public void Derived_samsung_2020_file_in_the_lecture_layout_has_248_rows_in_thousands()
    {
        var samsung = Read("samsung-2020.csv");

        Assert.Equal("cp949", samsung.EncodingName);
        Assert.Equal(248, samsung.RowCount);
        Assert.Equal(RowOrdering.OldestFirst, samsung.Ordering);
        Assert.Equal(["Close", "Open", "High", "Low", "Volume"], samsung.ColumnNames);
        Assert.Equal(new DateOnly(2020, 1, 2), samsung.Dates![0]);
        Assert.Equal(new DateOnly(2020, 12, 30), samsung.Dates![^1]);
        Assert.Equal([55.2, 55.5, 56, 55, 12993], Row(samsung.ToMatrix(), 0));
        Assert.Equal([81, 77.4, 81.3, 77.3, 29417], Row(samsung.ToMatrix(), 247));
    }

    private static double[] Row(double[,] matrix, int row) =>
        Enumerable.Range(0, matrix.GetLength(1)).Select(c => matrix[row, c]).ToArray();

    private static int IndexOf(PriceSeries series, DateOnly date)
    {
        int index = series.Dates!.ToList().IndexOf(date);
        Assert.True(index >= 0, $"{date} is not in the series");
        return index;
    }
}
