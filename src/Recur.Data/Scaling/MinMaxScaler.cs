using System.Collections.ObjectModel;
using System.Text.Json;

namespace Recur.Data.Scaling;

/// <summary>
/// scikit-learn's <c>MinMaxScaler(feature_range=(min, max))</c>: each column is mapped by
/// <c>x' = (x − dataMin) / (dataMax − dataMin) · (max − min) + min</c>, so the fitted rows span [min, max].
/// A column whose fitted values are all equal has its range taken as 1 (as scikit-learn does), so it maps to
/// <c>min</c> instead of dividing by zero.
/// </summary>
public sealed class MinMaxScaler : Scaler
{
    internal const string JsonKind = "minmax";

    private double[] _dataMin = [];
    private double[] _dataMax = [];

    /// <summary>A scaler onto [<paramref name="min"/>, <paramref name="max"/>]; <c>min &lt; max</c>, both finite.</summary>
    public MinMaxScaler(double min = 0, double max = 1)
    {
        if (!double.IsFinite(min) || !double.IsFinite(max) || !(min < max))
            throw new ArgumentException($"MinMaxScaler: the feature range ({min}, {max}) must be finite with min < max.", nameof(min));
        Min = min;
        Max = max;
    }

    /// <summary>Lower end of the target range.</summary>
    public double Min { get; }

    /// <summary>Upper end of the target range.</summary>
    public double Max { get; }

    /// <summary>Each column's smallest fitted value (empty before fit); scikit-learn's <c>data_min_</c>.</summary>
    public IReadOnlyList<double> DataMin => new ReadOnlyCollection<double>(_dataMin);

    /// <summary>Each column's largest fitted value (empty before fit); scikit-learn's <c>data_max_</c>.</summary>
    public IReadOnlyList<double> DataMax => new ReadOnlyCollection<double>(_dataMax);

    /// <inheritdoc />
    public override string Kind => JsonKind;

    /// <inheritdoc />
    public override int ColumnCount => _dataMin.Length;

    private protected override void FitColumns(double[,] data, int rowStart, int rowCount)
    {
        int columns = data.GetLength(1);
        var dataMin = new double[columns];
        var dataMax = new double[columns];
        for (int c = 0; c < columns; c++)
        {
            double lo = data[rowStart, c], hi = lo;
            for (int r = rowStart + 1; r < rowStart + rowCount; r++)
            {
                lo = Math.Min(lo, data[r, c]);
                hi = Math.Max(hi, data[r, c]);
            }
            dataMin[c] = lo;
            dataMax[c] = hi;
        }
        _dataMin = dataMin;
        _dataMax = dataMax;
    }

    // x' = (x − dataMin) / range · (max − min) + min
    private protected override double Forward(double value, int column) =>
        (value - _dataMin[column]) / Range(column) * (Max - Min) + Min;

    // x = (x' − min) / (max − min) · range + dataMin
    private protected override double Inverse(double value, int column) =>
        (value - Min) / (Max - Min) * Range(column) + _dataMin[column];

    private double Range(int column)
    {
        double range = _dataMax[column] - _dataMin[column];
        return range == 0 ? 1 : range;
    }

    private protected override Scaler SubsetColumns(int[] columns) => new MinMaxScaler(Min, Max)
    {
        _dataMin = columns.Select(c => _dataMin[c]).ToArray(),
        _dataMax = columns.Select(c => _dataMax[c]).ToArray(),
    };

    private protected override void WriteProperties(Utf8JsonWriter writer)
    {
        ScalerJson.WriteNumbers(writer, "featureRange", [Min, Max]);
        ScalerJson.WriteNumbers(writer, "dataMin", _dataMin);
        ScalerJson.WriteNumbers(writer, "dataMax", _dataMax);
    }

    internal static MinMaxScaler FromJsonProperties(JsonElement root)
    {
        double[] range = ScalerJson.Numbers(root, "featureRange");
        if (range.Length != 2 || !(range[0] < range[1]))
            throw ScalerJson.Problem($"\"featureRange\" must be [min, max] with min < max but is [{string.Join(", ", range)}].");
        double[] dataMin = ScalerJson.Numbers(root, "dataMin");
        double[] dataMax = ScalerJson.Numbers(root, "dataMax");
        if (dataMin.Length != dataMax.Length)
            throw ScalerJson.Problem($"\"dataMin\" has {dataMin.Length} columns but \"dataMax\" has {dataMax.Length}.");
        for (int c = 0; c < dataMin.Length; c++)
            if (dataMin[c] > dataMax[c])
                throw ScalerJson.Problem($"column {c} has dataMin {dataMin[c]} above dataMax {dataMax[c]}.");
        return new MinMaxScaler(range[0], range[1]) { _dataMin = dataMin, _dataMax = dataMax };
    }
}
