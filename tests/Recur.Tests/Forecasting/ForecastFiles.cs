using System.Globalization;
using System.Text;

namespace Recur.Tests.Forecasting;

/// <summary>Hand-made daily price files for the forecasting tests, in a temporary directory removed on dispose.</summary>
public sealed class ForecastFiles : IDisposable
{
    public ForecastFiles() => Directory.CreateDirectory(Root);

    public string Root { get; } = Path.Combine(Path.GetTempPath(), "recur-forecast-tests-" + Guid.NewGuid().ToString("N"));

    public string PathOf(string name) => Path.Combine(Root, name);

    /// <summary>
    /// A dated series of <paramref name="rows"/> trading days, oldest first: a smooth wave plus a trend, written with the
    /// columns Date,Open,High,Low,Close,Volume; <paramref name="take"/> keeps only the first rows.
    /// </summary>
    public string Wave(string name, int rows, int? take = null)
    {
        var text = new StringBuilder("Date,Open,High,Low,Close,Volume\n");
        var day = new DateOnly(2020, 1, 2);
        for (int i = 0; i < (take ?? rows); i++)
        {
            double close = 100 + 0.05 * i + 10 * Math.Sin(i / 9.0);
            double open = close - Math.Cos(i / 5.0);
            text.Append(CultureInfo.InvariantCulture,
                $"{day.AddDays(i):yyyy-MM-dd},{open:0.0000},{Math.Max(open, close) + 1:0.0000},{Math.Min(open, close) - 1:0.0000},{close:0.0000},{100000 + 1000 * (i % 7)}\n");
        }
        File.WriteAllText(PathOf(name), text.ToString());
        return PathOf(name);
    }

    public void Dispose()
    {
        try
        {
            Directory.Delete(Root, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}
