using Recur.Data.Prices;

namespace Recur.Tests.Data.Prices;

/// <summary>Single cells: the number and date spellings price exports use, and look-alikes that must be refused.</summary>
public sealed class PriceCellTests
{
    [Theory]
    [InlineData("76800", 76800)]
    [InlineData("76,800 ", 76800)]
    [InlineData(" 1,234,567.25", 1234567.25)]
    [InlineData("-1,234", -1234)]
    [InlineData("-1.2%", -1.2)]
    [InlineData("0.13 %", 0.13)]
    [InlineData("12.5M", 12.5e6)]
    [InlineData("300K", 300e3)]
    [InlineData("1.2B", 1.2e9)]
    [InlineData("9.5318E+11", 9.5318e11)]
    [InlineData("\u22121.5", -1.5)]
    [InlineData(".5", 0.5)]
    public void Number_spellings_parse(string cell, double expected)
    {
        Assert.True(PriceNumber.TryParse(cell, out double value));
        Assert.Equal(expected, value, 1e-9);
    }

    [Theory]
    [InlineData("NaN")]
    [InlineData("Infinity")]
    [InlineData("1e999")]
    [InlineData("76,8")]
    [InlineData("1,2345")]
    [InlineData("1.5,000")]
    [InlineData("abc")]
    [InlineData("M")]
    [InlineData("12 34")]
    public void Number_look_alikes_are_refused(string cell) => Assert.False(PriceNumber.TryParse(cell, out _));

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("-")]
    [InlineData(" — ")]
    public void Empty_and_dash_cells_are_missing(string cell) => Assert.True(PriceNumber.IsMissing(cell));

    [Theory]
    [InlineData("2020-01-02", 2020, 1, 2)]
    [InlineData("20200102", 2020, 1, 2)]
    [InlineData("2020.3.21", 2020, 3, 21)]
    [InlineData("2020. 3. 21.", 2020, 3, 21)]
    [InlineData("2020/01/02", 2020, 1, 2)]
    [InlineData("2020년 01월 02일", 2020, 1, 2)]
    [InlineData("2020년 3월 21일", 2020, 3, 21)]
    [InlineData("Mar 21, 2020", 2020, 3, 21)]
    [InlineData("2024-02-29", 2024, 2, 29)]
    public void Date_layouts_parse(string cell, int year, int month, int day)
    {
        Assert.True(PriceDate.TryParse(cell, out var date));
        Assert.Equal(new DateOnly(year, month, day), date);
    }

    [Theory]
    [InlineData("2023-02-29")]
    [InlineData("2020-13-01")]
    [InlineData("2020-01/02")]
    [InlineData("20201301")]
    [InlineData("02/01/2020")]
    [InlineData("2020-01-02 09:30:00")]
    [InlineData("٢٠٢٠-01-02")]
    [InlineData("55200")]
    public void Date_look_alikes_are_refused(string cell) => Assert.False(PriceDate.TryParse(cell, out _));

    [Theory]
    [InlineData("날짜", "Date")]
    [InlineData("일자", "Date")]
    [InlineData("\uFEFFDate", "Date")]
    [InlineData("종가", "Close")]
    [InlineData("시가", "Open")]
    [InlineData("오픈", "Open")]
    [InlineData("고가", "High")]
    [InlineData("저가", "Low")]
    [InlineData("거래량", "Volume")]
    [InlineData("adj_close", "Adj Close")]
    [InlineData("변동 %", "Change %")]
    [InlineData("Something Else ", "Something Else")]
    public void Header_spellings_have_canonical_names(string header, string canonical) =>
        Assert.Equal(canonical, PriceColumnNames.Canonical(header));
}
