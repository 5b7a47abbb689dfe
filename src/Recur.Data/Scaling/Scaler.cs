using System.Text;
using System.Text.Json;

namespace Recur.Data.Scaling;

/// <summary>
/// A per-column scaling of a matrix <c>double[rows, columns]</c> (oldest row first), with scikit-learn's semantics:
/// <see cref="Fit(double[,])"/> learns one statistic pair per column, <see cref="Transform(double[,])"/> maps values
/// into the scaled space and <see cref="InverseTransform(double[,])"/> maps them back (for example a model's
/// predictions back to prices). Unlike the course, which fits on the whole series, fit on the training rows only
/// with <see cref="Fit(double[,], int, int)"/> so the test rows do not leak into the statistics.
/// </summary>
public abstract class Scaler
{
    // Only this assembly derives, so FromJson can know every kind.
    private protected Scaler() { }

    /// <summary>The <c>"kind"</c> written to JSON: <c>"minmax"</c> or <c>"standard"</c>.</summary>
    public abstract string Kind { get; }

    /// <summary>Number of columns the scaler was fitted on; 0 before <see cref="Fit(double[,])"/>.</summary>
    public abstract int ColumnCount { get; }

    /// <summary>True once the scaler has per-column statistics.</summary>
    public bool IsFitted => ColumnCount > 0;

    /// <summary>Learns each column's statistics from every row of <paramref name="data"/>.</summary>
    public void Fit(double[,] data)
    {
        ArgumentNullException.ThrowIfNull(data);
        Fit(data, 0, data.GetLength(0));
    }

    /// <summary>
    /// Learns each column's statistics from rows <paramref name="rowStart"/> … <c>rowStart + rowCount − 1</c> only
    /// (the training span), so later rows do not influence the scaling. Replaces any earlier fit.
    /// </summary>
    public void Fit(double[,] data, int rowStart, int rowCount)
    {
        ArgumentNullException.ThrowIfNull(data);
        int rows = data.GetLength(0), columns = data.GetLength(1);
        if (columns == 0)
            throw new ArgumentException($"{Name}.Fit: data [{rows}, 0] has no columns.", nameof(data));
        if (rowCount < 1)
            throw new ArgumentOutOfRangeException(nameof(rowCount), rowCount, $"{Name}.Fit: at least one row is needed to fit.");
        if (rowStart < 0 || rowStart > rows - rowCount)
            throw new ArgumentOutOfRangeException(nameof(rowStart), rowStart,
                $"{Name}.Fit: rows {rowStart} … {rowStart + rowCount - 1} are outside data [{rows}, {columns}].");
        RequireFinite(data, rowStart, rowCount, "Fit");
        FitColumns(data, rowStart, rowCount);
    }

    /// <summary><see cref="Fit(double[,])"/> then <see cref="Transform(double[,])"/> on the same data.</summary>
    public double[,] FitTransform(double[,] data)
    {
        Fit(data);
        return Transform(data);
    }

    /// <summary>A new matrix with every value scaled by its column's statistics.</summary>
    public double[,] Transform(double[,] data) => Map(data, "Transform", inverse: false);

    /// <summary>A new matrix with every scaled value mapped back to the original units.</summary>
    public double[,] InverseTransform(double[,] data) => Map(data, "InverseTransform", inverse: true);

    /// <summary>One value of column <paramref name="column"/> (0-based) scaled.</summary>
    public double Transform(double value, int column)
    {
        RequireValue(value, column, "Transform");
        return Forward(value, column);
    }

    /// <summary>One scaled value of column <paramref name="column"/> (0-based) mapped back to the original units.</summary>
    public double InverseTransform(double value, int column)
    {
        RequireValue(value, column, "InverseTransform");
        return Inverse(value, column);
    }

    /// <summary>
    /// Scaled values that all belong to column <paramref name="column"/> (such as a model's predictions of the
    /// target column) mapped back to the original units.
    /// </summary>
    public double[] InverseTransformColumn(ReadOnlySpan<double> values, int column)
    {
        RequireFitted("InverseTransformColumn");
        RequireColumn(column, "InverseTransformColumn");
        var result = new double[values.Length];
        for (int i = 0; i < values.Length; i++)
        {
            if (!double.IsFinite(values[i]))
                throw new ArgumentException($"{Name}.InverseTransformColumn: values[{i}] is {values[i]}; scalers need finite numbers.", nameof(values));
            result[i] = Inverse(values[i], column);
        }
        return result;
    }

    /// <summary>
    /// A fitted scaler of the same kind for just the given columns, in the given order — for example the target
    /// column alone, to inverse-transform a model's predictions.
    /// </summary>
    public Scaler Subset(params int[] columns)
    {
        ArgumentNullException.ThrowIfNull(columns);
        RequireFitted("Subset");
        if (columns.Length == 0)
            throw new ArgumentException($"{Name}.Subset: name at least one column.", nameof(columns));
        foreach (int column in columns) RequireColumn(column, "Subset");
        return SubsetColumns(columns);
    }

    /// <summary>
    /// The scaler as a JSON object: <c>"kind"</c>, the scaler's parameters and its per-column statistics.
    /// Doubles are written in their shortest round-trip form, so <see cref="FromJson"/> restores them bit for bit.
    /// </summary>
    public string ToJson()
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = true }))
        {
            writer.WriteStartObject();
            writer.WriteString("kind", Kind);
            WriteProperties(writer);
            writer.WriteEndObject();
        }
        return Encoding.UTF8.GetString(buffer.ToArray());
    }

    /// <summary>
    /// Reads a scaler written by <see cref="ToJson"/>. Malformed JSON, an unknown <c>"kind"</c> or missing or
    /// inconsistent statistics throw <see cref="DataFormatException"/> saying what was expected.
    /// </summary>
    public static Scaler FromJson(string json)
    {
        ArgumentNullException.ThrowIfNull(json);
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(json);
        }
        catch (JsonException e)
        {
            int? line = e.LineNumber is long l ? (int)l + 1 : null;
            int? column = e.BytePositionInLine is long c ? (int)c + 1 : null;
            throw new DataFormatException(null, line, column, $"scaler JSON is malformed: {e.Message}", e);
        }
        using (document)
        {
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
                throw new DataFormatException(null, null, null, $"scaler JSON must be an object but is {root.ValueKind}.");
            string kind = ScalerJson.String(root, "kind");
            return kind switch
            {
                MinMaxScaler.JsonKind => MinMaxScaler.FromJsonProperties(root),
                StandardScaler.JsonKind => StandardScaler.FromJsonProperties(root),
                _ => throw new DataFormatException(null, null, null,
                    $"unknown scaler kind \"{kind}\"; expected \"{MinMaxScaler.JsonKind}\" or \"{StandardScaler.JsonKind}\"."),
            };
        }
    }

    /// <summary>Computes and stores each column's statistics from the given rows (already checked finite).</summary>
    private protected abstract void FitColumns(double[,] data, int rowStart, int rowCount);

    /// <summary>The scaled value of <paramref name="value"/> in <paramref name="column"/>.</summary>
    private protected abstract double Forward(double value, int column);

    /// <summary>The original value of scaled <paramref name="value"/> in <paramref name="column"/>.</summary>
    private protected abstract double Inverse(double value, int column);

    /// <summary>A scaler of the same kind holding the statistics of the given (valid) columns.</summary>
    private protected abstract Scaler SubsetColumns(int[] columns);

    /// <summary>Writes the parameters and statistics after <c>"kind"</c>.</summary>
    private protected abstract void WriteProperties(Utf8JsonWriter writer);

    private string Name => GetType().Name;

    private double[,] Map(double[,] data, string operation, bool inverse)
    {
        ArgumentNullException.ThrowIfNull(data);
        RequireFitted(operation);
        int rows = data.GetLength(0), columns = data.GetLength(1);
        if (columns != ColumnCount)
            throw new ArgumentException(
                $"{Name}.{operation}: the scaler was fitted on {ColumnCount} columns but data [{rows}, {columns}] has {columns}.", nameof(data));
        RequireFinite(data, 0, rows, operation);

        var result = new double[rows, columns];
        for (int r = 0; r < rows; r++)
            for (int c = 0; c < columns; c++)
                result[r, c] = inverse ? Inverse(data[r, c], c) : Forward(data[r, c], c);
        return result;
    }

    private void RequireFinite(double[,] data, int rowStart, int rowCount, string operation)
    {
        int columns = data.GetLength(1);
        for (int r = rowStart; r < rowStart + rowCount; r++)
            for (int c = 0; c < columns; c++)
                if (!double.IsFinite(data[r, c]))
                    throw new ArgumentException(
                        $"{Name}.{operation}: data[{r}, {c}] (row {r}, column {c}, 0-based) is {data[r, c]}; scalers need finite numbers.",
                        nameof(data));
    }

    private void RequireValue(double value, int column, string operation)
    {
        RequireFitted(operation);
        RequireColumn(column, operation);
        if (!double.IsFinite(value))
            throw new ArgumentOutOfRangeException(nameof(value), value, $"{Name}.{operation}: value must be a finite number.");
    }

    private void RequireFitted(string operation)
    {
        if (!IsFitted)
            throw new InvalidOperationException($"{Name}.{operation}: the scaler is not fitted; call Fit on the training rows first.");
    }

    private void RequireColumn(int column, string operation)
    {
        if (column < 0 || column >= ColumnCount)
            throw new ArgumentOutOfRangeException(nameof(column), column,
                $"{Name}.{operation}: column {column} is outside the {ColumnCount} columns the scaler was fitted on.");
    }
}
