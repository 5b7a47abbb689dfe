using System.Globalization;

namespace Recur.Data.Prices;

/// <summary>
/// Decides how a file's date column is read: by the layout the caller named, by the year-first layouts
/// <see cref="PriceDate"/> knows, or — for dates with the day and month first — by the order the column's own dates show,
/// gathered record by record as the file is read.
/// </summary>
internal sealed class DateColumnLayout
{
    private readonly int _dateIndex;
    private readonly PriceDateFormat? _named;
    private (int Line, string Cell)? _dayFirst, _monthFirst, _undecided;
    private char _separator;

    /// <summary>Evidence about column <paramref name="dateIndex"/> (none when it is negative), unless <paramref name="named"/> says the layout.</summary>
    public DateColumnLayout(int dateIndex, PriceDateFormat? named)
    {
        _dateIndex = dateIndex;
        _named = named;
    }

    /// <summary>Reads the date cell of the current data record (comments and blank lines are passed over).</summary>
    public void Observe(IPriceRecord record)
    {
        if (_named is not null || _dateIndex < 0) return;
        if (record.IsComment || record.IsBlank || record.CellCount <= _dateIndex) return;
        var cell = record.Cell(_dateIndex);
        if (!PriceDate.TryMatchDayMonthYear(cell, out int first, out int second, out char s)) return;
        if (_separator == default) _separator = s;
        // Only the first of each kind is kept (for the messages), as a string.
        if (first > 12) _dayFirst ??= (record.Line, cell.Trim().ToString());
        else if (second > 12) _monthFirst ??= (record.Line, cell.Trim().ToString());
        else _undecided ??= (record.Line, cell.Trim().ToString());
    }

    /// <summary>
    /// The layout of the day-and-month-first dates seen, or null when the column's dates are year first (or there is no
    /// date column). The layout named wins when given.
    /// </summary>
    /// <exception cref="PriceFormatException">No date in the column tells whether the day or the month comes first.</exception>
    /// <exception cref="DataFormatException">Some dates put the day first and others the month.</exception>
    public PriceDateFormat? Resolve(string path, PriceHeader header)
    {
        if (_named is not null || _dateIndex < 0) return _named;
        if (_dayFirst is { } d && _monthFirst is { } m)
            throw new DataFormatException(path, m.Line, _dateIndex + 1,
                $"the dates mix two layouts: '{d.Cell}' (line {d.Line}) puts the day first and '{m.Cell}' (line {m.Line}) the month; a column has one layout.");
        if (_dayFirst is not null) return PriceDateFormat.DayFirst(_separator);
        if (_monthFirst is not null) return PriceDateFormat.MonthFirst(_separator);
        if (_undecided is { } u)
        {
            PriceDate.TryMatchDayMonthYear(u.Cell, out int a, out int b, out _);
            int year = int.Parse(u.Cell.Trim()[^4..], CultureInfo.InvariantCulture);
            throw new PriceFormatException(path, u.Line, _dateIndex + 1,
                $"the date '{u.Cell}' is ambiguous: it could be {Day(year, b, a)} (layout {PriceDateFormat.MonthFirst(_separator)}) or " +
                $"{Day(year, a, b)} ({PriceDateFormat.DayFirst(_separator)}), and no date in the '{header.SourceNames[_dateIndex]}' column has a day above 12 to tell",
                [PriceReadRemedy.NameDateFormat]);
        }
        return null;
    }

    private static string Day(int year, int month, int day) =>
        new DateOnly(year, month, day).ToString("d MMMM yyyy", CultureInfo.InvariantCulture);
}
