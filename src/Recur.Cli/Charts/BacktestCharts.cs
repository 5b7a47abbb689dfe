using Recur.Tasks.Forecasting;
using ScottPlot;

namespace Recur.Cli.Charts;

/// <summary>The PNG chart of a walk-forward backtest: the series, each fold's test block shaded, and the forecasts in them.</summary>
internal static class BacktestCharts
{
    private const int Width = 1000, Height = 500;

    /// <summary>The target over the whole file, the folds' test blocks as shaded bands, and the network's and default's forecasts.</summary>
    public static byte[] Folds(BacktestResult result)
    {
        var plot = new Plot();
        var series = result.Series;
        var target = series.Column(result.Options.Target);
        var (x, dated) = DayAxis.Of(Enumerable.Range(0, series.RowCount).ToArray(), series.Dates);
        var actual = plot.Add.ScatterLine(x, target);
        actual.LegendText = "actual";
        actual.Color = Colors.Gray;
        actual.LineWidth = 1.5f;
        var shades = new[] { Colors.SteelBlue.WithAlpha(0.12), Colors.DarkOrange.WithAlpha(0.12) };
        bool labelled = false;
        foreach (var fold in result.Folds)
        {
            var (fx, _) = DayAxis.Of(fold.Points.Select(p => p.Row).ToArray(), series.Dates);
            plot.Add.HorizontalSpan(fx[0], fx[^1], shades[(fold.Number - 1) % 2]);
            var network = plot.Add.ScatterLine(fx, fold.Points.Select(p => p.Predicted[0]).ToArray());
            network.Color = Colors.Crimson;
            network.LineWidth = 1;
            var chosen = plot.Add.ScatterLine(fx, fold.Points.Select(p => p.Default[0]).ToArray());
            chosen.Color = Colors.Navy;
            chosen.LineWidth = 1;
            chosen.LinePattern = LinePattern.Dashed;
            if (!labelled)
            {
                network.LegendText = $"{result.Options.Model.ToString().ToUpperInvariant()} forecast";
                chosen.LegendText = "default forecast";
                labelled = true;
            }
        }
        DayAxis.Label(plot, dated);
        string name = DayAxis.Ascii(result.Options.Target);
        var f = result.Forecasters;
        double Mean(string key) => result.Summary(f.Single(n => n.Key == key)).Rmse.Mean;
        plot.Title($"{name}: {result.Folds.Count} {result.Backtest.Scheme.ToString().ToLowerInvariant()} origins (shaded test blocks); " +
            $"mean RMSE network {Mean("network"):0.##}, default {Mean("default"):0.##}, naive {Mean("naive"):0.##}");
        plot.YLabel(name);
        plot.ShowLegend(Alignment.UpperLeft);
        return plot.GetImageBytes(Width, Height, ImageFormat.Png);
    }
}
