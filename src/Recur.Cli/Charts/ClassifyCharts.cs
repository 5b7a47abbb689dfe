using Recur.Tasks.TextClassification;
using ScottPlot;

namespace Recur.Cli.Charts;

/// <summary>The PNG charts of a classify run, drawn with ScottPlot. Chart text stays ASCII: no CJK font can be assumed.</summary>
internal static class ClassifyCharts
{
    private const int Width = 1000, Height = 450;

    /// <summary>Loss (left) and accuracy (right) per epoch, training and validation.</summary>
    public static byte[] Curves(ClassifyResult result)
    {
        var epochs = result.History.Epochs;
        double[] x = epochs.Select(e => (double)e.Epoch).ToArray();
        var multiplot = new Multiplot();
        multiplot.AddPlots(2);
        multiplot.Layout = new ScottPlot.MultiplotLayouts.Columns();

        var loss = multiplot.GetPlot(0);
        Line(loss, x, epochs.Select(e => e.Loss).ToArray(), "training");
        if (epochs.Count > 0 && epochs.All(e => e.ValidationLoss is not null))
            Line(loss, x, epochs.Select(e => e.ValidationLoss!.Value).ToArray(), "validation");
        loss.Title("loss per epoch");
        loss.XLabel("epoch");
        loss.YLabel(result.Data.IsBinary ? "binary cross-entropy" : "cross-entropy");
        loss.ShowLegend(Alignment.UpperRight);

        var accuracy = multiplot.GetPlot(1);
        if (epochs.Count > 0 && epochs.All(e => e.Metrics.ContainsKey("accuracy")))
            Line(accuracy, x, epochs.Select(e => e.Metrics["accuracy"]).ToArray(), "training");
        if (epochs.Count > 0 && epochs.All(e => e.ValidationMetrics.ContainsKey("accuracy")))
            Line(accuracy, x, epochs.Select(e => e.ValidationMetrics["accuracy"]).ToArray(), "validation");
        accuracy.Title("accuracy per epoch");
        accuracy.XLabel("epoch");
        accuracy.YLabel("accuracy");
        accuracy.ShowLegend(Alignment.LowerRight);
        foreach (var plot in new[] { loss, accuracy })
        {
            plot.Axes.Bottom.TickGenerator = new ScottPlot.TickGenerators.NumericAutomatic { IntegerTicksOnly = true };
            // Early stopping kept this epoch's weights: the test figures are this epoch's.
            if (result.History.RestoredEpoch is int kept)
            {
                var line = plot.Add.VerticalLine(kept);
                line.LinePattern = LinePattern.Dashed;
                line.Color = Colors.Gray;
                line.LegendText = $"kept (epoch {kept})";
            }
        }
        return multiplot.Render(Width, Height).GetImageBytes(ImageFormat.Png);
    }

    /// <summary>The test confusion matrix as a heat map, counts written in the cells.</summary>
    public static byte[] Confusion(ClassifyResult result)
    {
        var names = result.Data.ClassNames;
        int classes = names.Count;
        var c = result.Network.Confusion;
        var plot = new Plot();
        // Shares of each true class (row), so a rare class is as visible as a common one.
        var shares = new double[classes, classes];
        for (int a = 0; a < classes; a++)
        {
            double total = Enumerable.Range(0, classes).Sum(p => (double)c[a, p]);
            for (int p = 0; p < classes; p++) shares[a, p] = total == 0 ? 0 : c[a, p] / total;
        }
        var map = plot.Add.Heatmap(shares);
        map.Colormap = new ScottPlot.Colormaps.Blues();
        map.FlipVertically = true;
        for (int a = 0; a < classes; a++)
            for (int p = 0; p < classes; p++)
            {
                var text = plot.Add.Text(c[a, p].ToString(System.Globalization.CultureInfo.InvariantCulture), p, classes - 1 - a);
                text.LabelFontSize = 18;
                text.LabelAlignment = Alignment.MiddleCenter;
                text.LabelFontColor = shares[a, p] > 0.5 ? Colors.White : Colors.Black;
            }
        var ticks = Enumerable.Range(0, classes).Select(k => new Tick(k, Ascii(names[k], k))).ToArray();
        plot.Axes.Bottom.TickGenerator = new ScottPlot.TickGenerators.NumericManual(ticks);
        plot.Axes.Left.TickGenerator = new ScottPlot.TickGenerators.NumericManual(
            Enumerable.Range(0, classes).Select(k => new Tick(classes - 1 - k, Ascii(names[k], k))).ToArray());
        plot.Title($"Test confusion matrix: accuracy {result.Network.Accuracy:P2}");
        plot.XLabel("predicted");
        plot.YLabel("true");
        return plot.GetImageBytes(560, 500, ImageFormat.Png);
    }

    private static void Line(Plot plot, double[] x, double[] y, string label)
    {
        var line = plot.Add.ScatterLine(x, y);
        line.LegendText = label;
        line.MarkerSize = 5;
    }

    private static string Ascii(string name, int index) => name.All(ch => ch < 128) ? name : $"class {index}";
}
