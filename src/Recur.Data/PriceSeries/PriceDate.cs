using System.Globalization;
using System.Text.RegularExpressions;

namespace Recur.Data.Prices;

/// <summary>
/// Parses one date cell in the layouts price exports use: <c>2020-01-02</c>, <c>20200102</c>, <c>2020.3.21</c>
/// (also <c>2020. 3. 21.</c>), <c>2020/01/02</c>, <c>2020년 01월 02일</c>, and investing.com's English
/// <c>Jan 02, 2020</c>; a time of day of midnight (<c>2020-01-02 00:00:00</c>) is accepted. Year first, always.
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
}
