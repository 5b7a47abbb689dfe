namespace Recur.Data.Prices;

/// <summary>
/// The data rows of a price file as they are parsed, held as columns from the start: the values of the selected
/// columns (NaN marks an empty cell until the <see cref="MissingValuePolicy"/> deals with it), each row's date (when the
/// file has a date column) and the line it came from. Allocated once for the rows the layout pass counted; no object per
/// row and no cell kept as text.
/// </summary>
internal sealed class PriceRows
{
    private readonly double[][] _values;
    private readonly DateOnly[]? _dates;
    private readonly int[] _lines;

    private PriceRows(int capacity, int width, bool dated)
    {
        _values = new double[width][];
        for (int c = 0; c < width; c++) _values[c] = new double[capacity];
        _dates = dated ? new DateOnly[capacity] : null;
        _lines = new int[capacity];
    }

    /// <summary>The rows kept.</summary>
    public int Count { get; private set; }

    /// <summary>
    /// Parses the data records of <paramref name="file"/> as <paramref name="layout"/> says. Every problem is a
    /// <see cref="DataFormatException"/> naming the line and column, in line order: a row with more or fewer cells than the
    /// header, a date or a number that does not parse, an empty cell the <paramref name="policy"/> does not allow. Rows
    /// with an empty cell that the policy skips are left out and their lines added to <paramref name="skippedLines"/>.
    /// </summary>
    public static PriceRows Parse(string path, PriceFileText file, char delimiter, PriceFileLayout layout, MissingValuePolicy policy,
        List<int> skippedLines)
    {
        var (header, dateIndex, selected, dateFormat, decimalComma, dataRecords) = layout;
        var rows = new PriceRows(dataRecords, selected.Length, dateIndex >= 0);
        string headerWhere = header.Line is int hl ? $"the header (line {hl})" : "the column names given";
        using var records = new PriceCsvRecords(path, file.OpenReader(), delimiter);
        while (records.MoveNext())
        {
            if (records.Index < header.DataStart || records.IsComment || records.IsBlank) continue;
            if (records.CellCount != header.Names.Length)   // the column named is the first cell too many, or the first one missing
                throw new DataFormatException(path, records.Line, Math.Min(records.CellCount, header.Names.Length) + 1,
                    $"the row has {records.CellCount} cells but {headerWhere} names {header.Names.Length} columns ({string.Join(", ", header.SourceNames)}).");
            if (rows.Count == rows._lines.Length)
                throw new DataFormatException(path, records.Line, null, "the file changed while it was read (it has more rows than a moment ago); read it again.");

            int row = rows.Count;
            DateOnly date = default;
            bool rowHasGap = false;
            if (dateIndex >= 0)
            {
                var cell = records.Cell(dateIndex);
                if (PriceNumber.IsMissing(cell))
                {
                    if (policy != MissingValuePolicy.SkipRow)
                        throw new PriceFormatException(path, records.Line, dateIndex + 1,
                            $"the date cell is empty{(policy == MissingValuePolicy.ForwardFill ? " (a date cannot be forward-filled)" : "")}",
                            [PriceReadRemedy.SkipRowsWithMissingValues]);
                    rowHasGap = true;
                }
                else if (dateFormat is not null ? !dateFormat.TryParse(cell, out date) : !PriceDate.TryParse(cell, out date))
                    throw new DataFormatException(path, records.Line, dateIndex + 1, dateFormat is null
                        ? $"'{cell}' in column '{header.SourceNames[dateIndex]}' is not a date; expected a date like {PriceDate.Layouts}."
                        : $"'{cell}' in column '{header.SourceNames[dateIndex]}' is not a date in the layout {dateFormat}.");
            }

            for (int c = 0; c < selected.Length; c++)
            {
                int column = selected[c];
                var cell = records.Cell(column);
                if (PriceNumber.IsMissing(cell))
                {
                    if (policy == MissingValuePolicy.Error)
                        throw new PriceFormatException(path, records.Line, column + 1, $"the '{header.SourceNames[column]}' cell is empty",
                            [PriceReadRemedy.AcceptMissingValues, PriceReadRemedy.ReadFewerColumns]);
                    rows._values[c][row] = double.NaN;
                    rowHasGap = true;
                }
                else if (!PriceNumber.TryParse(cell, out rows._values[c][row], decimalComma))
                    throw new DataFormatException(path, records.Line, column + 1,
                        $"'{cell}' in column '{header.SourceNames[column]}' is not a number" +
                        (IsNanText(cell) ? "; missing values must be empty cells, not NaN." : "."));
            }
            if (rowHasGap && policy == MissingValuePolicy.SkipRow)
            {
                skippedLines.Add(records.Line);
                continue;
            }
            if (rows._dates is not null) rows._dates[row] = date;
            rows._lines[row] = records.Line;
            rows.Count++;
        }
        return rows;
    }

    private static bool IsNanText(ReadOnlySpan<char> cell) =>
        cell.Trim().TrimStart("-+") is var t && (t.Equals("nan", StringComparison.OrdinalIgnoreCase) ||
        t.StartsWith("inf", StringComparison.OrdinalIgnoreCase) || t is "∞");

    /// <summary>
    /// Puts the rows oldest first when there are dates (refusing a date that occurs twice), or as stated when there are
    /// none, and says how the file was ordered.
    /// </summary>
    public RowOrdering Order(string path, int dateIndex, PriceHeader header, DatelessRowOrder datelessOrder)
    {
        if (_dates is null)
        {
            switch (datelessOrder)
            {
                case DatelessRowOrder.OldestFirst:
                    return RowOrdering.FileOrder;
                case DatelessRowOrder.NewestFirst:
                    Reverse();
                    return RowOrdering.FileOrderReversed;
                default:
                    throw new PriceFormatException(path, null, null,
                        "the file has no date column, so nothing in it says whether its first row is the newest day or the oldest",
                        [PriceReadRemedy.StateDatelessOrder]);
            }
        }
        bool ascending = true, descending = true;
        for (int i = 1; i < Count; i++)
        {
            ascending &= _dates[i] > _dates[i - 1];
            descending &= _dates[i] < _dates[i - 1];
        }
        if (ascending) return RowOrdering.OldestFirst;
        if (descending)
        {
            Reverse();
            return RowOrdering.ReversedFromNewestFirst;
        }
        // By date, equal dates in line order (the rows are in line order, so a stable sort of their positions).
        var order = new int[Count];
        for (int i = 0; i < Count; i++) order[i] = i;
        var dates = _dates;
        Array.Sort(order, (a, b) => dates[a] != dates[b] ? dates[a].CompareTo(dates[b]) : a.CompareTo(b));
        for (int i = 1; i < Count; i++)
            if (_dates[order[i]] == _dates[order[i - 1]])
                throw new DataFormatException(path, _lines[order[i]], dateIndex + 1,
                    $"the date {_dates[order[i]]:yyyy-MM-dd} occurs twice: lines {_lines[order[i - 1]]} and {_lines[order[i]]} ('{header.SourceNames[dateIndex]}' column).");
        foreach (var column in _values) Permute(column, order);
        Permute(_dates, order);
        Permute(_lines, order);
        return RowOrdering.SortedByDate;
    }

    /// <summary>
    /// pandas' ffill then dropna: each empty cell takes the previous day's value; rows still empty (at the start) go,
    /// their lines added to <paramref name="skippedLines"/>. Returns the cells filled; the lines of rows with a filled cell
    /// go to <paramref name="filledLines"/>.
    /// </summary>
    public int ForwardFill(List<int> skippedLines, List<int> filledLines)
    {
        int width = _values.Length, kept = 0, filledCells = 0;
        var last = new double[width];
        Array.Fill(last, double.NaN);
        for (int r = 0; r < Count; r++)
        {
            bool filled = false, unfilled = false;
            for (int c = 0; c < width; c++)
            {
                double value = _values[c][r];
                if (!double.IsNaN(value)) last[c] = value;
                else if (!double.IsNaN(last[c]))
                {
                    _values[c][r] = last[c];
                    filledCells++;
                    filled = true;
                }
                else unfilled = true;
            }
            if (unfilled)
            {
                skippedLines.Add(_lines[r]);
                continue;
            }
            if (filled) filledLines.Add(_lines[r]);
            for (int c = 0; c < width; c++) _values[c][kept] = _values[c][r];
            if (_dates is not null) _dates[kept] = _dates[r];
            _lines[kept] = _lines[r];
            kept++;
        }
        Count = kept;
        return filledCells;
    }

    /// <summary>The values of each selected column, the dates (null without a date column) and the lines, each of <see cref="Count"/> rows.</summary>
    public (double[][] Columns, DateOnly[]? Dates, int[] Lines) Take()
    {
        // The arrays were allocated for every data record; rows skipped for empty cells leave them longer than needed.
        var columns = _values.Select(Trimmed).ToArray();
        return (columns, _dates is null ? null : Trimmed(_dates), Trimmed(_lines));
    }

    private T[] Trimmed<T>(T[] values) => values.Length == Count ? values : values.AsSpan(0, Count).ToArray();

    private void Reverse()
    {
        foreach (var column in _values) column.AsSpan(0, Count).Reverse();
        _dates?.AsSpan(0, Count).Reverse();
        _lines.AsSpan(0, Count).Reverse();
    }

    private void Permute<T>(T[] values, int[] order)
    {
        var permuted = new T[Count];
        for (int i = 0; i < Count; i++) permuted[i] = values[order[i]];
        permuted.CopyTo(values, 0);
    }
}
