namespace Recur.Data.Prices;

/// <summary>
/// Reads a daily price CSV into a <see cref="PriceSeries"/>, oldest day first. It reads the layouts the exercises meet
/// (parsing by Sylvan.Data.Csv): Yahoo/FinanceDataReader (<c>Date,Open,High,Low,Close,Volume,…</c>), KRX
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

        var file = PriceFileText.Read(path, options.EncodingName);
        char delimiter = options.Delimiter ?? PriceCsvRecords.DetectDelimiter(file.Text);
        var records = PriceCsvRecords.Read(path, file.Text, delimiter);
        var warnings = new List<string>();
        var header = PriceHeader.Resolve(path, records, options.ColumnNames, warnings);
        int dateIndex = options.DateColumn is string dateColumn
            ? NameDateColumn(path, header, dateColumn)
            : Array.IndexOf(header.Names, PriceColumnNames.Date);
        int[] selected = SelectColumns(path, header, dateIndex, options.Columns);
        var dateFormat = DateColumnLayout.Resolve(path, records, header, dateIndex, options.DateFormat);
        if (options.DateFormat is null && dateFormat is not null)
            warnings.Add($"the dates were read as {dateFormat} (the layout their days above 12 show).");
        bool decimalComma = DecimalSeparatorEvidence.DecimalComma(path, records, header, selected, delimiter, options.DecimalSeparator);
        if (options.DecimalSeparator is null && decimalComma)
            warnings.Add("the numbers were read with decimal commas (12,5 is 12.5), as the ';'-separated file writes them.");

        var cells = new CellReading(dateIndex, selected, dateFormat, decimalComma, options.MissingValues);
        var rows = ParseRows(path, records, header, cells, out var skippedLines);
        RowOrdering ordering = Order(path, rows, dateIndex, header, options.DatelessOrder);
        var filledLines = new List<int>();
        int filledCells = 0;
        if (options.MissingValues == MissingValuePolicy.ForwardFill)
            rows = ForwardFill(rows, skippedLines, filledLines, ref filledCells);
        if (rows.Count == 0)
            throw skippedLines.Count > 0
                ? new PriceFormatException(path, null, null, $"every one of the {skippedLines.Count:N0} data rows has an empty cell, so none is left",
                    [PriceReadRemedy.ReadFewerColumns])
                : new DataFormatException(path, null, null, "the file has a header but no data rows.");

        var columns = new double[selected.Length][];
        for (int c = 0; c < selected.Length; c++)
        {
            columns[c] = new double[rows.Count];
            for (int r = 0; r < rows.Count; r++) columns[c][r] = rows[r].Values[c];
        }
        var missing = skippedLines.Count == 0 && filledCells == 0 ? MissingCellsReport.None : new MissingCellsReport(
            skippedLines.Count, skippedLines.Order().Take(MissingCellsReport.MaxListedLines).ToArray(),
            filledCells, filledLines.Order().Take(MissingCellsReport.MaxListedLines).ToArray());
        return new PriceSeries(
            selected.Select(i => header.Names[i]).ToArray(), selected.Select(i => header.SourceNames[i]).ToArray(), columns,
            dateIndex >= 0 ? rows.Select(r => r.Date).ToArray() : null, rows.Select(r => r.Line).ToArray(),
            ordering, missing, warnings, path, file.EncodingName, delimiter);
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
        var file = PriceFileText.Read(path, options.EncodingName);
        var records = PriceCsvRecords.Read(path, file.Text, options.Delimiter ?? PriceCsvRecords.DetectDelimiter(file.Text));
        var header = PriceHeader.Resolve(path, records, options.ColumnNames, []);
        int dateIndex = options.DateColumn is string dateColumn
            ? NameDateColumn(path, header, dateColumn)
            : Array.IndexOf(header.Names, PriceColumnNames.Date);
        return header.Names.Where((_, i) => i != dateIndex).ToArray();
    }

    private static int[] SelectColumns(string path, PriceHeader header, int dateIndex, IReadOnlyList<string>? wanted)
    {
        if (wanted is null)
            return Enumerable.Range(0, header.Names.Length).Where(i => i != dateIndex).ToArray();
        var indices = new List<int>();
        foreach (var name in wanted)
        {
            string canonical = PriceColumnNames.Canonical(name);
            int index = Array.FindIndex(header.Names, n => string.Equals(n, canonical, StringComparison.OrdinalIgnoreCase));
            if (index < 0) index = Array.FindIndex(header.SourceNames, n => string.Equals(n, name.Trim(), StringComparison.OrdinalIgnoreCase));
            if (index < 0)
                throw new DataFormatException(path, header.Line, null,
                    $"no column '{name}'; the file has: {PriceColumnNames.Describe(header.Names, header.SourceNames)}.");
            if (index != dateIndex && !indices.Contains(index)) indices.Add(index);
        }
        return indices.ToArray();
    }

    // How the cells of a data row are read: where the date is and its layout, which columns, which decimal separator.
    private sealed record CellReading(int DateIndex, int[] Selected, PriceDateFormat? DateFormat, bool DecimalComma, MissingValuePolicy Policy);

    private static List<PriceRow> ParseRows(string path, List<PriceCsvRecord> records, PriceHeader header, CellReading reading,
        out List<int> skippedLines)
    {
        var (dateIndex, selected, dateFormat, decimalComma, policy) = reading;
        skippedLines = [];
        var rows = new List<PriceRow>(records.Count);
        string headerWhere = header.Line is int hl ? $"the header (line {hl})" : "the column names given";
        for (int r = header.DataStart; r < records.Count; r++)
        {
            var record = records[r];
            if (record.IsComment || record.IsBlank) continue;
            if (record.Cells.Length != header.Names.Length)   // the column named is the first cell too many, or the first one missing
                throw new DataFormatException(path, record.Line, Math.Min(record.Cells.Length, header.Names.Length) + 1,
                    $"the row has {record.Cells.Length} cells but {headerWhere} names {header.Names.Length} columns ({string.Join(", ", header.SourceNames)}).");

            DateOnly date = default;
            bool rowHasGap = false;
            if (dateIndex >= 0)
            {
                string cell = record.Cells[dateIndex];
                if (PriceNumber.IsMissing(cell))
                {
                    if (policy != MissingValuePolicy.SkipRow)
                        throw new PriceFormatException(path, record.Line, dateIndex + 1,
                            $"the date cell is empty{(policy == MissingValuePolicy.ForwardFill ? " (a date cannot be forward-filled)" : "")}",
                            [PriceReadRemedy.SkipRowsWithMissingValues]);
                    rowHasGap = true;
                }
                else if (dateFormat is not null ? !dateFormat.TryParse(cell, out date) : !PriceDate.TryParse(cell, out date))
                    throw new DataFormatException(path, record.Line, dateIndex + 1, dateFormat is null
                        ? $"'{cell}' in column '{header.SourceNames[dateIndex]}' is not a date; expected a date like {PriceDate.Layouts}."
                        : $"'{cell}' in column '{header.SourceNames[dateIndex]}' is not a date in the layout {dateFormat}.");
            }

            var values = new double[selected.Length];
            for (int c = 0; c < selected.Length; c++)
            {
                int column = selected[c];
                string cell = record.Cells[column];
                if (PriceNumber.IsMissing(cell))
                {
                    if (policy == MissingValuePolicy.Error)
                        throw new PriceFormatException(path, record.Line, column + 1, $"the '{header.SourceNames[column]}' cell is empty",
                            [PriceReadRemedy.AcceptMissingValues, PriceReadRemedy.ReadFewerColumns]);
                    values[c] = double.NaN;
                    rowHasGap = true;
                }
                else if (!PriceNumber.TryParse(cell, out values[c], decimalComma))
                    throw new DataFormatException(path, record.Line, column + 1,
                        $"'{cell}' in column '{header.SourceNames[column]}' is not a number" +
                        (IsNanText(cell) ? "; missing values must be empty cells, not NaN." : "."));
            }
            if (rowHasGap && policy == MissingValuePolicy.SkipRow)
            {
                skippedLines.Add(record.Line);
                continue;
            }
            rows.Add(new PriceRow(record.Line, date, values));
        }
        return rows;
    }

    private static bool IsNanText(string cell) =>
        cell.Trim().TrimStart('-', '+') is var t && (t.Equals("nan", StringComparison.OrdinalIgnoreCase) ||
        t.StartsWith("inf", StringComparison.OrdinalIgnoreCase) || t == "∞");

    // Sorts rows oldest first when there are dates (refusing a date that occurs twice), or as stated when there are none,
    // and says how the file was ordered.
    private static RowOrdering Order(string path, List<PriceRow> rows, int dateIndex, PriceHeader header, DatelessRowOrder datelessOrder)
    {
        if (dateIndex < 0)
        {
            switch (datelessOrder)
            {
                case DatelessRowOrder.OldestFirst:
                    return RowOrdering.FileOrder;
                case DatelessRowOrder.NewestFirst:
                    rows.Reverse();
                    return RowOrdering.FileOrderReversed;
                default:
                    throw new PriceFormatException(path, null, null,
                        "the file has no date column, so nothing in it says whether its first row is the newest day or the oldest",
                        [PriceReadRemedy.StateDatelessOrder]);
            }
        }
        bool ascending = true, descending = true;
        for (int i = 1; i < rows.Count; i++)
        {
            ascending &= rows[i].Date > rows[i - 1].Date;
            descending &= rows[i].Date < rows[i - 1].Date;
        }
        if (ascending) return RowOrdering.OldestFirst;
        if (descending)
        {
            rows.Reverse();
            return RowOrdering.ReversedFromNewestFirst;
        }
        var byDate = rows.OrderBy(r => r.Date).ThenBy(r => r.Line).ToList();   // stable: equal dates stay in line order
        for (int i = 1; i < byDate.Count; i++)
            if (byDate[i].Date == byDate[i - 1].Date)
                throw new DataFormatException(path, byDate[i].Line, dateIndex + 1,
                    $"the date {byDate[i].Date:yyyy-MM-dd} occurs twice: lines {byDate[i - 1].Line} and {byDate[i].Line} ('{header.SourceNames[dateIndex]}' column).");
        rows.Clear();
        rows.AddRange(byDate);
        return RowOrdering.SortedByDate;
    }

    // pandas' ffill then dropna: each empty cell takes the previous day's value; rows still empty (at the start) go.
    private static List<PriceRow> ForwardFill(List<PriceRow> rows, List<int> skippedLines, List<int> filledLines, ref int filledCells)
    {
        int width = rows.Count > 0 ? rows[0].Values.Length : 0;
        var last = Enumerable.Repeat(double.NaN, width).ToArray();
        var kept = new List<PriceRow>(rows.Count);
        foreach (var row in rows)
        {
            bool filled = false, unfilled = false;
            for (int c = 0; c < width; c++)
            {
                if (!double.IsNaN(row.Values[c])) last[c] = row.Values[c];
                else if (!double.IsNaN(last[c]))
                {
                    row.Values[c] = last[c];
                    filledCells++;
                    filled = true;
                }
                else unfilled = true;
            }
            if (unfilled)
            {
                skippedLines.Add(row.Line);
                continue;
            }
            if (filled) filledLines.Add(row.Line);
            kept.Add(row);
        }
        return kept;
    }

    // The user's date column becomes the Date column; a column that mapped to Date by its header keeps its own text as its name.
    private static int NameDateColumn(string path, PriceHeader header, string name)
    {
        string wanted = name.Trim();
        int index = Array.FindIndex(header.SourceNames, n => string.Equals(n, wanted, StringComparison.OrdinalIgnoreCase));
        if (index < 0) index = Array.FindIndex(header.Names, n => string.Equals(n, wanted, StringComparison.OrdinalIgnoreCase));
        if (index < 0)
            throw new DataFormatException(path, header.Line, null,
                $"there is no column '{wanted}' to take the dates from; the columns are {string.Join(", ", header.SourceNames)}.");
        int current = Array.IndexOf(header.Names, PriceColumnNames.Date);
        if (current >= 0 && current != index) header.Names[current] = header.SourceNames[current];
        header.Names[index] = PriceColumnNames.Date;
        return index;
    }
}
