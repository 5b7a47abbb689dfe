using System.Globalization;
using Recur.Tasks.ImageRows;
using ScottPlot;

namespace Recur.Cli.Charts;

/// <summary>The ScottPlot charts of an image run: loss and accuracy per epoch, and the confusion matrix. Text stays ASCII.</summary>
internal static class ImageCharts
{
    /// <summary>
    /// Two panels: the training loss step by step (a moving mean over a tenth of an epoch) with the epochs' training and
    /// test losses, and the training and test accuracy per epoch.
    /// </summary>
    public static byte[] Curves(ImageRowsResult result)
    {
        var multiplot = new Multiplot();
        multiplot.AddPlots(2);
        multiplot.Layout = new ScottPlot.MultiplotLayouts.Columns();
        var loss = multiplot.GetPlot(0);
        var accuracy = multiplot.GetPlot(1);
        var epochs = result.Epochs;
        double[] x = epochs.Select(e => (double)e.Epoch).ToArray();

        var steps = result.StepLosses;
        if (steps.Count > 0)
        {
            int window = Math.Max(1, result.StepsPerEpoch / 10);
            double offset = result.ResumedAfterEpoch ?? 0;
            var stepX = new double[steps.Count];
            var smoothed = new double[steps.Count];
            double sum = 0;
            for (int i = 0; i < steps.Count; i++)
            {
                sum += steps[i];
                if (i >= window) sum -= steps[i - window];
                stepX[i] = offset + (i + 1.0) / result.StepsPerEpoch;
                smoothed[i] = sum / Math.Min(i + 1, window);
            }
            var line = loss.Add.ScatterLine(stepX, smoothed);
            line.LegendText = "training (per step, moving mean)";
            line.LineWidth = 1;
        }
        Points(loss, x, epochs.Select(e => e.Loss), "training (epoch mean)");
        Points(loss, x, epochs.Select(e => e.TestLoss), "test");
        loss.Title("Cross-entropy");
        loss.XLabel("epoch");
        loss.ShowLegend(Alignment.UpperRight);

        Points(accuracy, x, epochs.Select(e => 100 * e.Accuracy), "training");
        Points(accuracy, x, epochs.Select(e => 100 * e.TestAccuracy), "test");
        accuracy.Title(Invariant($"Accuracy: {100 * result.TestAccuracy:0.00} % on {result.Test.Count:N0} test images"));
        accuracy.XLabel("epoch");
        accuracy.YLabel("%");
        accuracy.ShowLegend(Alignment.LowerRight);
        foreach (var plot in new[] { loss, accuracy })
            plot.Axes.Bottom.TickGenerator = new ScottPlot.TickGenerators.NumericAutomatic { IntegerTicksOnly = true };
        return multiplot.Render(1200, 480).GetImageBytes(ImageFormat.Png);
    }

    /// <summary>
    /// The confusion matrix: true classes down, predicted classes across, each cell the count of test images, shaded by
    /// its share of the true class (so the diagonal reads as accuracy per class).
    /// </summary>
    public static byte[] Confusion(ImageRowsResult result)
    {
        var plot = new Plot();
        var confusion = result.Confusion;
        int n = confusion.Classes;
        var colormap = new ScottPlot.Colormaps.Blues();
        for (int actual = 0; actual < n; actual++)
        {
            long total = 0;
            for (int p = 0; p < n; p++) total += confusion[actual, p];
            for (int predicted = 0; predicted < n; predicted++)
            {
                long count = confusion[actual, predicted];
                double share = total == 0 ? 0 : (double)count / total;
                double y = n - 1 - actual;
                var cell = plot.Add.Rectangle(predicted - 0.5, predicted + 0.5, y - 0.5, y + 0.5);
                // ScottPlot's Blues runs from dark (0) to white (1): a larger share is a darker cell.
                cell.FillColor = colormap.GetColor(1 - share);
                cell.LineWidth = 0;
                var text = plot.Add.Text(count.ToString("N0", CultureInfo.InvariantCulture), predicted, y);
                text.LabelAlignment = Alignment.MiddleCenter;
                text.LabelFontSize = 13;
                text.LabelFontColor = share > 0.5 ? Colors.White : Colors.Black;
            }
        }
        var names = result.ClassNames.Select(Ascii).ToArray();
        double[] positions = Enumerable.Range(0, n).Select(i => (double)i).ToArray();
        plot.Axes.Bottom.SetTicks(positions, names);
        plot.Axes.Left.SetTicks(positions, names.Reverse().ToArray());
        plot.Axes.Bottom.TickLabelStyle.FontSize = 11;
        plot.Axes.SetLimits(-0.5, n - 0.5, -0.5, n - 0.5);
        plot.Grid.IsVisible = false;
        plot.XLabel("predicted class");
        plot.YLabel("true class");
        plot.Title(Invariant($"Confusion matrix, {result.Test.Count:N0} test images ({100 * result.TestAccuracy:0.00} % correct)"));
        return plot.GetImageBytes(980, 800, ImageFormat.Png);
    }

    private static void Points(Plot plot, double[] x, IEnumerable<double> values, string label)
    {
        var y = values.ToArray();
        if (!y.Any(double.IsFinite)) return;
        var line = plot.Add.Scatter(x, y);
        line.LegendText = label;
        line.LineWidth = 2;
        line.MarkerSize = 7;
    }

    private static string Ascii(string text) => text.All(c => c < 128) ? text : "class";

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
