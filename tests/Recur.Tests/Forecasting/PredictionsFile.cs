using System.Globalization;
using System.Text.Json.Nodes;

namespace Recur.Tests.Forecasting;

/// <summary>
/// A <c>predictions.csv</c> written by <c>recur forecast</c>, read by its header, and the scores recomputed from it here
/// (not with the library's own metrics), so a test can hold the reported figures to the forecasts they summarise.
/// </summary>
public sealed class PredictionsFile
{
    private readonly string[] _header;
    private readonly string[][] _rows;

    public PredictionsFile(string path)
    {
        var lines = File.ReadAllLines(path);
        _header = lines[0].Split(',');
        _rows = lines.Skip(1).Select(l => l.Split(',')).ToArray();
    }

    /// <summary>Data rows.</summary>
    public int Count => _rows.Length;

    /// <summary>The values of the column headed <paramref name="name"/>.</summary>
    public double[] Column(string name)
    {
        int i = Array.IndexOf(_header, name);
        Assert.True(i >= 0, $"predictions.csv has no column {name}; it has {string.Join(", ", _header)}.");
        return _rows.Select(r => double.Parse(r[i], CultureInfo.InvariantCulture)).ToArray();
    }

    /// <summary>
    /// Asserts that <paramref name="scores"/> (<c>{"rmse", "mae", "mape_percent"}</c>) are the scores of column
    /// <paramref name="forecast"/> against <c>actual</c>, to the rounding of the file's values (at most 5e-5 each).
    /// </summary>
    public void AssertScores(string forecast, JsonNode scores)
    {
        var actual = Column("actual");
        var predicted = Column(forecast);
        var errors = actual.Zip(predicted, (a, p) => p - a).ToArray();
        double rmse = Math.Sqrt(errors.Average(e => e * e));
        double mae = errors.Average(Math.Abs);
        double mape = 100 * errors.Zip(actual, (e, a) => Math.Abs(e / a)).Average();
        Assert.Equal(rmse, (double)scores["rmse"]!, 1e-4);
        Assert.Equal(mae, (double)scores["mae"]!, 1e-4);
        Assert.Equal(mape, (double)scores["mape_percent"]!, 1e-5);
    }
}
