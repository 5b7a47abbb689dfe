namespace Recur.Data.Prices;

/// <summary>
/// A daily price table: optional dates and named numeric columns of equal length, oldest row first (by its dates, or as
/// stated for a file without them; see <see cref="Ordering"/>). Read one with <see cref="PriceSeriesReader"/>; build
/// one in memory with the constructor. Values are doubles (volumes and market caps exceed float's exact range); <see cref="ToMatrix"/> gives
/// them as a <c>double[rows, columns]</c> matrix and <see cref="ToTensor"/> as the float32 tensor a model takes.
/// </summary>
public sealed class PriceSeries
{
    private readonly double[][] _columns;
    private readonly string[] _names;
    private readonly string[] _sourceNames;
    private readonly DateOnly[]? _dates;
    private readonly int[]? _lines;

    /// <summary>
    /// A series from values in memory (no file): columns in <paramref name="columnNames"/> order, optional dates, oldest
    /// first. Names are mapped to canonical ones as a file's header is ("종가" becomes Close, kept as its source name).
    /// </summary>
    /// <exception cref="ArgumentException">Lengths differ, two names mean the same column, or the dates are not strictly increasing.</exception>
    public PriceSeries(IReadOnlyList<string> columnNames, IReadOnlyList<double[]> columns, IReadOnlyList<DateOnly>? dates = null)
        : this((columnNames ?? throw new ArgumentNullException(nameof(columnNames))).Select(PriceColumnNames.Canonical).ToArray(),
               columnNames.Select(n => n.Trim()).ToArray(),
               (columns ?? throw new ArgumentNullException(nameof(columns))).Select(c => (double[])c.Clone()).ToArray(), dates?.ToArray(),
               null, RowOrdering.OldestFirst, MissingCellsReport.None, [], null, null, null)
    {
        if (dates is not null)
            for (int i = 1; i < dates.Count; i++)
                if (dates[i] <= dates[i - 1])
                    throw new ArgumentException($"dates must be strictly increasing, but row {i} ({dates[i]:yyyy-MM-dd}) follows {dates[i - 1]:yyyy-MM-dd}.", nameof(dates));
    }

    internal PriceSeries(string[] names, string[] sourceNames, double[][] columns, DateOnly[]? dates, int[]? lines,
        RowOrdering ordering, MissingCellsReport missing, IReadOnlyList<string> warnings, string? sourceFile, string? encodingName, char? delimiter)
    {
        ArgumentNullException.ThrowIfNull(names);
        ArgumentNullException.ThrowIfNull(columns);
        if (names.Length != columns.Length)
            throw new ArgumentException($"{names.Length} column names for {columns.Length} columns.", nameof(names));
        int rows = columns.Length > 0 ? columns[0].Length : dates?.Length ?? 0;
        for (int c = 0; c < columns.Length; c++)
            if (columns[c].Length != rows)
                throw new ArgumentException($"column '{names[c]}' has {columns[c].Length} values but '{names[0]}' has {rows}.", nameof(columns));
        if (dates is not null && dates.Length != rows)
            throw new ArgumentException($"{dates.Length} dates for {rows} rows.", nameof(dates));
        var repeated = names.GroupBy(n => n, StringComparer.OrdinalIgnoreCase).FirstOrDefault(g => g.Count() > 1);
        if (repeated is not null) throw new ArgumentException($"column name '{repeated.Key}' is used twice.", nameof(names));
        _names = names;
        _sourceNames = sourceNames;
        _columns = columns;
        _dates = dates;
        _lines = lines;
        RowCount = rows;
        Ordering = ordering;
        Missing = missing;
        Warnings = warnings;
        SourceFile = sourceFile;
        EncodingName = encodingName;
        Delimiter = delimiter;
    }

    /// <summary>The file the series was read from, or null for one built in memory.</summary>
    public string? SourceFile { get; }

    /// <summary>The encoding the file was decoded with (named or detected): "utf-8", "utf-8 (with BOM)", "cp949", …</summary>
    public string? EncodingName { get; }

    /// <summary>The field separator the file was read with (named or detected).</summary>
    public char? Delimiter { get; }

    /// <summary>The number of rows (trading days).</summary>
    public int RowCount { get; }

    /// <summary>The date of each row, oldest first; null when the file has no date column.</summary>
    public IReadOnlyList<DateOnly>? Dates => _dates;

    /// <summary>Canonical column names (see <see cref="PriceColumnNames"/>), in file order; the date is not among them.</summary>
    public IReadOnlyList<string> ColumnNames => _names;

    /// <summary>The header text each column came from ("종가" for Close), aligned with <see cref="ColumnNames"/>.</summary>
    public IReadOnlyList<string> SourceColumnNames => _sourceNames;

    /// <summary>The 1-based file line of each row, aligned with the rows; null for a series built in memory.</summary>
    public IReadOnlyList<int>? SourceLines => _lines;

    /// <summary>How the rows relate to the file's line order (reversed, sorted, or as stated when there are no dates).</summary>
    public RowOrdering Ordering { get; }

    /// <summary>Rows skipped and cells filled because of empty cells, per <see cref="PriceSeriesOptions.MissingValues"/>.</summary>
    public MissingCellsReport Missing { get; }

    /// <summary>
    /// Things a user should know about how the file was read (names taken from a comment, a header row replaced by the
    /// names given, …), worded without naming options, so a program can show them as they are.
    /// </summary>
    public IReadOnlyList<string> Warnings { get; }

    /// <summary>True when the series has the column (canonical name, header text or a known spelling; ignoring case).</summary>
    public bool HasColumn(string name) => TryIndexOf(name, out _);

    /// <summary>
    /// The position of a column in <see cref="ColumnNames"/>, found by canonical name ("Close"), by the file's own header
    /// text ("종가") or by any spelling <see cref="PriceColumnNames"/> knows, ignoring case and surrounding spaces.
    /// </summary>
    /// <exception cref="ArgumentException">No such column; the message lists the columns there are.</exception>
    public int ColumnIndex(string name) =>
        TryIndexOf(name, out int index) ? index : throw new ArgumentException(
            $"{SourceFile ?? "the price series"} has no column '{name}'; it has: {PriceColumnNames.Describe(_names, _sourceNames)}" +
            (_dates is null ? " (and no dates)." : " (and the dates, in Dates)."), nameof(name));

    /// <summary>A copy of a column's values, oldest row first (see <see cref="ColumnIndex"/> for the names accepted).</summary>
    /// <exception cref="ArgumentException">No such column; the message lists the columns there are.</exception>
    public double[] Column(string name) => (double[])_columns[ColumnIndex(name)].Clone();

    /// <summary>
    /// A column's values without a copy, oldest row first, to read a long series without holding it twice (see
    /// <see cref="ColumnIndex"/> for the names accepted).
    /// </summary>
    /// <exception cref="ArgumentException">No such column; the message lists the columns there are.</exception>
    public ReadOnlyMemory<double> ColumnMemory(string name) => _columns[ColumnIndex(name)];

    /// <summary>
    /// The columns as a matrix <c>[RowCount, columns.Length]</c>, row r being day r (oldest first when the file had
    /// dates), in the order asked; all columns in <see cref="ColumnNames"/> order when none is named. The course's
    /// <c>xy = np.loadtxt(…)[::-1]</c> with Open, High, Low, Volume, Close is
    /// <c>ToMatrix("Open", "High", "Low", "Volume", "Close")</c> on a series read oldest first.
    /// </summary>
    /// <exception cref="ArgumentException">A name is not a column; the message lists the columns there are.</exception>
    public double[,] ToMatrix(params string[] columns)
    {
        ArgumentNullException.ThrowIfNull(columns);
        int[] indices = (columns.Length == 0 ? _names : columns).Select(ColumnIndex).ToArray();
        var matrix = new double[RowCount, indices.Length];
        for (int r = 0; r < RowCount; r++)
            for (int c = 0; c < indices.Length; c++)
                matrix[r, c] = _columns[indices[c]][r];
        return matrix;
    }

    /// <summary>The columns as a float32 tensor <c>[RowCount, columns.Length]</c> (all columns when none is named).</summary>
    /// <exception cref="ArgumentException">A name is not a column; the message lists the columns there are.</exception>
    public Tensor ToTensor(params string[] columns)
    {
        var matrix = ToMatrix(columns);
        int rows = matrix.GetLength(0), width = matrix.GetLength(1);
        var data = new float[rows * width];
        for (int r = 0; r < rows; r++)
            for (int c = 0; c < width; c++)
                data[r * width + c] = (float)matrix[r, c];
        return Tensor.FromArray(data, rows, width);
    }

    /// <summary>
    /// A series with one more column (an indicator, a label), aligned with the rows; leading NaNs of a moving average stay
    /// NaN — cut them with <see cref="Slice"/> before windowing.
    /// </summary>
    public PriceSeries WithColumn(string name, ReadOnlySpan<double> values)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        if (values.Length != RowCount)
            throw new ArgumentException($"column '{name}' has {values.Length} values but the series has {RowCount} rows.", nameof(values));
        if (HasColumn(name)) throw new ArgumentException($"the series already has a column '{name}'.", nameof(name));
        return new PriceSeries([.. _names, name], [.. _sourceNames, name], [.. _columns, values.ToArray()], _dates, _lines,
            Ordering, Missing, Warnings, SourceFile, EncodingName, Delimiter);
    }

    /// <summary>Rows <paramref name="start"/> … <paramref name="start"/> + <paramref name="count"/> − 1 as a new series.</summary>
    public PriceSeries Slice(int start, int count)
    {
        if (start < 0 || count < 0 || start + count > RowCount)
            throw new ArgumentOutOfRangeException(nameof(start), $"rows {start}..{start + count - 1} are outside the series' {RowCount} rows.");
        return new PriceSeries(_names, _sourceNames, _columns.Select(c => c.AsSpan(start, count).ToArray()).ToArray(),
            _dates?.AsSpan(start, count).ToArray(), _lines?.AsSpan(start, count).ToArray(),
            Ordering, Missing, Warnings, SourceFile, EncodingName, Delimiter);
    }

    /// <summary>One line: rows, dates, columns, ordering.</summary>
    public override string ToString()
    {
        string span = _dates is { Length: > 0 } ? $", {_dates[0]:yyyy-MM-dd} … {_dates[^1]:yyyy-MM-dd}" : _dates is null ? ", no dates" : "";
        return $"{RowCount:N0} rows{span}; columns {string.Join(", ", _names)}; {Ordering}";
    }

    private bool TryIndexOf(string name, out int index)
    {
        ArgumentNullException.ThrowIfNull(name);
        string trimmed = name.Trim();
        string canonical = PriceColumnNames.Canonical(trimmed);
        index = Array.FindIndex(_names, n => string.Equals(n, trimmed, StringComparison.OrdinalIgnoreCase));
        if (index < 0) index = Array.FindIndex(_names, n => string.Equals(n, canonical, StringComparison.OrdinalIgnoreCase));
        if (index < 0) index = Array.FindIndex(_sourceNames, n => string.Equals(n, trimmed, StringComparison.OrdinalIgnoreCase));
        return index >= 0;
    }
}
