namespace Recur.Data.Prices;

/// <summary>
/// How <see cref="PriceSeriesReader"/> reads a daily price file. Every setting but one has a detecting default, so
/// <c>new PriceSeriesOptions()</c> reads all the bundled files that have dates. The exception is the row order of a
/// file without dates (the course's GOOG files), which nothing in the file reveals: state it with
/// <see cref="DatelessOrder"/> (<c>data/stock/row-order.json</c> records it for the bundled ones, see
/// <see cref="RowOrderManifest"/>).
/// </summary>
public sealed record PriceSeriesOptions
{
    /// <summary>
    /// The file's encoding by name: <c>utf-8</c> (a byte-order mark is skipped either way), <c>cp949</c>,
    /// <c>euc-kr</c> (read as CP949, its superset, as Korean Windows does), or any name or code page .NET's
    /// code-page provider knows. Null detects: a UTF-8 or UTF-16 byte-order mark, else UTF-8 when the bytes are valid
    /// UTF-8, else CP949. An unknown name is a <see cref="DataFormatException"/> naming the file.
    /// </summary>
    public string? EncodingName { get; init; }

    /// <summary>
    /// The field separator: ',', '\t' or ';'. Null detects it from the first line that is not a comment: the one of the
    /// three that occurs most often outside quotes (comma when none does).
    /// </summary>
    public char? Delimiter { get; init; }

    /// <summary>
    /// Names of the file's columns, in order, for a file without a header row (names map to canonical names like
    /// header cells: "날짜" becomes "Date"). When given and the first row does look like a header, that row is skipped
    /// and these names replace it (a warning says so). Null: the header row names the columns; when the first row is
    /// numeric, the last <c>#</c> comment line above it is used if it looks like a header (the course's GOOG file:
    /// <c># Open,High,Low,Volume,Close</c>); otherwise the read fails asking for these names.
    /// </summary>
    public IReadOnlyList<string>? ColumnNames { get; init; }

    /// <summary>
    /// The columns to read (canonical or header names), besides the date. Null reads every column. Cells of columns not
    /// read are not parsed, so a text column or a column with gaps (FinanceDataReader's first <c>Change</c> cell is
    /// empty) can be left out instead of failing the read. A name the file lacks is an error listing the columns it has.
    /// </summary>
    public IReadOnlyList<string>? Columns { get; init; }

    /// <summary>
    /// The column that holds the dates, by its header text or canonical name, for a file whose date column is not called
    /// Date/날짜/일자 (for example "Day" or "Trade date"). Null: the column whose header maps to Date, if any.
    /// A name the file lacks is a <see cref="DataFormatException"/> listing the columns it has.
    /// </summary>
    public string? DateColumn { get; init; }

    /// <summary>
    /// The layout of a date column that puts the day and month before the year (<c>MM/DD/YYYY</c>, <c>DD.MM.YYYY</c>, …).
    /// Null detects it: the year-first layouts <see cref="PriceSeriesReader"/> lists are read as they are, and a column
    /// of day-and-month-first dates takes the order that its dates with a day above 12 show. A column where no date
    /// tells (every day and month ≤ 12) is refused as ambiguous rather than guessed; so is a column whose dates show both
    /// orders. When named, every date must be in this layout.
    /// </summary>
    public PriceDateFormat? DateFormat { get; init; }

    /// <summary>
    /// The decimal separator of the numbers, '.' or ','. Null detects it: '.' in comma- and tab-separated files; in a
    /// <c>;</c>-separated file ',' when a number is written with a decimal comma (<c>12,5</c>, <c>1.234,56</c>) and '.'
    /// when one uses commas between thousands (<c>1,234.5</c>, <c>1,000,000</c>). A <c>;</c> file whose every comma could
    /// be either (<c>1,234</c>) is refused as ambiguous rather than guessed. With ',' a '.' may separate thousands.
    /// </summary>
    public char? DecimalSeparator { get; init; }

    /// <summary>What to do with empty cells in the columns read; <see cref="MissingValuePolicy.Error"/> by default.</summary>
    public MissingValuePolicy MissingValues { get; init; } = MissingValuePolicy.Error;

    /// <summary>
    /// For a file without a date column only: whether its first row is the oldest day (rows kept) or the newest
    /// (rows reversed, as the course's <c>xy[::-1]</c> does for its GOOG file). Left
    /// <see cref="DatelessRowOrder.Unspecified"/>, such a file is refused with a <see cref="PriceFormatException"/>
    /// rather than read in a guessed order. Files with dates are always sorted by date and ignore this.
    /// </summary>
    public DatelessRowOrder DatelessOrder { get; init; }
}
