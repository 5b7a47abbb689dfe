namespace Recur.Data.Prices;

/// <summary>
/// Reads a daily price CSV into a <see cref="PriceSeries"/>, oldest day first. It reads the layouts the exercises meet
/// (parsing by Sylvan.Data.Csv; the file is streamed, never held whole, and its values go straight into columns): Yahoo/FinanceDataReader (<c>Date,Open,High,Low,Close,Volume,…</c>), KRX
/// (<c>일자,종가,대비,등락률,시가,…</c>, newest first, <c>20240627</c>), investing.com
/// (<c>날짜,종가,오픈,고가,저가,거래량,변동 %</c>, <c>"76,800 "</c>, <c>2021년 09월 01일</c>), CP949 files, current yfinance
/// (three header rows: Price, Ticker, Date), US <c>MM/DD/YYYY</c> and European <c>DD.MM.YYYY</c> dates, <c>;</c>-separated
/// files with decimal commas, and the course's GOOG file (no header row, no dates, names in a <c>#</c> comment). See
/// <see cref="PriceSeriesOptions"/> for what is detected and what can be named.
/// </summary>
/// <remarks>
/// Every problem with the file's content is a <see cref="DataFormatException"/> naming the file, line and column:
/// a row with more or fewer cells than the header, a cell that is not a number (NaN and infinities included) or not a
/// date, a date that occurs twice (both lines named), an empty cell (unless a <see cref="MissingValuePolicy"/> says
/// otherwise), an empty file. Where a setting would read the file (an empty cell, no header row, undetectable bytes,
/// no dates and no <see cref="PriceSeriesOptions.DatelessOrder"/>, an ambiguous date or decimal separator) it is the
/// subclass <see cref="PriceFormatException"/>, whose <see cref="PriceFormatException.Remedies"/> name the setting. A file
/// without dates is never read in a guessed order, and an ambiguous date or number never in a guessed layout.
/// </remarks>
public static class PriceSeriesReader
{
    /// <summary>Reads <paramref name="path"/> with <paramref name="options"/> (detecting everything when null).</summary>
    /// <exception cref="DataFormatException">
    /// The file's content cannot be read as a price series, or <see cref="PriceSeriesOptions.EncodingName"/> names no
    /// encoding this system has; the message says where and why.
    /// </exception>
    /// <exception cref="PriceFormatException">
    /// The file cannot be read with these options but could with another setting, which the exception names; for
    /// example a file without dates when <see cref="PriceSeriesOptions.DatelessOrder"/> is not stated.
    /// </exception>
    /// <exception cref="ArgumentException">
    /// A delimiter other than ',', tab or ';', a decimal separator other than ',' or '.', or blank
    /// <see cref="PriceSeriesOptions.ColumnNames"/>.
    /// </exception>
    public static PriceSeries Read(string path, PriceSeriesOptions? options = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        options ??= new PriceSeriesOptions();
        if (options.Delimiter is char d && d is not (',' or '\t' or ';'))
            throw new ArgumentException($"the delimiter must be ',', tab or ';', not '{d}'.", nameof(options));
        if (options.DecimalSeparator is char p && p is not (',' or '.'))
            throw new ArgumentException($"the decimal separator must be ',' or '.', not '{p}'.", nameof(options));

        // Three passes over the file, none holding it: decode it strictly and scan its lines (encoding, delimiter, line
        // widths), find the layout from its records, then parse the data rows straight into columns.
        var file = PriceFileText.Read(path, options.EncodingName, options.Delimiter);
        char delimiter = file.Lines.Delimiter;
        file.Lines.RequireColumnsWithinLimit(path, delimiter);
        var warnings = new List<string>();
        var layout = PriceFileLayout.Detect(path, file, delimiter, options, warnings);
        var (header, dateIndex, selected, _, _, _) = layout;

        var skippedLines = new List<int>();
        var rows = PriceRows.Parse(path, file, delimiter, layout, options.MissingValues, skippedLines);
        RowOrdering ordering = rows.Order(path, dateIndex, header, options.DatelessOrder);
        var filledLines = new List<int>();
        int filledCells = 0;
        if (options.MissingValues == MissingValuePolicy.ForwardFill)
            filledCells = rows.ForwardFill(skippedLines, filledLines);
        if (rows.Count == 0)
            throw skippedLines.Count > 0
                ? new PriceFormatException(path, null, null, $"every one of the {skippedLines.Count:N0} data rows has an empty cell, so none is left",
                    [PriceReadRemedy.ReadFewerColumns])
                : new DataFormatException(path, null, null, "the file has a header but no data rows.");

        var (columns, dates, lines) = rows.Take();
        var missing = skippedLines.Count == 0 && filledCells == 0 ? MissingCellsReport.None : new MissingCellsReport(
            skippedLines.Count, skippedLines.Order().Take(MissingCellsReport.MaxListedLines).ToArray(),
            filledCells, filledLines.Order().Take(MissingCellsReport.MaxListedLines).ToArray());
        return new PriceSeries(
            selected.Select(i => header.Names[i]).ToArray(), selected.Select(i => header.SourceNames[i]).ToArray(), columns,
            dates, lines, ordering, missing, warnings, path, file.EncodingName, delimiter);
    }

    /// <summary>
    /// The canonical names of the file's columns other than the date, as <see cref="Read"/> would name them, without
    /// parsing any data cell: to ask whether a file has a column before choosing what to read.
    /// </summary>
    /// <exception cref="DataFormatException">The file's header cannot be read.</exception>
    public static IReadOnlyList<string> ColumnsOf(string path, PriceSeriesOptions? options = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        options ??= new PriceSeriesOptions();
        var file = PriceFileText.Read(path, options.EncodingName, options.Delimiter);
        char delimiter = file.Lines.Delimiter;
        file.Lines.RequireColumnsWithinLimit(path, delimiter);
        var (header, dateIndex, _, _, _, _) = PriceFileLayout.Detect(path, file, delimiter, options, [], columnsOnly: true);
        return header.Names.Where((_, i) => i != dateIndex).ToArray();
    }
}
