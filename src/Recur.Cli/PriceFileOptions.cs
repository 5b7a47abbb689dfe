using System.CommandLine;
using Recur.Data.Prices;

namespace Recur.Cli;

/// <summary>
/// The flags of the commands that read a price file (<c>forecast</c>, <c>updown</c>): the file and how to read it —
/// encoding, row order of a file without dates, date column and layout, column names, empty cells, decimal separator.
/// </summary>
internal sealed class PriceFileOptions
{
    private readonly Option<string?> _csv;
    private readonly Option<string?> _encoding = new("--encoding") { Description = "The file's encoding (utf-8, cp949, euc-kr…); detected when omitted." };
    private readonly Option<string?> _order = OrderOption.Create("For a file without dates: whether its first row is the newest day or the oldest (required; the bundled GOOG files carry theirs in data/stock/row-order.json).");
    private readonly Option<bool> _newestFirst = new("--newest-first") { Description = "Same as --order newest-first." };
    private readonly Option<string?> _date = new("--date") { Description = "The column holding the dates, when its header is not Date/날짜/일자." };
    private readonly Option<string?> _dateFormat = new("--date-format")
    {
        Description = "Layout of day-and-month-first dates, e.g. MM/DD/YYYY or DD.MM.YYYY (detected from days above 12 when omitted).",
        HelpName = "MM/DD/YYYY|DD.MM.YYYY|…",
    };
    private readonly Option<string?> _decimal = new("--decimal") { Description = "Decimal separator: point or comma (detected in ';'-separated files when omitted)." };
    private readonly Option<string?> _columns = new("--columns") { Description = "Comma-separated names of the file's columns, for a file without a header row." };
    private readonly Option<string> _missing = new("--missing") { Description = "Empty cells in the columns used: error, skip (the row) or ffill (previous day's value).", DefaultValueFactory = _ => "error" };

    /// <summary>The flags, with <paramref name="csvDescription"/> for <c>--csv</c>.</summary>
    public PriceFileOptions(string csvDescription)
    {
        _csv = new Option<string?>("--csv") { Description = csvDescription };
        _missing.AcceptOnlyFromAmong("error", "skip", "ffill");
        _decimal.AcceptOnlyFromAmong("point", "comma");
    }

    /// <summary>Adds the flags to <paramref name="command"/>.</summary>
    public void AddTo(Command command)
    {
        foreach (Option option in new Option[] { _csv, _encoding, _order, _newestFirst, _date, _dateFormat, _decimal, _columns, _missing })
            command.Options.Add(option);
    }

    /// <summary>The file named by <c>--csv</c>, else the bundled <paramref name="bundledDefault"/>.</summary>
    public string CsvPath(ParseResult parse, string bundledDefault) => parse.GetValue(_csv) ?? BundledData.Find(bundledDefault);

    /// <summary>How to read <paramref name="csvPath"/>, as the flags say (the row order from <c>row-order.json</c> when not stated).</summary>
    /// <exception cref="ArgumentException">Contradictory order flags or a date layout that is not one.</exception>
    public PriceSeriesOptions Reading(ParseResult parse, string csvPath)
    {
        string? statedOrder = parse.GetValue(_order);
        if (parse.GetValue(_newestFirst))
            statedOrder = statedOrder is null or DatelessRowOrderNames.NewestFirst ? DatelessRowOrderNames.NewestFirst
                : throw new ArgumentException($"--newest-first contradicts --order {statedOrder}.");
        string? layout = parse.GetValue(_dateFormat);
        PriceDateFormat? format = null;
        if (layout is not null && !PriceDateFormat.TryParse(layout, out format))
            throw new ArgumentException($"--date-format '{layout}' is not a date layout; write the year as YYYY, the month as MM and the day as DD, joined by / . or - (for example MM/DD/YYYY or DD.MM.YYYY).");
        return new PriceSeriesOptions
        {
            EncodingName = parse.GetValue(_encoding),
            DatelessOrder = OrderOption.Resolve(statedOrder, csvPath) ?? DatelessRowOrder.Unspecified,
            DateColumn = parse.GetValue(_date),
            DateFormat = format,
            DecimalSeparator = parse.GetValue(_decimal) switch { "comma" => ',', "point" => '.', _ => null },
            ColumnNames = CommaList(parse.GetValue(_columns)),
            MissingValues = parse.GetValue(_missing) switch { "skip" => MissingValuePolicy.SkipRow, "ffill" => MissingValuePolicy.ForwardFill, _ => MissingValuePolicy.Error },
        };
    }

    /// <summary>A comma-separated list, trimmed, without empty entries; null for null.</summary>
    public static string[]? CommaList(string? text) =>
        text?.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
}
