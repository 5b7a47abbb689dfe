using System.Globalization;

namespace Recur.Data.Prices;

/// <summary>
/// Decides how a file's date column is read: by the layout the caller named, by the year-first layouts
/// <see cref="PriceDate"/> knows, or — for dates with the day and month first — by the order the column's own dates show.
/// </summary>
internal static class DateColumnLayout
{
    /// <summary>
    /// The layout of the day-and-month-first dates in column <paramref name="dateIndex"/>, or null when the column's dates
    /// are year first (or there is no date column). <paramref name="named"/> wins when given.
    /// </summary>
    /// <exception cref="PriceFormatException">No date in the column tells whether the day or the month comes first.</exception>
    /// <exception cref="DataFormatException">Some dates put the day first and others the month.</exception>
    public static PriceDateFormat? Resolve(string path, IReadOnlyList<PriceCsvRecord> records, PriceHeader header, int dateIndex,
        PriceDateFormat? named)
    {
        if (named is not null || dateIndex < 0) return named;
        (int Line, string Cell)? dayFirst = null, monthFirst = null, undecided = null;
        char separator = default;
        for (int r = header.DataStart; r < records.Count; r++)
        {
            var record = records[r];
            if (record.IsComment || record.IsBlank || record.Cells.Length <= dateIndex) continue;
            string cell = record.Cells[dateIndex];
            if (!PriceDate.TryMatchDayMonthYear(cell, out int first, out int second, out char s)) continue;
            if (separator == default) separator = s;
            if (first > 12) dayFirst ??= (record.Line, cell.Trim());
            else if (second > 12) monthFirst ??= (record.Line, cell.Trim());
            else undecided ??= (record.Line, cell.Trim());
        }
        if (dayFirst is { } d && monthFirst is { } m)
            throw new DataFormatException(path, m.Line, dateIndex + 1,
                $"the dates mix two layouts: '{d.Cell}' (line {d.Line}) puts the day first and '{m.Cell}' (line {m.Line}) the month; a column has one layout.");
        if (dayFirst is not null) return PriceDateFormat.DayFirst(separator);
        if (monthFirst is not null) return PriceDateFormat.MonthFirst(separator);
        if (undecided is { } u)
        {
            PriceDate.TryMatchDayMonthYear(u.Cell, out int a, out int b, out _);
            int year = int.Parse(u.Cell.Trim()[^4..], CultureInfo.InvariantCulture);
            throw new PriceFormatException(path, u.Line, dateIndex + 1,
                $"the date '{u.Cell}' is ambiguous: it could be {Day(year, b, a)} (layout {PriceDateFormat.MonthFirst(separator)}) or " +
                $"{Day(year, a, b)} ({PriceDateFormat.DayFirst(separator)}), and no date in the '{header.SourceNames[dateIndex]}' column has a day above 12 to tell",
                [PriceReadRemedy.NameDateFormat]);
        }
        return null;
    }

    private static string Day(int year, int month, int day) =>
        new DateOnly(year, month, day).ToString("d MMMM yyyy", CultureInfo.InvariantCulture);
}
