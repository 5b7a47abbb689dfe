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
        var matrix = new double[series.RowCount, names.Count];
        for (int c = 0; c < names.Count; c++)
        {
            var column = series.ColumnMemory(names[c]).Span;
            for (int r = 0; r < column.Length; r++) matrix[r, c] = column[r];
        }
        return matrix;
    }

    /// <summary>
    /// Each column's smallest and largest value over rows <paramref name="start"/> … + <paramref name="count"/> − 1, as a
    /// matrix [2, columns] (row 0 the minima, row 1 the maxima), found with <see cref="Math.Min(double, double)"/> and
    /// <see cref="Math.Max(double, double)"/> as a min-max scaler finds them.
    /// </summary>
    public static double[,] Extremes(PriceSeries series, IReadOnlyList<string> names, int start, int count)
    {
        var extremes = new double[2, names.Count];
        for (int c = 0; c < names.Count; c++)
        {
            var column = series.ColumnMemory(names[c]).Span.Slice(start, count);
            double lo = column[0], hi = lo;
            for (int r = 1; r < count; r++)
            {
                lo = Math.Min(lo, column[r]);
                hi = Math.Max(hi, column[r]);
            }
            (extremes[0, c], extremes[1, c]) = (lo, hi);
        }
        return extremes;
    }
}
