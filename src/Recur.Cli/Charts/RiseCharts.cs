using Recur.Tasks.RiseClassification;
using Recur.Training;
using ScottPlot;

namespace Recur.Cli.Charts;

/// <summary>The PNG charts of an up/down run. Chart text stays ASCII: no CJK font can be assumed.</summary>
internal static class RiseCharts
{
    private const int Width = 1000, Height = 500;

    /// <summary>
    /// The test span's precision–recall curves (left; always-no's is the base rate) and ROC curves (right; chance is the
    /// diagonal) of the network and the logistic regression.
    /// </summary>
    public static byte[] Curves(RiseResult result)
    {
        var labels = result.TestLabels.ToArray();
        var pr = new Plot();
        var roc = new Plot();
        foreach (var model in result.Models.Where(m => m.Key != "always_no"))
        {
            string name = model.Key == "network" ? $"{result.Options.Model.ToString().ToUpperInvariant()} network" : "logistic regression";
            var prPoints = RankingMetrics.PrecisionRecallCurve(model.TestProbabilities, labels);
            var prLine = pr.Add.ScatterLine(prPoints.Select(p => p.Recall).Prepend(0).ToArray(), prPoints.Select(p => p.Precision).Prepend(prPoints[0].Precision).ToArray());
            prLine.LegendText = $"{name}, AP {model.Test.PrAuc:0.###}";
            prLine.ConnectStyle = ConnectStyle.StepVertical;
            var rocPoints = RankingMetrics.RocCurve(model.TestProbabilities, labels);
            var rocLine = roc.Add.ScatterLine(rocPoints.Select(p => p.FalsePositiveRate).ToArray(), rocPoints.Select(p => p.TruePositiveRate).ToArray());
            rocLine.LegendText = $"{name}, AUC {model.Test.RocAuc:0.###}";
        }
        double baseRate = result.BaseRates.Test;
        var always = pr.Add.HorizontalLine(baseRate);
        always.LegendText = $"always no (base rate {baseRate:0.###})";
        always.LinePattern = LinePattern.Dashed;
        var chance = roc.Add.Line(0, 0, 1, 1);
        chance.LegendText = "chance";
        chance.LinePattern = LinePattern.Dashed;
        pr.Title("Precision-recall, test span");
        pr.XLabel("recall");
        pr.YLabel("precision");
        pr.Axes.SetLimits(0, 1, 0, 1.02);
        pr.ShowLegend(Alignment.UpperRight);
        roc.Title("ROC, test span");
        roc.XLabel("false-positive rate");
        roc.YLabel("true-positive rate");
        roc.Axes.SetLimits(0, 1, 0, 1.02);
        roc.ShowLegend(Alignment.LowerRight);
        var both = new Multiplot();
        both.Reset(pr);   // a new multiplot starts with an empty plot of its own
        both.AddPlot(roc);
        both.Layout = new ScottPlot.MultiplotLayouts.Columns();
        return both.Render(Width, Height).GetImageBytes(ImageFormat.Png);
    }

    /// <summary>The test span's prices, the days that rose (their label) and the days the network called a rise.</summary>
    public static byte[] Rises(RiseResult result)
    {
        var plot = new Plot();
        var close = result.Series.Column(result.Options.Price);
        var rows = result.TestRows;
        var (x, dated) = DayAxis.Of(rows, result.Series.Dates);
        var price = plot.Add.ScatterLine(x, rows.Select(r => close[r]).ToArray());
        price.LegendText = DayAxis.Ascii(result.Options.Price, "price");
        price.Color = Colors.Gray;
        var network = result.Network;
        void Marks(Func<int, bool> keep, string label, MarkerShape shape, Color color, float size)
        {
            var chosen = Enumerable.Range(0, rows.Count).Where(keep).ToArray();
            if (chosen.Length == 0) return;
            var marks = plot.Add.Markers(chosen.Select(i => x[i]).ToArray(), chosen.Select(i => close[rows[i]]).ToArray(), shape, size, color);
            marks.LegendText = label;
        }
        Marks(i => result.TestLabels[i] == 1, $"rose {result.Options.RisePercent:0.##}% within {result.Options.Within} day(s)", MarkerShape.FilledCircle, Colors.SeaGreen, 7);
        Marks(i => network.TestProbabilities[i] >= network.Test.Threshold, "network called a rise", MarkerShape.OpenTriangleUp, Colors.Crimson, 10);
        DayAxis.Label(plot, dated);
        plot.Title($"Test span: {result.TestLabels.Sum()} rise days, {network.Test.Confusion[1, 1] + network.Test.Confusion[0, 1]} calls, " +
            $"{network.Test.Confusion[1, 1]} right (precision {network.Test.Precision:0.##}, recall {network.Test.Recall:0.##})");
        plot.YLabel(DayAxis.Ascii(result.Options.Price, "price"));
        plot.ShowLegend(Alignment.UpperLeft);
        return plot.GetImageBytes(Width, Height, ImageFormat.Png);
    }

    /// <summary>Weighted binary cross-entropy per epoch on training and validation.</summary>
    public static byte[] Loss(RiseResult result) =>
        LossChart.Draw(result.History, $"Up/down network: loss per epoch (weights of epoch {result.BestEpoch} kept)", "binary cross-entropy", "validation");
}
