using Recur.Data;
using Recur.Data.Prices;

namespace Recur.Tests.Data.Prices;

/// <summary>Layouts from outside Korea and the course: yfinance's three header rows, US and European dates, decimal commas.</summary>
public sealed class ForeignLayoutTests : IDisposable
{
    private readonly PriceTestFiles _files = new();

    public void Dispose() => _files.Dispose();

    [Fact]
    public void Yfinance_three_row_header_reads_the_fields_and_the_dates_and_names_the_ticker()
    {
        var series = PriceSeriesReader.Read(_files.Write(
            "Price,Close,High,Low,Open,Volume\nTicker,GOOG,GOOG,GOOG,GOOG,GOOG\nDate,,,,,\n" +
            "2024-01-02,139.56,140.61,137.74,138.55,20071900\n2024-01-03,140.36,141.43,138.94,139.07,18974300\n"));

        Assert.Equal(["Close", "High", "Low", "Open", "Volume"], series.ColumnNames);
        Assert.Equal([new DateOnly(2024, 1, 2), new DateOnly(2024, 1, 3)], series.Dates);
        Assert.Equal([139.56, 140.36], series.Column("Close"));
        Assert.Equal([4, 5], series.SourceLines);
        Assert.Contains(series.Warnings, w => w.Contains("yfinance", StringComparison.Ordinal) && w.Contains("GOOG", StringComparison.Ordinal));
    }

    [Fact]
    public void Yfinance_file_with_adj_close_keeps_both_closes()
    {
        var series = PriceSeriesReader.Read(_files.Write(
            "Price,Adj Close,Close,High,Low,Open,Volume\nTicker,AAPL,AAPL,AAPL,AAPL,AAPL,AAPL\nDate,,,,,,\n2020-01-02,72.7,75.09,75.15,73.8,74.06,135480400\n"));

        Assert.Equal(72.7, series.Column("Adj Close")[0]);
        Assert.Equal(75.09, series.Column("Close")[0]);
    }

    [Fact]
    public void Yfinance_file_with_two_tickers_is_refused_naming_them()
    {
        var e = Assert.Throws<DataFormatException>(() => PriceSeriesReader.Read(_files.Write(
            "Price,Close,Close\nTicker,AAPL,MSFT\nDate,,\n2020-01-02,75.09,160.6\n")));

        Assert.Equal(2, e.Line);
        Assert.Contains("AAPL, MSFT", e.Message);
    }

    [Theory]
    [InlineData("01/02/2020\n01/13/2020", "MM/DD/YYYY", 1, 2)]    // 13 can only be a day: month first
    [InlineData("02.01.2020\n13.01.2020", "DD.MM.YYYY", 1, 2)]    // 13 can only be a day: day first
    [InlineData("2/1/2020\n13/1/2020", "DD/MM/YYYY", 1, 2)]       // one-digit fields
    public void Day_and_month_first_dates_take_the_order_the_column_shows(string dates, string layout, int month, int day)
    {
        var lines = dates.Split('\n');
        var series = PriceSeriesReader.Read(_files.Write($"Date,Close\n{lines[0]},10\n{lines[1]},11\n"));

        Assert.Equal(new DateOnly(2020, month, day), series.Dates![0]);
        Assert.Contains(series.Warnings, w => w.Contains(layout, StringComparison.Ordinal));
    }

    [Fact]
    public void A_column_where_no_day_exceeds_12_is_ambiguous_and_names_both_readings()
    {
        string path = _files.Write("Date,Close\n01/02/2020,10\n03/04/2020,11\n");

        var e = Assert.Throws<PriceFormatException>(() => PriceSeriesReader.Read(path));
        Assert.Equal([PriceReadRemedy.NameDateFormat], e.Remedies);
        Assert.Equal((2, 1), (e.Line, e.Column));
        Assert.Contains("2 January 2020", e.Message);
        Assert.Contains("1 February 2020", e.Message);
        Assert.Contains("MM/DD/YYYY", e.Message);
        Assert.Contains("DD/MM/YYYY", e.Message);

        var named = PriceSeriesReader.Read(path, new PriceSeriesOptions { DateFormat = PriceDateFormat.Parse("dd/mm/yyyy") });
        Assert.Equal([new DateOnly(2020, 2, 1), new DateOnly(2020, 4, 3)], named.Dates);
    }

    [Fact]
    public void Dates_that_show_both_orders_are_refused()
    {
        var e = Assert.Throws<DataFormatException>(() => PriceSeriesReader.Read(_files.Write("Date,Close\n13/01/2020,10\n01/14/2020,11\n")));

        Assert.Contains("13/01/2020", e.Message);
        Assert.Contains("01/14/2020", e.Message);
    }

    [Fact]
    public void A_named_layout_refuses_dates_in_another_one()
    {
        var e = Assert.Throws<DataFormatException>(() => PriceSeriesReader.Read(_files.Write("Date,Close\n2020-01-02,10\n"),
            new PriceSeriesOptions { DateFormat = PriceDateFormat.MonthFirst() }));

        Assert.Contains("MM/DD/YYYY", e.Message);
        Assert.Equal((2, 1), (e.Line, e.Column));
    }

    [Theory]
    [InlineData("MM/DD/YYYY", "MM/DD/YYYY", false)]
    [InlineData("dd.mm.yyyy", "DD.MM.YYYY", true)]
    [InlineData("M-D-YYYY", "MM-DD-YYYY", false)]
    [InlineData("yyyy/MM/dd", "YYYY/MM/DD", false)]
    public void Date_layouts_parse_in_any_case(string pattern, string canonical, bool dayFirst)
    {
        var format = PriceDateFormat.Parse(pattern);
        Assert.Equal(canonical, format.Pattern);
        Assert.Equal(dayFirst, format.DayBeforeMonth);
    }

    [Theory]
    [InlineData("MM/DD")]
    [InlineData("MM/DD/YY")]
    [InlineData("MM/MM/YYYY")]
    [InlineData("MM/DD.YYYY")]
    [InlineData("")]
    public void A_pattern_that_is_not_a_layout_is_refused_with_an_example(string pattern)
    {
        var e = Assert.Throws<FormatException>(() => PriceDateFormat.Parse(pattern));
        Assert.Contains("MM/DD/YYYY", e.Message);
    }

    [Fact]
    public void Semicolon_file_with_decimal_commas_reads_them_and_dots_between_thousands()
    {
        var series = PriceSeriesReader.Read(_files.Write("Datum;Schluss;Volumen\n30.12.2019;12,5;1.234.567\n02.01.2020;1.234,25;800\n"),
            new PriceSeriesOptions { DateColumn = "Datum" });

        Assert.Equal([12.5, 1234.25], series.Column("Schluss"));
        Assert.Equal([1234567.0, 800.0], series.Column("Volumen"));
        Assert.Equal([new DateOnly(2019, 12, 30), new DateOnly(2020, 1, 2)], series.Dates);   // DD.MM.YYYY, told by the 30
        Assert.Contains(series.Warnings, w => w.Contains("decimal commas", StringComparison.Ordinal));
    }

    [Fact]
    public void Semicolon_file_whose_commas_fit_both_readings_is_ambiguous_until_named()
    {
        string path = _files.Write("Date;Close\n2020-01-02;1,234\n2020-01-03;2,345\n");

        var e = Assert.Throws<PriceFormatException>(() => PriceSeriesReader.Read(path));
        Assert.Equal([PriceReadRemedy.NameDecimalSeparator], e.Remedies);
        Assert.Contains("'1,234'", e.Message);

        Assert.Equal([1.234, 2.345], PriceSeriesReader.Read(path, new PriceSeriesOptions { DecimalSeparator = ',' }).Column("Close"));
        Assert.Equal([1234.0, 2345.0], PriceSeriesReader.Read(path, new PriceSeriesOptions { DecimalSeparator = '.' }).Column("Close"));
    }

    [Fact]
    public void Semicolon_file_mixing_decimal_and_thousands_commas_is_refused()
    {
        var e = Assert.Throws<DataFormatException>(() => PriceSeriesReader.Read(_files.Write("Date;Close\n2020-01-02;12,5\n2020-01-03;1,234.5\n")));
        Assert.Contains("12,5", e.Message);
        Assert.Contains("1,234.5", e.Message);
    }

    [Fact]
    public void A_decimal_separator_other_than_comma_or_point_is_an_argument_error()
    {
        var e = Assert.Throws<ArgumentException>(() => PriceSeriesReader.Read(_files.Write("Date,Close\n2020-01-02,1\n"),
            new PriceSeriesOptions { DecimalSeparator = ';' }));
        Assert.Contains("decimal separator", e.Message);
    }
}
