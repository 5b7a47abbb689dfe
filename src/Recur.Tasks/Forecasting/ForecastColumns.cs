using Recur.Data.Prices;

namespace Recur.Tasks.Forecasting;

/// <summary>Reads a price CSV as the forecaster needs it: the chosen input columns as a matrix and the target column.</summary>
internal static class ForecastColumns
{
    /// <summary>
    /// Reads <paramref name="path"/> as <paramref name="o"/> says (encoding, header, date column, empty cells, row order),
    /// and only the columns the model uses, so gaps or text in other columns do not matter.
    /// </summary>
    public static PriceSeries Read(string path, ForecastOptions o)
    {
        if (!File.Exists(path))
            throw new FileNotFoundException($"{path}: no such file.");
        return PriceSeriesReader.Read(path, ReaderOptions(o) with
        {
            Columns = o.Features.Append(o.Target).Distinct(StringComparer.OrdinalIgnoreCase).ToArray(),
        });
    }

    /// <summary>The reader's settings <paramref name="o"/> holds (every column).</summary>
    public static PriceSeriesOptions ReaderOptions(ForecastOptions o) => new()
    {
        EncodingName = o.Encoding,
        DatelessOrder = o.DatelessOrder,
        ColumnNames = o.ColumnNames,
        MissingValues = o.Missing,
        DateColumn = o.DateColumn,
        DateFormat = o.DateFormat,
        DecimalSeparator = o.DecimalSeparator,
    };

    /// <summary>The columns <paramref name="names"/> as a matrix [rows, columns], oldest row first.</summary>
    public static double[,] Matrix(PriceSeries series, IReadOnlyList<string> names)
    {
        var columns = names.Select(series.Column).ToArray();
        var matrix = new double[series.RowCount, names.Count];
        for (int c = 0; c < columns.Length; c++)
            for (int r = 0; r < series.RowCount; r++)
                matrix[r, c] = columns[c][r];
        return matrix;
    }

    /// <summary>One column as a matrix [rows, 1], for a one-column scaler.</summary>
    public static double[,] AsMatrix(ReadOnlySpan<double> column)
    {
        var matrix = new double[column.Length, 1];
        for (int r = 0; r < column.Length; r++) matrix[r, 0] = column[r];
        return matrix;
    }

    /// <summary>Column 0 of a matrix [rows, 1].</summary>
    public static double[] FirstColumn(double[,] matrix)
    {
        var column = new double[matrix.GetLength(0)];
        for (int r = 0; r < column.Length; r++) column[r] = matrix[r, 0];
        return column;
    }
}
