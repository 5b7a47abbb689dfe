using System.Globalization;
using System.Text.RegularExpressions;

namespace Recur.Data.Prices;

/// <summary>
/// Parses one date cell in the layouts price exports use: <c>2020-01-02</c>, <c>20200102</c>, <c>2020.3.21</c>
/// (also <c>2020. 3. 21.</c>), <c>2020/01/02</c>, <c>2020년 01월 02일</c>, and investing.com's English
/// <c>Jan 02, 2020</c>; a time of day of midnight (<c>2020-01-02 00:00:00</c>) is accepted. Year first: dates with the
/// day and month first (<c>01/02/2020</c>) are read by a <see cref="PriceDateFormat"/>, named or detected for the column.
/// </summary>
internal static partial class PriceDate
{
    /// <summary>The layouts, for error messages.</summary>
    public const string Layouts = "2020-01-02, 20200102, 2020.3.21, 2020/01/02, 2020년 01월 02일 or Jan 02, 2020";

    /// <summary>Parses a cell; false when it is not a valid date in one of the layouts.</summary>
    public static bool TryParse(string cell, out DateOnly date)
    {
        date = default;
        string t = cell.Trim();
        if (t.EndsWith(" 00:00:00", StringComparison.Ordinal)) t = t[..^9].TrimEnd();
        var m = YearFirst().Match(t);
        if (m.Success)
            return TryCreate(m.Groups["y"].Value, m.Groups["m"].Value, m.Groups["d"].Value, out date);
        if (t.Length == 8 && t.All(char.IsAsciiDigit))
            return TryCreate(t[..4], t[4..6], t[6..], out date);
        return DateOnly.TryParseExact(t, ["MMM dd, yyyy", "MMM d, yyyy"], CultureInfo.InvariantCulture, DateTimeStyles.None, out date);
    }

    /// <summary>
    /// True for a cell shaped like a day-and-month-first date, <c>01/02/2020</c> or <c>1.2.2020</c> (a time of midnight
    /// allowed): its first two numbers and the separator, whichever is the day.
    /// </summary>
    public static bool TryMatchDayMonthYear(string cell, out int first, out int second, out char separator)
    {
        first = second = 0;
        separator = default;
        string t = cell.Trim();
        if (t.EndsWith(" 00:00:00", StringComparison.Ordinal)) t = t[..^9].TrimEnd();
        var m = YearLast().Match(t);
        if (!m.Success) return false;
        first = int.Parse(m.Groups["a"].Value, CultureInfo.InvariantCulture);
        second = int.Parse(m.Groups["b"].Value, CultureInfo.InvariantCulture);
        separator = m.Groups["s"].Value[0];
        return true;
    }

    /// <summary>True when the cell reads as a date in any layout the reader knows (for telling a header from data).</summary>
    public static bool LooksLikeDate(string cell) => TryParse(cell, out _) || TryMatchDayMonthYear(cell, out _, out _, out _);

    private static bool TryCreate(string year, string month, string day, out DateOnly date)
    {
        date = default;
        int y = int.Parse(year, CultureInfo.InvariantCulture), m = int.Parse(month, CultureInfo.InvariantCulture), d = int.Parse(day, CultureInfo.InvariantCulture);
        if (y < 1 || m is < 1 or > 12 || d < 1 || d > DateTime.DaysInMonth(y, m)) return false;
        date = new DateOnly(y, m, d);
        return true;
    }

    // 2020-01-02, 2020.3.21, 2020. 3. 21., 2020/01/02, 2020년 01월 02일 — one separator style per date.
    // ASCII digits only: \d would also match other scripts' digits, which int.Parse then refuses.
    [GeneratedRegex(@"^(?<y>[0-9]{4})\s*(?:(?<s>[-./])\s*(?<m>[0-9]{1,2})\s*\k<s>\s*(?<d>[0-9]{1,2})\.?|년\s*(?<m>[0-9]{1,2})\s*월\s*(?<d>[0-9]{1,2})\s*일)$")]
    private static partial Regex YearFirst();

    // 01/02/2020, 1.2.2020, 01-02-2020: day and month in either order, then a four-digit year.
    [GeneratedRegex(@"^(?<a>[0-9]{1,2})(?<s>[-./])(?<b>[0-9]{1,2})\k<s>[0-9]{4}$")]
    private static partial Regex YearLast();
}
