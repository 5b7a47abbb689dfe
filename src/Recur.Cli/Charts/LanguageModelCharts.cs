using Recur.Tasks.LanguageModels;
using ScottPlot;

namespace Recur.Cli.Charts;

/// <summary>The PNG chart of a language model's run, drawn with ScottPlot (ASCII text only: no CJK font can be assumed).</summary>
internal static class LanguageModelCharts
{
    private const int Width = 1000, Height = 500;

    /// <summary>Training and validation perplexity per epoch on a log scale, with the test perplexity as a level line.</summary>
    public static byte[] Curves(LanguageModelResult result)
    {
        var plot = new Plot();
        var epochs = result.Epochs;
        double[] x = epochs.Select(e => (double)e.Epoch).ToArray();
        // log10 of perplexity is the loss in nats over ln 10: the curves keep the loss's shape, labelled in perplexities.
        var train = plot.Add.ScatterLine(x, epochs.Select(e => Math.Log10(e.TrainPerplexity)).ToArray());
        train.LegendText = "training";
        var validation = plot.Add.ScatterLine(x, epochs.Select(e => Math.Log10(e.ValidationPerplexity)).ToArray());
        validation.LegendText = "validation";
        if (result.TestPerplexity is double test)
        {
            var line = plot.Add.HorizontalLine(Math.Log10(test));
            line.LinePattern = LinePattern.Dashed;
            line.LegendText = string.Create(System.Globalization.CultureInfo.InvariantCulture, $"test {test:0.0}");
        }
        plot.Title($"{LanguageModelReport.CorpusName(result.Options)}: perplexity per epoch");
        plot.XLabel("epoch");
        plot.YLabel("perplexity (log scale)");
        LossChart.LogAxis(plot, integerTicksOnly: false, "0.#");
        plot.ShowLegend(Alignment.UpperRight);
        return plot.GetImageBytes(Width, Height, ImageFormat.Png);
    }
}
