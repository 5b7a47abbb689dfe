using System.Globalization;

namespace Recur.Data.Prices;

/// <summary>
/// The layout of a date column whose day and month come before the year, written as a pattern of <c>YYYY</c>,
/// <c>MM</c> and <c>DD</c> joined by one separator (<c>/</c>, <c>.</c> or <c>-</c>): <c>MM/DD/YYYY</c> (US exports),
/// <c>DD.MM.YYYY</c> (German and Russian exports), <c>DD/MM/YYYY</c>, or a year-first <c>YYYY-MM-DD</c>. Month and day
/// may be written with one or two digits in the file. <see cref="PriceSeriesReader"/> detects the layout of such a
/// column when one date in it has a day above 12; a column where none has is ambiguous and needs the layout named in
/// <see cref="PriceSeriesOptions.DateFormat"/>.
/// </summary>
public sealed class PriceDateFormat
{
    private readonly Part[] _order;

    private PriceDateFormat(Part[] order, char separator)
    {
        _order = order;
        Separator = separator;
    }

    private enum Part { Year, Month, Day }

    /// <summary>The separator between the parts.</summary>
    public char Separator { get; }

    /// <summary>The pattern in the canonical spelling, e.g. <c>MM/DD/YYYY</c>.</summary>
    public string Pattern => string.Join(Separator, _order.Select(p => p switch { Part.Year => "YYYY", Part.Month => "MM", _ => "DD" }));

    /// <summary>True when the day comes before the month (<c>DD.MM.YYYY</c>).</summary>
    public bool DayBeforeMonth => Array.IndexOf(_order, Part.Day) < Array.IndexOf(_order, Part.Month);

    /// <summary>Month, day, year with <paramref name="separator"/>: the US layout.</summary>
    public static PriceDateFormat MonthFirst(char separator = '/') => Create([Part.Month, Part.Day, Part.Year], separator);

    /// <summary>Day, month, year with <paramref name="separator"/>: the European layout.</summary>
    public static PriceDateFormat DayFirst(char separator = '.') => Create([Part.Day, Part.Month, Part.Year], separator);

    /// <summary>
    /// Reads a pattern such as <c>MM/DD/YYYY</c> or <c>dd.mm.yyyy</c> (case does not matter; <c>M</c>, <c>D</c> and
    /// .NET's <c>yyyy</c> spellings are accepted too).
    /// </summary>
    /// <exception cref="FormatException">Not three parts YYYY, MM and DD joined by one of / . -</exception>
    public static PriceDateFormat Parse(string pattern) =>
        TryParse(pattern, out var format) ? format! : throw new FormatException(
            $"'{pattern}' is not a date layout; write the year as YYYY, the month as MM and the day as DD, joined by / . or - " +
            "(for example MM/DD/YYYY or DD.MM.YYYY).");

    /// <summary>Reads a pattern; false when it is not one (see <see cref="Parse"/>).</summary>
    public static bool TryParse(string? pattern, out PriceDateFormat? format)
    {
        format = null;
        if (string.IsNullOrWhiteSpace(pattern)) return false;
        string text = pattern.Trim().ToUpperInvariant();
        char separator = text.FirstOrDefault(c => c is '/' or '.' or '-');
        if (separator == default) return false;
        var fields = text.Split(separator);
        if (fields.Length != 3) return false;
        var order = new Part[3];
        for (int i = 0; i < 3; i++)
        {
            Part? part = fields[i] switch
            {
                "YYYY" => Part.Year,
                "MM" or "M" => Part.Month,
                "DD" or "D" => Part.Day,
                _ => null,
            };
            if (part is null) return false;
            order[i] = part.Value;
        }
        if (order.Distinct().Count() != 3) return false;
        format = new PriceDateFormat(order, separator);
        return true;
    }

    /// <summary>Parses one cell in this layout (a time of midnight after it is accepted); false when it is not a valid date.</summary>
    public bool TryParse(string cell, out DateOnly date)
    {
        ArgumentNullException.ThrowIfNull(cell);
        return TryParse(cell.AsSpan(), out date);
    }

    /// <summary>Parses one cell in this layout without making a string of it (see <see cref="TryParse(string, out DateOnly)"/>).</summary>
    public bool TryParse(ReadOnlySpan<char> cell, out DateOnly date)
    {
        date = default;
        var text = PriceDate.WithoutMidnight(cell);
        int year = 0, month = 0, day = 0;
        for (int i = 0; i < 3; i++)
        {
            // Three fields: the last takes the rest, which must hold no further separator.
            int end = i < 2 ? text.IndexOf(Separator) : text.Length;
            if (end < 0 || (i == 2 && text.Contains(Separator))) return false;
            var field = text[..end].Trim();
            text = i < 2 ? text[(end + 1)..] : [];
            int digits = _order[i] == Part.Year ? 4 : 2;
            if (field.Length < (_order[i] == Part.Year ? 4 : 1) || field.Length > digits || field.ContainsAnyExceptInRange('0', '9')) return false;
            int value = int.Parse(field, CultureInfo.InvariantCulture);
            switch (_order[i])
            {
                case Part.Year: year = value; break;
                case Part.Month: month = value; break;
                default: day = value; break;
            }
        }
        if (year < 1 || month is < 1 or > 12 || day < 1 || day > DateTime.DaysInMonth(year, month)) return false;
        date = new DateOnly(year, month, day);
        return true;
    }

    /// <inheritdoc/>
    public override string ToString() => Pattern;

    private static PriceDateFormat Create(Part[] order, char separator) =>
        separator is '/' or '.' or '-' ? new PriceDateFormat(order, separator)
            : throw new ArgumentOutOfRangeException(nameof(separator), separator, "A date separator is '/', '.' or '-'.");
}
