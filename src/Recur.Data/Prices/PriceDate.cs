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
    public static bool TryParse(ReadOnlySpan<char> cell, out DateOnly date)
    {
        date = default;
        var t = WithoutMidnight(cell);
        // The layouts files are written in most, read without a string: 2020-01-02 (or with / or .) and 20200102. The
        // regular expression below gives the same parts for them.
        if (t.Length == 10 && t[4] is '-' or '.' or '/' && t[7] == t[4] && AsciiDigits(t[..4]) && AsciiDigits(t[5..7]) && AsciiDigits(t[8..]))
            return TryCreate(t[..4], t[5..7], t[8..], out date);
        if (t.Length == 8 && AsciiDigits(t))   // the expression needs a separator after the year, so it never matches these
            return TryCreate(t[..4], t[4..6], t[6..], out date);
        return TryParseOther(t.ToString(), out date);
    }

    private static bool TryParseOther(string t, out DateOnly date)
    {
        date = default;
        var m = YearFirst().Match(t);
        if (m.Success)
            return TryCreate(m.Groups["y"].ValueSpan, m.Groups["m"].ValueSpan, m.Groups["d"].ValueSpan, out date);
        if (t.Length == 8 && t.All(char.IsAsciiDigit))
            return TryCreate(t.AsSpan(0, 4), t.AsSpan(4, 2), t.AsSpan(6), out date);
        return DateOnly.TryParseExact(t, ["MMM dd, yyyy", "MMM d, yyyy"], CultureInfo.InvariantCulture, DateTimeStyles.None, out date);
    }

    /// <summary>
    /// True for a cell shaped like a day-and-month-first date, <c>01/02/2020</c> or <c>1.2.2020</c> (a time of midnight
    /// allowed): its first two numbers and the separator, whichever is the day.
    /// </summary>
    public static bool TryMatchDayMonthYear(ReadOnlySpan<char> cell, out int first, out int second, out char separator)
    {
        first = second = 0;
        separator = default;
        var t = WithoutMidnight(cell);
        // ^([0-9]{1,2})([-./])([0-9]{1,2})\2[0-9]{4}$, read by hand so that a column's cells are matched without strings.
        int a = LeadingAsciiDigits(t);
        if (a is < 1 or > 2 || a == t.Length || t[a] is not ('-' or '.' or '/')) return false;
        char s = t[a];
        var rest = t[(a + 1)..];
        int b = LeadingAsciiDigits(rest);
        if (b is < 1 or > 2 || rest.Length != b + 5 || rest[b] != s || !AsciiDigits(rest[(b + 1)..])) return false;
        first = int.Parse(t[..a], CultureInfo.InvariantCulture);
        second = int.Parse(rest[..b], CultureInfo.InvariantCulture);
        separator = s;
        return true;
    }

    /// <summary>True when the cell reads as a date in any layout the reader knows (for telling a header from data).</summary>
    public static bool LooksLikeDate(ReadOnlySpan<char> cell) => TryParse(cell, out _) || TryMatchDayMonthYear(cell, out _, out _, out _);

    private static bool TryCreate(ReadOnlySpan<char> year, ReadOnlySpan<char> month, ReadOnlySpan<char> day, out DateOnly date)
    {
        date = default;
        int y = int.Parse(year, CultureInfo.InvariantCulture), m = int.Parse(month, CultureInfo.InvariantCulture), d = int.Parse(day, CultureInfo.InvariantCulture);
        if (y < 1 || m is < 1 or > 12 || d < 1 || d > DateTime.DaysInMonth(y, m)) return false;
        date = new DateOnly(y, m, d);
        return true;
    }

    /// <summary>The trimmed cell without a trailing time of midnight (<c> 00:00:00</c>).</summary>
    internal static ReadOnlySpan<char> WithoutMidnight(ReadOnlySpan<char> cell)
    {
        var t = cell.Trim();
        return t.EndsWith(" 00:00:00", StringComparison.Ordinal) ? t[..^9].TrimEnd() : t;
    }

    private static bool AsciiDigits(ReadOnlySpan<char> text) => !text.ContainsAnyExceptInRange('0', '9');

    private static int LeadingAsciiDigits(ReadOnlySpan<char> text)
    {
        int n = text.IndexOfAnyExceptInRange('0', '9');
        return n < 0 ? text.Length : n;
    }

    // 2020-01-02, 2020.3.21, 2020. 3. 21., 2020/01/02, 2020년 01월 02일 — one separator style per date.
    // ASCII digits only: \d would also match other scripts' digits, which int.Parse then refuses.
    [GeneratedRegex(@"^(?<y>[0-9]{4})\s*(?:(?<s>[-./])\s*(?<m>[0-9]{1,2})\s*\k<s>\s*(?<d>[0-9]{1,2})\.?|년\s*(?<m>[0-9]{1,2})\s*월\s*(?<d>[0-9]{1,2})\s*일)$")]
    private static partial Regex YearFirst();
}
