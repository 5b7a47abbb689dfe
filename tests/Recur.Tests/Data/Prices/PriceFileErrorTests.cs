using System.Text;
using Recur.Data;
using Recur.Data.Prices;

namespace Recur.Tests.Data.Prices;

/// <summary>Bad input is a <see cref="DataFormatException"/> naming the file, the 1-based line and column, and what was expected.</summary>
public sealed class PriceFileErrorTests : IDisposable
{
    private readonly PriceTestFiles _files = new();

    public void Dispose() => _files.Dispose();

    private DataFormatException Fails(string text, PriceSeriesOptions? options = null)
    {
        string path = _files.Write(text);
        var e = Assert.ThrowsAny<DataFormatException>(() => PriceSeriesReader.Read(path, options));
        Assert.Equal(path, e.File);
        Assert.StartsWith(path, e.Message);
        return e;
    }

    [Fact]
    public void Row_with_too_many_cells_names_the_first_extra_column()
    {
        var e = Fails("Date,Open,Close\n2020-01-02,1,2\n2020-01-03,1,2,3\n");
        Assert.Equal((3, 4), (e.Line, e.Column));
        Assert.Contains("4 cells", e.Problem);
        Assert.Contains("names 3 columns (Date, Open, Close)", e.Problem);
    }

    [Fact]
    public void Row_with_too_few_cells_names_the_first_missing_column()
    {
        var e = Fails("Date,Open,Close\n2020-01-02,1\n");
        Assert.Equal((2, 3), (e.Line, e.Column));
        Assert.Contains("2 cells", e.Problem);
    }

    [Fact]
    public void Non_numeric_cell_names_line_column_and_header()
    {
        var e = Fails("날짜,종가,거래량\n2020-01-02,100,10\n2020-01-03,1O1,10\n");
        Assert.Equal((3, 2), (e.Line, e.Column));
        Assert.Contains("'1O1'", e.Problem);
        Assert.Contains("'종가'", e.Problem);
        Assert.Contains("not a number", e.Problem);
    }

    [Theory]
    [InlineData("NaN")]
    [InlineData("nan")]
    [InlineData("-Infinity")]
    [InlineData("∞")]
    public void Nan_or_infinity_is_refused(string cell)
    {
        var e = Fails($"Date,Close\n2020-01-02,{cell}\n");
        Assert.Equal((2, 2), (e.Line, e.Column));
        Assert.Contains("not a number", e.Problem);
    }

    [Fact]
    public void Nan_message_says_missing_values_are_empty_cells()
    {
        var e = Fails("Date,Close\n2020-01-02,NaN\n");
        Assert.Contains("empty cells, not NaN", e.Problem);
    }

    [Fact]
    public void Decimal_comma_is_not_taken_for_a_thousands_separator()
    {
        // A comma-separated file writes decimals with a point; a ';'-separated one may use a comma (ForeignLayoutTests).
        var e = Fails("Date,Close\n2020-01-02,\"76,8\"\n");
        Assert.Equal((2, 2), (e.Line, e.Column));
        Assert.Equal(76.8, PriceSeriesReader.Read(_files.Write("Date;Close\n2020-01-02;\"76,8\"\n", name: "semicolon.csv")).Column("Close")[0]);
    }

    [Fact]
    public void Bad_date_names_the_layouts_expected()
    {
        var e = Fails("Date,Close\n2020-02-30,1\n");
        Assert.Equal((2, 1), (e.Line, e.Column));
        Assert.Contains("is not a date", e.Problem);
        Assert.Contains("2020년 01월 02일", e.Problem);
    }

    [Fact]
    public void Empty_file_fails()
    {
        var e = Fails("");
        Assert.Null(e.Line);
        Assert.Contains("the file is empty", e.Problem);
    }

    [Fact]
    public void File_with_only_a_bom_and_blank_lines_is_empty()
    {
        string path = _files.WriteBytes([0xEF, 0xBB, 0xBF, (byte)'\n', (byte)'\n']);
        var e = Assert.Throws<DataFormatException>(() => PriceSeriesReader.Read(path));
        Assert.Contains("the file is empty", e.Problem);
    }

    [Fact]
    public void File_with_only_comments_fails()
    {
        var e = Fails("# nothing here\n# yet\n");
        Assert.Contains("only comment lines", e.Problem);
    }

    [Fact]
    public void Header_without_rows_fails()
    {
        var e = Fails("Date,Close\n");
        Assert.Contains("no data rows", e.Problem);
    }

    [Fact]
    public void Numeric_first_row_without_names_asks_for_column_names()
    {
        var e = Assert.IsType<PriceFormatException>(Fails("2020-01-02,1\n2020-01-03,2\n"));
        Assert.Equal(1, e.Line);
        Assert.Equal([PriceReadRemedy.NameColumns], e.Remedies);
        Assert.Contains("PriceSeriesOptions.ColumnNames", e.Problem);
    }

    [Fact]
    public void Missing_requested_column_lists_the_columns_the_file_has()
    {
        var e = Fails("날짜,종가,오픈\n2020-01-02,1,2\n", new PriceSeriesOptions { Columns = ["Close", "Volume"] });
        Assert.Equal(1, e.Line);
        Assert.Contains("no column 'Volume'", e.Problem);
        Assert.Contains("Date (날짜), Close (종가), Open (오픈)", e.Problem);
    }

    [Fact]
    public void Duplicate_date_names_both_lines()
    {
        var e = Fails("Date,Close\n2020-01-02,1\n2020-01-03,2\n2020-01-02,3\n");
        Assert.Equal((4, 1), (e.Line, e.Column));
        Assert.Contains("2020-01-02 occurs twice: lines 2 and 4", e.Problem);
    }

    [Fact]
    public void Duplicate_date_written_in_two_layouts_is_still_a_duplicate()
    {
        var e = Fails("Date,Close\n2020-01-03,1\n20200103,2\n");
        Assert.Equal(3, e.Line);
        Assert.Contains("occurs twice", e.Problem);
    }

    [Fact]
    public void Unknown_encoding_name_fails_naming_the_file()
    {
        var e = Fails("Date,Close\n2020-01-02,1\n", new PriceSeriesOptions { EncodingName = "klingon-8" });
        Assert.Null(e.Line);
        Assert.Contains("'klingon-8' is unknown", e.Problem);
    }

    [Fact]
    public void Bytes_that_are_neither_utf8_nor_cp949_name_their_line()
    {
        // 0xC0 starts a two-byte character in CP949 (and in UTF-8), but a newline cannot be its second byte in either.
        string path = _files.WriteBytes([.. Encoding.ASCII.GetBytes("Date,Close\n2020-01-02,1\n2020-01-03,"), 0xC0, (byte)'\n']);
        var e = Assert.Throws<PriceFormatException>(() => PriceSeriesReader.Read(path));
        Assert.Equal(3, e.Line);
        Assert.Contains("0xC0", e.Problem);
        Assert.Equal([PriceReadRemedy.NameEncoding], e.Remedies);
        Assert.Contains("PriceSeriesOptions.EncodingName", e.Problem);
    }

    [Fact]
    public void Empty_cell_fails_by_default_naming_the_column()
    {
        var e = Assert.IsType<PriceFormatException>(Fails("Date,Open,Close\n2020-01-02,1,2\n2020-01-03,,2\n"));
        Assert.Equal((3, 2), (e.Line, e.Column));
        Assert.Equal("the 'Open' cell is empty", e.Issue);
        Assert.Equal([PriceReadRemedy.AcceptMissingValues, PriceReadRemedy.ReadFewerColumns], e.Remedies);
    }

    [Fact]
    public void Empty_date_cell_cannot_be_forward_filled()
    {
        var e = Assert.IsType<PriceFormatException>(
            Fails("Date,Close\n2020-01-02,1\n,2\n", new PriceSeriesOptions { MissingValues = MissingValuePolicy.ForwardFill }));
        Assert.Equal((3, 1), (e.Line, e.Column));
        Assert.Contains("cannot be forward-filled", e.Problem);
        Assert.Equal([PriceReadRemedy.SkipRowsWithMissingValues], e.Remedies);
    }

    [Fact]
    public void Two_headers_meaning_the_same_column_fail()
    {
        var e = Fails("Date,Close,종가\n2020-01-02,1,1\n");
        Assert.Equal((1, 3), (e.Line, e.Column));
        Assert.Contains("both mean 'Close'", e.Problem);
    }

    [Fact]
    public void Unbalanced_quote_fails_naming_a_line()
    {
        var e = Fails("Date,Close\n2020-01-02,\"1\n");
        Assert.NotNull(e.Line);
    }

    [Fact]
    public void Quote_in_a_comment_that_would_swallow_data_lines_fails_at_the_comment()
    {
        // Valid CSV: the quoted cell runs from line 3 to the lone quote on line 5, hiding the 2020-01-03 row.
        var e = Fails("Date,Close\n2020-01-02,1\n# note,\"from here\n2020-01-03,2\n\"\n2020-01-06,3\n");
        Assert.Equal(3, e.Line);
        Assert.Contains("comment", e.Problem);
    }

    [Fact]
    public void Other_delimiters_and_blank_names_are_argument_errors()
    {
        string path = _files.Write("Date,Close\n2020-01-02,1\n");
        Assert.Throws<ArgumentException>(() => PriceSeriesReader.Read(path, new PriceSeriesOptions { Delimiter = '|' }));
        Assert.Throws<ArgumentException>(() => PriceSeriesReader.Read(path, new PriceSeriesOptions { ColumnNames = ["Date", " "] }));
        Assert.ThrowsAny<ArgumentException>(() => PriceSeriesReader.Read(""));
    }

    [Fact]
    public void Missing_file_is_a_file_not_found_error()
    {
        Assert.Throws<FileNotFoundException>(() => PriceSeriesReader.Read(Path.Combine(Path.GetTempPath(), "no-such-recur-prices.csv")));
    }
}
