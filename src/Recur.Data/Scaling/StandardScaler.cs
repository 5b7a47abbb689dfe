using System.Collections.ObjectModel;
using System.Text.Json;

namespace Recur.Data.Scaling;

/// <summary>
/// scikit-learn's <c>StandardScaler()</c>: each column is mapped by <c>x' = (x − mean) / scale</c>, where scale is
/// the population standard deviation (ddof 0) of the fitted rows. A column whose fitted values are all equal has
/// scale 1 (as scikit-learn does), so it maps to 0 instead of dividing by zero.
/// </summary>
public sealed class StandardScaler : Scaler
{
    internal const string JsonKind = "standard";

    private double[] _mean = [];
    private double[] _scale = [];

    /// <summary>An unfitted standard scaler.</summary>
    public StandardScaler() { }

    /// <summary>Each column's fitted mean (empty before fit); scikit-learn's <c>mean_</c>.</summary>
    public IReadOnlyList<double> Mean => new ReadOnlyCollection<double>(_mean);

    /// <summary>Each column's population standard deviation, or 1 for a constant column; scikit-learn's <c>scale_</c>.</summary>
    public IReadOnlyList<double> Scale => new ReadOnlyCollection<double>(_scale);

    /// <inheritdoc />
    public override string Kind => JsonKind;

    /// <inheritdoc />
    public override int ColumnCount => _mean.Length;

    private protected override void FitColumns(double[,] data, int rowStart, int rowCount)
    {
        int columns = data.GetLength(1);
        var mean = new double[columns];
        var scale = new double[columns];
        for (int c = 0; c < columns; c++)
        {
            // mean = Σx / n, then var = Σ(x − mean)² / n: two passes avoid the cancellation of Σx² − n·mean².
            double sum = 0;
            bool constant = true;
            for (int r = rowStart; r < rowStart + rowCount; r++)
            {
                sum += data[r, c];
                constant &= data[r, c] == data[rowStart, c];
            }
            mean[c] = sum / rowCount;

            double squares = 0;
            for (int r = rowStart; r < rowStart + rowCount; r++)
            {
                double d = data[r, c] - mean[c];
                squares += d * d;
            }
            double std = Math.Sqrt(squares / rowCount);
            // Test constancy on the values, not on std: rounding in the mean can leave a tiny non-zero std for a
            // constant column, and dividing by it would blow the column up.
            scale[c] = constant || std == 0 ? 1 : std;
        }
        _mean = mean;
        _scale = scale;
    }

    // x' = (x − mean) / scale
    private protected override double Forward(double value, int column) => (value - _mean[column]) / _scale[column];

    // x = x' · scale + mean
    private protected override double Inverse(double value, int column) => value * _scale[column] + _mean[column];

    private protected override Scaler SubsetColumns(int[] columns) => new StandardScaler
    {
        _mean = columns.Select(c => _mean[c]).ToArray(),
        _scale = columns.Select(c => _scale[c]).ToArray(),
    };

    private protected override void WriteProperties(Utf8JsonWriter writer)
    {
        ScalerJson.WriteNumbers(writer, "mean", _mean);
        ScalerJson.WriteNumbers(writer, "scale", _scale);
    }

    internal static StandardScaler FromJsonProperties(JsonElement root)
    {
        double[] mean = ScalerJson.Numbers(root, "mean");
        double[] scale = ScalerJson.Numbers(root, "scale");
        if (mean.Length != scale.Length)
            throw ScalerJson.Problem($"\"mean\" has {mean.Length} columns but \"scale\" has {scale.Length}.");
        for (int c = 0; c < scale.Length; c++)
            if (!(scale[c] > 0))
                throw ScalerJson.Problem($"column {c} has scale {scale[c]}; scales must be positive.");
        return new StandardScaler { _mean = mean, _scale = scale };
    }
}
