using Recur.Tasks.Forecasting;
using Recur.Tests.Forecasting;

namespace Recur.Tests.Reliability;

/// <summary>
/// The whole forecast command's memory on a long file (issue 16, item 4): after training, the test span's forecasts are
/// scored, judged and reported from the columns of <see cref="ForecastPoints"/>, not from an object and seven arrays made
/// per window each time they were read (6.7 GB of them after training on 1 M rows, which raised the command's peak).
/// </summary>
public sealed class LongTestSpanTests : IDisposable
{
    private readonly ForecastFiles _files = new();

    public void Dispose() => _files.Dispose();

    [Fact]
    public void Scoring_judging_and_reporting_a_long_test_span_allocates_nothing_per_window()
    {
        var result = new Forecaster(new ForecastOptions
        {
            CsvPath = _files.Wave("long.csv", 6_000), Epochs = 1, ArimaMaxOrder = 1, ValidationFraction = 0.2,
        }).Run();
        int values = result.TestWindows * result.Options.Horizon;
        Assert.True(values > 1_500, $"{values} test values");
        Report(result);   // code and statics made once, outside the count

        long before = GC.GetAllocatedBytesForCurrentThread();
        Report(result);
        long allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        // The Diebold–Mariano differentials (a double per value) for the verdicts of the JSON and the report, and the
        // documents' own text. Reading the points one by one made a point and seven arrays per window for every score
        // (over 2 KB per value here).
        Assert.True(allocated < 24 * values + 200_000, $"scoring and reporting {values} test values allocated {allocated / 1e3:0.0} kB.");
    }

    // What the command makes of a result besides files and charts: the JSON document and the report, with every
    // forecaster's scores and the verdict.
    private static void Report(ForecastResult result)
    {
        ForecastSummaryJson.Of(result);
        ForecastReport.Markdown(result, "loss.png", "forecast.png", "recur forecast");
    }

    [Fact]
    public void The_columns_of_the_forecasts_are_the_values_of_their_points()
    {
        var result = new Forecaster(new ForecastOptions { CsvPath = _files.Wave("wave.csv", 400), Epochs = 1, Horizon = 2, Season = 5 }).Run();
        var asPoints = result.Test.ToArray();   // the same forecasts as a plain list of points: read point by point

        foreach (var f in result.Forecasters)
        {
            Assert.Equal(asPoints.SelectMany(f.Values), f.Flatten(result.Test).ToArray());
            Assert.Equal(asPoints.SelectMany(f.Values), f.Flatten(asPoints).ToArray());
            Assert.Equal(ForecastScores.Of(asPoints, f.Values), ForecastScores.Of(result.Test, f));
        }
        Assert.Equal(asPoints.SelectMany(p => p.Actual), ForecastPoints.Flatten(result.Test, ForecastValues.Actual).ToArray());
        Assert.Equal(asPoints.Select(p => p.Row), ForecastPoints.RowsOf(result.Test).ToArray());
        Assert.Equal(ForecastVerdict.Of(asPoints, result.Forecasters[1], result.Forecasters, 2), result.Verdict);
    }
}
