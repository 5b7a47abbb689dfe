using Recur.Tasks.Forecasting;
using ScottPlot;

namespace Recur.Cli.Charts;

/// <summary>The PNG charts of a forecast run, drawn with ScottPlot. Chart text stays ASCII: no CJK font can be assumed.</summary>
internal static class ForecastCharts
{
    private const int Width = 1000, Height = 500;

    // More test points than this (a few per pixel column) are drawn as a signal: a path through every point of a
    // 300,000-point span raised the whole command's peak on a 1 M-row file (with the CSV streamed) from 227 to 252 MB.
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
        var (x, dated) = DayAxis.Of(ForecastPoints.RowsOf(points).ToArray(), allDated ? result.Series.Dates : null);
        void Line(ForecastValues which, string label, float width)
        {
            var values = ForecastPoints.Flatten(points, which);
            var y = new double[points.Count];
            for (int i = 0; i < y.Length; i++) y[i] = values[i * horizon];
            if (points.Count > LongSeries)
            {
                // A long test span: drawn per pixel column (its extremes), as it would look, without a path of every point.
                var signal = plot.Add.SignalXY(x, y);
                signal.LegendText = label;
                signal.LineWidth = width;
                return;
            }
            var line = plot.Add.ScatterLine(x, y);
            line.LegendText = label;
            line.LineWidth = width;
        }
        Line(ForecastValues.Actual, "actual", 2);
        Line(ForecastValues.Predicted, $"{result.Options.Model.ToString().ToUpperInvariant()} forecast", 1.5f);
        Line(ForecastValues.Naive, "naive (last known)", 1);
        if (result.Choice.Kind == ForecasterKind.Combination)
            Line(ForecastValues.Default, $"default ({result.Choice.Weight:0.##} x correction)", 1.5f);
        DayAxis.Label(plot, dated);
        string target = DayAxis.Ascii(result.Options.Target);
        plot.Title($"{target} on the test span: RMSE network {result.Network.Rmse:0.##}, naive {result.Naive.Rmse:0.##}, " +
            $"AR({result.AutoRegressiveOrder}) {result.AutoRegressive.Rmse:0.##}, {result.Arima.Best.Name} {result.ArimaScores.Rmse:0.##}");
        plot.YLabel(target);
        plot.ShowLegend(Alignment.UpperLeft);
        return plot.GetImageBytes(Width, Height, ImageFormat.Png);
    }

}
