using Recur.Tasks.Forecasting;
using ScottPlot;

namespace Recur.Cli.Charts;

/// <summary>The PNG charts of a forecast run, drawn with ScottPlot. Chart text stays ASCII: no CJK font can be assumed.</summary>
internal static class ForecastCharts
{
    private const int Width = 1000, Height = 500;

    // More test points than this (a few per pixel column) are drawn by their envelope: each of Width runs of windows by
    // its lowest and highest value. A path through every point of a 300,000-point span raised the whole command's peak on
    // a 1 M-row file (with the CSV streamed) from 227 to 252 MB; a signal of every point still held an x and a y array of
    // the span per line.
    private const int LongSeries = 4 * Width;

    /// <summary>Training loss (and validation or test-span loss) per epoch.</summary>
    public static byte[] Loss(ForecastResult result) =>
        LossChart.Draw(result.History, $"{DayAxis.Ascii(result.Options.Target)}: loss per epoch", "MSE (scaled target)",
            result.CurveUsesTestSpan ? "test span (monitored only)" : "validation");

    /// <summary>
    /// Actual, network and naive values over the test span (first horizon step), and the default forecaster's when it is a
    /// combination (otherwise it is one of those lines), by date when known.
    /// </summary>
    public static byte[] Forecast(ForecastResult result)
    {
        var plot = new Plot();
        var points = result.Test;
        // The columns are read as spans, a value per window taken at the first horizon step: no object per window.
        int horizon = result.Options.Horizon;
        bool allDated = points is ForecastPoints held ? held.Dates is not null : points.All(p => p.Date is not null);
        var dates = allDated ? result.Series.Dates : null;
        void Line(ForecastValues which, string label, float width)
        {
            var values = ForecastPoints.Flatten(points, which);
            var rows = ForecastPoints.RowsOf(points);
            var drawn = points.Count > LongSeries ? Envelope(values, horizon, points.Count, Width) : null;
            int count = drawn?.Length ?? points.Count;
            var (y, drawnRows) = (new double[count], new int[count]);
            for (int k = 0; k < count; k++)
            {
                int i = drawn?[k] ?? k;
                (y[k], drawnRows[k]) = (values[i * horizon], rows[i]);
            }
            var (x, _) = DayAxis.Of(drawnRows, dates);
            var line = plot.Add.ScatterLine(x, y);
            line.LegendText = label;
            line.LineWidth = width;
        }
        Line(ForecastValues.Actual, "actual", 2);
        Line(ForecastValues.Predicted, $"{result.Options.Model.ToString().ToUpperInvariant()} forecast", 1.5f);
        Line(ForecastValues.Naive, "naive (last known)", 1);
        if (result.Choice.Kind == ForecasterKind.Combination)
            Line(ForecastValues.Default, $"default ({result.Choice.Weight:0.##} x correction)", 1.5f);
        DayAxis.Label(plot, dates is not null);
        string target = DayAxis.Ascii(result.Options.Target);
        plot.Title($"{target} on the test span: RMSE network {result.Network.Rmse:0.##}, naive {result.Naive.Rmse:0.##}, " +
            $"AR({result.AutoRegressiveOrder}) {result.AutoRegressive.Rmse:0.##}, {result.Arima.Best.Name} {result.ArimaScores.Rmse:0.##}");
        plot.YLabel(target);
        plot.ShowLegend(Alignment.UpperLeft);
        return plot.GetImageBytes(Width, Height, ImageFormat.Png);
    }

    // The windows that draw a long line as it looks at the chart's width: of each of `columns` equal runs, the one with
    // the lowest and the one with the highest value (the first step's, every `stride` values), in their order; and the
    // span's first and last windows, so the line spans the same dates.
    private static int[] Envelope(ReadOnlySpan<double> values, int stride, int count, int columns)
    {
        var kept = new SortedSet<int> { 0, count - 1 };
        for (int c = 0; c < columns; c++)
        {
            int start = (int)((long)count * c / columns), end = (int)((long)count * (c + 1) / columns);
            if (start >= end) continue;
            int low = start, high = start;
            for (int i = start + 1; i < end; i++)
            {
                if (values[i * stride] < values[low * stride]) low = i;
                if (values[i * stride] > values[high * stride]) high = i;
            }
            kept.Add(low);
            kept.Add(high);
        }
        return [.. kept];
    }
}
