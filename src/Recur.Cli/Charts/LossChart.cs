using Recur.Training;
using ScottPlot;

namespace Recur.Cli.Charts;

/// <summary>Training loss per epoch, with the second curve the history holds (validation, or a span watched only), on a log scale.</summary>
internal static class LossChart
{
    private const int Width = 1000, Height = 500;

    /// <summary>The chart of <paramref name="history"/>; <paramref name="secondCurve"/> names its validation-loss line.</summary>
    public static byte[] Draw(History history, string title, string lossName, string secondCurve)
    {
        var plot = new Plot();
        var epochs = history.Epochs;
        double[] x = epochs.Select(e => (double)e.Epoch).ToArray();
        // Losses fall by orders of magnitude: plot log10 of them, with ticks labelled in plain values.
        var train = plot.Add.ScatterLine(x, epochs.Select(e => Log(e.Loss)).ToArray());
        train.LegendText = "training";
        if (epochs.Count > 0 && epochs.All(e => e.ValidationLoss is not null))
        {
            var other = plot.Add.ScatterLine(x, epochs.Select(e => Log(e.ValidationLoss!.Value)).ToArray());
            other.LegendText = secondCurve;
        }
        plot.Title(title);
        plot.XLabel("epoch");
        plot.YLabel($"{lossName} (log scale)");
        LogAxis(plot, integerTicksOnly: true, "g2");
        plot.ShowLegend(Alignment.UpperRight);
        return plot.GetImageBytes(Width, Height, ImageFormat.Png);
    }

    /// <summary>Labels the left axis of a plot of log10 values with the plain values (in <paramref name="format"/>), with log-spaced minor ticks.</summary>
    public static void LogAxis(Plot plot, bool integerTicksOnly, string format) =>
        plot.Axes.Left.TickGenerator = new ScottPlot.TickGenerators.NumericAutomatic
        {
            MinorTickGenerator = new ScottPlot.TickGenerators.LogMinorTickGenerator(),
            IntegerTicksOnly = integerTicksOnly,
            LabelFormatter = y => Math.Pow(10, y).ToString(format, System.Globalization.CultureInfo.InvariantCulture),
        };

    private static double Log(double loss) => Math.Log10(Math.Max(loss, 1e-12));
}
