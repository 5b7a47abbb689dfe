namespace Recur.Tasks.TextClassification;

/// <summary>
/// A read-only sparse matrix in compressed sparse row form (scipy's <c>csr_matrix</c>): row r's non-zero entries are
/// <c>ColumnIndices[RowStarts[r] … RowStarts[r+1])</c> with the same range of <c>Values</c>, columns ascending. One
/// row is one document's features.
/// </summary>
public sealed class SparseMatrix
{
    private readonly int[] _rowStarts;
    private readonly int[] _columnIndices;
    private readonly double[] _values;

    /// <summary>
    /// Wraps CSR arrays (not copied). <paramref name="rowStarts"/> has <paramref name="rows"/> + 1 entries, starts at 0,
    /// never decreases and ends at the number of entries; within each row the column indices increase strictly and lie in
    /// [0, <paramref name="columns"/>); values are finite.
    /// </summary>
    /// <exception cref="ArgumentException">The arrays break one of those rules (the message names which).</exception>
    public SparseMatrix(int rows, int columns, int[] rowStarts, int[] columnIndices, double[] values)
    {
        ArgumentNullException.ThrowIfNull(rowStarts);
        ArgumentNullException.ThrowIfNull(columnIndices);
        ArgumentNullException.ThrowIfNull(values);
        if (rows < 0) throw new ArgumentOutOfRangeException(nameof(rows), rows, "SparseMatrix: rows must be non-negative.");
        if (columns < 0) throw new ArgumentOutOfRangeException(nameof(columns), columns, "SparseMatrix: columns must be non-negative.");
        if (rowStarts.Length != rows + 1)
            throw new ArgumentException($"SparseMatrix: rowStarts has {rowStarts.Length} entries; {rows} rows need {rows + 1}.", nameof(rowStarts));
        if (columnIndices.Length != values.Length)
            throw new ArgumentException($"SparseMatrix: {columnIndices.Length} column indices but {values.Length} values.", nameof(values));
        if (rowStarts[0] != 0 || rowStarts[rows] != values.Length)
            throw new ArgumentException(
                $"SparseMatrix: rowStarts must run from 0 to the {values.Length} entries but runs from {rowStarts[0]} to {rowStarts[rows]}.", nameof(rowStarts));
        for (int r = 0; r < rows; r++)
        {
            if (rowStarts[r + 1] < rowStarts[r])
                throw new ArgumentException($"SparseMatrix: rowStarts decreases at row {r}.", nameof(rowStarts));
            for (int k = rowStarts[r]; k < rowStarts[r + 1]; k++)
            {
                int column = columnIndices[k];
                if ((uint)column >= (uint)columns)
                    throw new ArgumentException($"SparseMatrix: row {r} has column {column}, outside [0, {columns}).", nameof(columnIndices));
                if (k > rowStarts[r] && column <= columnIndices[k - 1])
                    throw new ArgumentException($"SparseMatrix: row {r}'s columns are not strictly increasing at column {column}.", nameof(columnIndices));
                if (!double.IsFinite(values[k]))
                    throw new ArgumentException($"SparseMatrix: row {r}, column {column} holds {values[k]}.", nameof(values));
            }
        }
        Rows = rows;
        Columns = columns;
        _rowStarts = rowStarts;
        _columnIndices = columnIndices;
        _values = values;
    }

    /// <summary>Number of rows (documents).</summary>
    public int Rows { get; }

    /// <summary>Number of columns (features).</summary>
    public int Columns { get; }

    /// <summary>Number of stored entries.</summary>
    public int NonZeros => _values.Length;

    /// <summary>The column indices of row <paramref name="row"/>'s entries, ascending.</summary>
    public ReadOnlySpan<int> RowColumns(int row) => _columnIndices.AsSpan(RowRange(row));

    /// <summary>The values of row <paramref name="row"/>'s entries, in the order of <see cref="RowColumns"/>.</summary>
    public ReadOnlySpan<double> RowValues(int row) => _values.AsSpan(RowRange(row));

    /// <summary>The entry at (<paramref name="row"/>, <paramref name="column"/>); 0 where nothing is stored.</summary>
    public double this[int row, int column]
    {
        get
        {
            if ((uint)column >= (uint)Columns)
                throw new ArgumentOutOfRangeException(nameof(column), column, $"SparseMatrix: column is outside [0, {Columns}).");
            int at = RowColumns(row).BinarySearch(column);
            return at >= 0 ? RowValues(row)[at] : 0;
        }
    }

    /// <summary>Refuses a matrix whose columns are not the <paramref name="features"/> a model was fitted on.</summary>
    internal void RequireColumns(int features, string model)
    {
        if (Columns != features)
            throw new ArgumentException($"{model}: fitted on {features} features but given {Columns}.", "features");
    }

    private Range RowRange(int row)
    {
        if ((uint)row >= (uint)Rows)
            throw new ArgumentOutOfRangeException(nameof(row), row, $"SparseMatrix: row is outside [0, {Rows}).");
        return _rowStarts[row].._rowStarts[row + 1];
    }
}
