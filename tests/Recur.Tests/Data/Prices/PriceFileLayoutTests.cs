using System.Text;
using Recur.Data;
using Recur.Data.Prices;

namespace Recur.Tests.Data.Prices;

/// <summary>Hand-made files in each layout the reader accepts: dates, encodings, delimiters, headers, comments, order.</summary>
public sealed class PriceFileLayoutTests : IDisposable
{
    private readonly PriceTestFiles _files = new();

    public void Dispose() => _files.Dispose();

    [Theory]
    [InlineData("2020-01-02", "2020-01-03")]
    [InlineData("20200102", "20200103")]
    [InlineData("2020.1.2", "2020.1.3")]
    [InlineData("2020. 1. 2.", "2020. 1. 3.")]
    [InlineData("2020/01/02", "2020/01/03")]
    [InlineData("2020년 01월 02일", "2020년 01월 03일")]
    [InlineData("2020-01-02 00:00:00", "2020-01-03 00:00:00")]
    [InlineData("\"Jan 02, 2020\"", "\"Jan 03, 2020\"")]
    public void Each_date_layout_reads_as_the_same_days(string first, string second)
    {
        var series = PriceSeriesReader.Read(_files.Write($"Date,Close\n{first},10\n{second},11\n"));
        Assert.Equal([new DateOnly(2020, 1, 2), new DateOnly(2020, 1, 3)], series.Dates);
        Assert.Equal([10.0, 11.0], series.Column("Close"));
    }

    [Fact]
    public void A_date_column_named_by_the_user_is_sorted_on_and_an_unknown_one_lists_the_columns()
    {
        string path = _files.Write("Day,Close\n2020-01-03,11\n2020-01-02,10\n");
        var series = PriceSeriesReader.Read(path, new PriceSeriesOptions { DateColumn = "day" });
        Assert.Equal([new DateOnly(2020, 1, 2), new DateOnly(2020, 1, 3)], series.Dates);
        Assert.Equal([10.0, 11.0], series.Column("Close"));

        var e = Assert.Throws<DataFormatException>(() => PriceSeriesReader.Read(path, new PriceSeriesOptions { DateColumn = "When" }));
        Assert.Contains("'When'", e.Message);
        Assert.Contains("Day, Close", e.Message);
    }

    [Fact]
    public void Dotted_date_with_one_digit_month_and_day_reads()
    {
        var series = PriceSeriesReader.Read(_files.Write("일자,종가\n2020.3.21,1\n2020.12.1,2\n"));
        Assert.Equal([new DateOnly(2020, 3, 21), new DateOnly(2020, 12, 1)], series.Dates);
    }

    [Fact]
    public void Utf8_with_and_without_bom_read_alike_and_say_which()
    {
        const string text = "날짜,종가\n2020-01-02,\"55,200\"\n";
        var withBom = PriceSeriesReader.Read(_files.Write(text, new UTF8Encoding(true), "bom.csv"));
        var without = PriceSeriesReader.Read(_files.Write(text, name: "plain.csv"));

        Assert.Equal("utf-8 (with BOM)", withBom.EncodingName);
        Assert.Equal("utf-8", without.EncodingName);
        Assert.Equal(["Close"], withBom.ColumnNames);      // the BOM is not part of the first header cell
        Assert.Equal(new DateOnly(2020, 1, 2), withBom.Dates![0]);
        Assert.Equal(55200, withBom.Column("종가")[0]);
        Assert.Equal(55200, without.Column("종가")[0]);
    }

    [Fact]
    public void Cp949_file_is_detected_and_utf8_bom_file_can_be_named_utf8()
    {
        var cp949 = PriceSeriesReader.Read(_files.Write("일자,시가,종가\n2020-01-02,100,101\n", PriceTestFiles.Cp949));
        Assert.Equal("cp949", cp949.EncodingName);
        Assert.Equal(["시가", "종가"], cp949.SourceColumnNames);

        var named = PriceSeriesReader.Read(_files.Write("Date,Close\n2020-01-02,1\n", new UTF8Encoding(true), "n.csv"),
            new PriceSeriesOptions { EncodingName = "UTF-8" });
        Assert.Equal(1, named.Column("close")[0]);
        Assert.Equal("utf-8 (with BOM)", named.EncodingName);
    }

    [Theory]
    [InlineData('\t')]
    [InlineData(';')]
    [InlineData(',')]
    public void Tab_semicolon_and_comma_are_detected(char delimiter)
    {
        string d = delimiter.ToString();
        var series = PriceSeriesReader.Read(_files.Write($"Date{d}Open{d}Close\n2020-01-02{d}1.5{d}2\n2020-01-03{d}\"1,234.5\"{d}3\n"));
        Assert.Equal(delimiter, series.Delimiter);
        Assert.Equal([1.5, 1234.5], series.Column("Open"));
    }

    [Fact]
    public void Semicolon_file_whose_numbers_have_thousands_commas_is_detected_by_the_header()
    {
        var series = PriceSeriesReader.Read(_files.Write("Date;Close;Volume\n2020-01-02;1,234;1,000,000\n"));
        Assert.Equal(';', series.Delimiter);
        Assert.Equal(1234, series.Column("Close")[0]);
        Assert.Equal(1e6, series.Column("Volume")[0]);
    }

    [Fact]
    public void Named_delimiter_wins_over_detection()
    {
        // Detection would pick ';' (two of them against one tab); the user says tab.
        var series = PriceSeriesReader.Read(_files.Write("Date\tNote;A;B\n2020-01-02\t7\n"),
            new PriceSeriesOptions { Delimiter = '\t' });
        Assert.Equal(["Note;A;B"], series.ColumnNames);
        Assert.Equal(7, series.Column("note;a;b")[0]);
    }

    [Fact]
    public void Named_encoding_decodes_cp949_text()
    {
        var series = PriceSeriesReader.Read(_files.Write("일자,종가\n2020-01-02,7\n", PriceTestFiles.Cp949),
            new PriceSeriesOptions { EncodingName = "cp949" });
        Assert.Equal(["종가"], series.SourceColumnNames);
    }

    [Fact]
    public void File_without_header_takes_the_users_names_in_english_or_korean()
    {
        string path = _files.Write("2020-01-03,11,110\n2020-01-02,10,100\n");
        var series = PriceSeriesReader.Read(path, new PriceSeriesOptions { ColumnNames = ["날짜", "종가", "거래량"] });

        Assert.Equal(["Close", "Volume"], series.ColumnNames);
        Assert.Equal(["종가", "거래량"], series.SourceColumnNames);
        Assert.Equal([10.0, 11.0], series.Column("Close"));
        Assert.Equal([100.0, 110.0], series.Column("거래량"));
        Assert.Equal(RowOrdering.ReversedFromNewestFirst, series.Ordering);
    }

    [Fact]
    public void Users_names_replace_a_header_row_with_a_warning()
    {
        var series = PriceSeriesReader.Read(_files.Write("d,c\n2020-01-02,10\n"), new PriceSeriesOptions { ColumnNames = ["Date", "Close"] });
        Assert.Equal(1, series.RowCount);
        Assert.Equal(["Close"], series.ColumnNames);
        Assert.Contains(series.Warnings, w => w.Contains("line 1 looks like a header", StringComparison.Ordinal));
    }

    [Fact]
    public void Header_spellings_map_to_canonical_names()
    {
        var series = PriceSeriesReader.Read(_files.Write(
            "Date,Open,High,Low,Close,Adj Close,Volume\n2020-01-02,1,2,0.5,1.5,1.4,1000\n"));
        Assert.Equal(["Open", "High", "Low", "Close", "Adj Close", "Volume"], series.ColumnNames);
        Assert.Equal(1.4, series.Column("adj close")[0]);

        var korean = PriceSeriesReader.Read(_files.Write("날짜,시가,고가,저가,종가,거래량\n2020-01-02,1,2,0.5,1.5,1000\n", name: "k.csv"));
        Assert.Equal(["Open", "High", "Low", "Close", "Volume"], korean.ColumnNames);
    }

    [Fact]
    public void Percent_column_reads_in_percent()
    {
        var series = PriceSeriesReader.Read(_files.Write("Date,Close,Change %\n2020-01-02,100,-1.2%\n2020-01-03,101,\"1.00 %\"\n"));
        Assert.Equal([-1.2, 1.0], series.Column("Change %"));
        Assert.Equal([-1.2, 1.0], series.Column("변동 %"));
    }

    [Fact]
    public void Volume_suffixes_and_scientific_notation_read_as_numbers()
    {
        var series = PriceSeriesReader.Read(_files.Write(
            "Date,Price,Vol.,Value\n2020-01-02,\"1,234.50\",12.5M,9.5E+11\n2020-01-03,1235,300K,1.2B\n"));
        Assert.Equal(["Close", "Volume", "Traded Value"], series.ColumnNames);
        Assert.Equal([12.5e6, 300e3], series.Column("Volume"));
        Assert.Equal([9.5e11, 1.2e9], series.Column("Value"));
        Assert.Equal(1234.5, series.Column("Price")[0]);
    }

    [Fact]
    public void Quoted_numbers_with_stray_spaces_read()
    {
        var series = PriceSeriesReader.Read(_files.Write("날짜,종가\n2021년 09월 01일,\" 76,800 \"\n"));
        Assert.Equal(76800, series.Column("Close")[0]);
    }

    [Fact]
    public void Comment_and_blank_lines_are_skipped_and_line_numbers_still_count_them()
    {
        string path = _files.Write("# prices\r\n\r\nDate,Close\r\n# a note between rows\r\n2020-01-02,1\r\n\r\n2020-01-03,2\r\n# end");
        var series = PriceSeriesReader.Read(path);

        Assert.Equal(2, series.RowCount);
        Assert.Equal([5, 7], series.SourceLines);
    }

    [Fact]
    public void Line_numbers_count_a_quoted_cell_spanning_two_lines()
    {
        string path = _files.Write("Date,Close,Note\n2020-01-02,1,\"two\nlines\"\n2020-01-03,x,ok\n");
        var e = Assert.Throws<Recur.Data.DataFormatException>(() => PriceSeriesReader.Read(path, new PriceSeriesOptions { Columns = ["Close"] }));
        Assert.Equal((4, 2), (e.Line, e.Column));
    }

    [Fact]
    public void Names_in_a_comment_above_numeric_rows_are_used()
    {
        var series = PriceSeriesReader.Read(_files.Write("# source\n# Open, Close\n3,4\n1,2\n"),
            new PriceSeriesOptions { DatelessOrder = DatelessRowOrder.OldestFirst });
        Assert.Equal(["Open", "Close"], series.ColumnNames);
        Assert.Equal([3.0, 1.0], series.Column("Open"));
        Assert.Equal(RowOrdering.FileOrder, series.Ordering);
    }

    [Fact]
    public void Oldest_first_file_keeps_its_order()
    {
        var series = PriceSeriesReader.Read(_files.Write("Date,Close\n2020-01-02,1\n2020-01-03,2\n2020-01-06,3\n"));
        Assert.Equal(RowOrdering.OldestFirst, series.Ordering);
        Assert.Equal([1.0, 2.0, 3.0], series.Column("Close"));
        Assert.Equal([2, 3, 4], series.SourceLines);
        Assert.Empty(series.Warnings);
    }

    [Fact]
    public void Newest_first_file_is_reversed_to_oldest_first()
    {
        var series = PriceSeriesReader.Read(_files.Write("Date,Close\n2020-01-06,3\n2020-01-03,2\n2020-01-02,1\n"));
        Assert.Equal(RowOrdering.ReversedFromNewestFirst, series.Ordering);
        Assert.Equal([new DateOnly(2020, 1, 2), new DateOnly(2020, 1, 3), new DateOnly(2020, 1, 6)], series.Dates);
        Assert.Equal([1.0, 2.0, 3.0], series.Column("Close"));
        Assert.Equal([4, 3, 2], series.SourceLines);
    }

    [Fact]
    public void Shuffled_file_is_sorted_by_date()
    {
        var series = PriceSeriesReader.Read(_files.Write("Close,Date\n2,2020-01-03\n3,2020-01-06\n1,2020-01-02\n"));
        Assert.Equal(RowOrdering.SortedByDate, series.Ordering);
        Assert.Equal([1.0, 2.0, 3.0], series.Column("Close"));
    }

    [Fact]
    public void File_without_dates_is_read_in_the_stated_order_and_refused_without_one()
    {
        string path = _files.Write("Open,Close\n3,30\n2,20\n1,10\n");
        var kept = PriceSeriesReader.Read(path, new PriceSeriesOptions { DatelessOrder = DatelessRowOrder.OldestFirst });
        var reversed = PriceSeriesReader.Read(path, new PriceSeriesOptions { DatelessOrder = DatelessRowOrder.NewestFirst });
        var refused = Assert.Throws<PriceFormatException>(() => PriceSeriesReader.Read(path));

        Assert.Null(kept.Dates);
        Assert.Equal(RowOrdering.FileOrder, kept.Ordering);
        Assert.Empty(kept.Warnings);
        Assert.Equal([30.0, 20.0, 10.0], kept.Column("Close"));
        Assert.Equal(RowOrdering.FileOrderReversed, reversed.Ordering);
        Assert.Equal([10.0, 20.0, 30.0], reversed.Column("Close"));
        Assert.Equal(path, refused.File);
        Assert.Equal([PriceReadRemedy.StateDatelessOrder], refused.Remedies);
    }

    [Theory]
    [InlineData(DatelessRowOrder.OldestFirst)]
    [InlineData(DatelessRowOrder.NewestFirst)]
    public void File_with_dates_ignores_the_order_stated_for_files_without(DatelessRowOrder order)
    {
        string path = _files.Write("Date,Close\n2020-01-06,3\n2020-01-03,2\n2020-01-02,1\n");
        var series = PriceSeriesReader.Read(path, new PriceSeriesOptions { DatelessOrder = order });

        Assert.Equal(RowOrdering.ReversedFromNewestFirst, series.Ordering);
        Assert.Equal([1.0, 2.0, 3.0], series.Column("Close"));
    }

    [Fact]
    public void Requested_columns_come_in_the_requested_order_by_either_name()
    {
        var series = PriceSeriesReader.Read(_files.Write("날짜,종가,오픈,변동 %\n2020-01-02,2,1,x\n"),
            new PriceSeriesOptions { Columns = ["오픈", "close"] });
        Assert.Equal(["Open", "Close"], series.ColumnNames);   // the text in 변동 % is never parsed
    }
}
