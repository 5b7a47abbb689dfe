using System.Globalization;
using System.Text;

namespace Recur.Tasks.ImageRows;

/// <summary><c>report.md</c> of an image run: data, model summary, per-epoch record, accuracy per class, most confused pairs, charts.</summary>
public static class ImageRowsReport
{
    private static readonly CultureInfo Invariant = CultureInfo.InvariantCulture;

    /// <summary>The chart files a report can show, by name in the same directory (null: not drawn).</summary>
    /// <param name="Curves">Loss and accuracy per epoch.</param>
    /// <param name="Confusion">The confusion matrix.</param>
    /// <param name="Samples">A grid of test images with predicted and true labels.</param>
    public sealed record Charts(string? Curves, string? Confusion, string? Samples);

    /// <summary>The Markdown report of <paramref name="r"/>, produced by <paramref name="commandLine"/>.</summary>
    public static string Markdown(ImageRowsResult r, Charts charts, string commandLine)
    {
        ArgumentNullException.ThrowIfNull(r);
        ArgumentNullException.ThrowIfNull(charts);
        var o = r.Options;
        var md = new StringBuilder();
        md.AppendLine(Invariant, $"# {DatasetTitle(o.Dataset)} read row by row: {Percent(r.TestAccuracy)} test accuracy");
        md.AppendLine();
        md.AppendLine(Invariant, $"Produced by `{commandLine}`.");
        md.AppendLine();
        md.AppendLine("## Data");
        md.AppendLine();
        md.AppendLine(Invariant, $"- Folder `{o.DataDirectory}`: {r.TrainImages:N0} training and {r.Test.Count:N0} test images of {r.Config.Columns}×{r.Config.Rows} pixels, {r.ClassNames.Count} classes.");
        md.AppendLine(Invariant, $"- Each image is {r.Config.Rows} time steps of {r.Config.Columns} pixels (one row per step, top row first).");
        md.AppendLine(Invariant, $"- Pixels {(o.Standardize ? I($"standardised: (pixel / 255 − {r.Config.Normalization.Mean:0.####}) / {r.Config.Normalization.Std:0.####}, the training images' mean and deviation") : "scaled to [0, 1] (pixel / 255)")}.");
        foreach (string note in r.DataNotes) md.AppendLine(Invariant, $"- {note}");
        md.AppendLine();
        md.AppendLine("## Model and training");
        md.AppendLine();
        md.AppendLine("```");
        md.AppendLine(r.Summary.ToString());
        md.AppendLine("```");
        md.AppendLine();
        md.AppendLine(Invariant, $"- {Architecture(r)}.");
        string schedule = o.CosineDecay ? I($"Adam, learning rate {o.LearningRate} decayed along a cosine over {o.Epochs} epochs") : I($"Adam, learning rate {o.LearningRate}");
        md.AppendLine(Invariant, $"- {schedule}, cross-entropy, batch {o.BatchSize}, shuffled each epoch, seed {o.Seed}" +
            $"{(r.ResumedAfterEpoch is int e ? I($", resumed after epoch {e}") : "")}; {r.TrainingTime.TotalSeconds:0.0} s in all" +
            $"{(r.SecondsPerEpoch is double s ? I($", {s:0.0} s of training steps per epoch ({r.TrainImages / s:N0} images/s)") : "")}.");
        md.AppendLine();
        md.AppendLine("| epoch | training loss | training accuracy | test loss | test accuracy | seconds |");
        md.AppendLine("|---:|---:|---:|---:|---:|---:|");
        foreach (var epoch in r.Epochs)
            md.AppendLine(Invariant, $"| {epoch.Epoch} | {epoch.Loss:0.0000} | {Percent(epoch.Accuracy)} | {epoch.TestLoss:0.0000} | {Percent(epoch.TestAccuracy)} | {epoch.Seconds:0.0} |");
        md.AppendLine();
        md.AppendLine("Training accuracy is measured on each batch as it is trained (as Keras reports it); the test images are scored after every epoch to follow progress, and nothing is chosen by them.");
        md.AppendLine();
        md.AppendLine(Invariant, $"## Accuracy per class ({r.Test.Count:N0} test images)");
        md.AppendLine();
        md.AppendLine("| class | test images | correct | accuracy |");
        md.AppendLine("|---|---:|---:|---:|");
        var perClass = r.AccuracyPerClass;
        for (int c = 0; c < r.ClassNames.Count; c++)
        {
            long total = 0;
            for (int p = 0; p < r.ClassNames.Count; p++) total += r.Confusion[c, p];
            md.AppendLine(Invariant, $"| {c} {r.ClassNames[c]} | {total:N0} | {r.Confusion[c, c]:N0} | {Percent(perClass[c])} |");
        }
        md.AppendLine();
        md.AppendLine("## Most confused pairs");
        md.AppendLine();
        var pairs = r.MostConfused(5);
        if (pairs.Count == 0)
            md.AppendLine("No test image was misclassified.");
        else
        {
            md.AppendLine("| true class | taken for | test images | share of the true class |");
            md.AppendLine("|---|---|---:|---:|");
            foreach (var pair in pairs)
                md.AppendLine(Invariant, $"| {r.ClassNames[pair.Actual]} | {r.ClassNames[pair.Predicted]} | {pair.Count:N0} | {Percent(pair.ShareOfActual)} |");
        }
        md.AppendLine();
        if (charts.Curves is not null || charts.Confusion is not null || charts.Samples is not null)
        {
            md.AppendLine("## Charts");
            md.AppendLine();
            if (charts.Curves is not null) md.AppendLine(Invariant, $"![Loss and accuracy per epoch]({charts.Curves})").AppendLine();
            if (charts.Confusion is not null) md.AppendLine(Invariant, $"![Confusion matrix of the test images]({charts.Confusion})").AppendLine();
            if (charts.Samples is not null) md.AppendLine(Invariant, $"![Test images with predicted and true classes; mistakes in red]({charts.Samples})").AppendLine();
        }
        md.AppendLine("## Files");
        md.AppendLine();
        md.AppendLine(Invariant, $"- `{ImageClassifier.CheckpointFolder}/`: the weights (safetensors, PyTorch names), the optimizer state and `checkpoint.json` with the architecture, class names and pixel normalisation; `recur predict --model <this directory> --png FILE` (or `--idx FILE --index N`) classifies with it, `--resume` continues training.");
        md.AppendLine("- `images.json`: accuracy per epoch, final accuracy, seconds per epoch and the settings, machine-readable.");
        return md.ToString();
    }

    /// <summary>The network in one phrase: "GRU(28→128) × 2 layers, bidirectional, final states → Linear(256→10); 161,034 parameters".</summary>
    public static string Architecture(ImageRowsResult r)
    {
        ArgumentNullException.ThrowIfNull(r);
        var o = r.Options;
        int width = o.Hidden * (o.Bidirectional ? 2 : 1);
        string readout = o.Bidirectional ? "both directions' final states" : "the last step";
        return I($"{o.Model.ToString().ToUpperInvariant()}({r.Config.Columns}→{o.Hidden}) × {o.Layers} layer(s)") +
            (o.Bidirectional ? ", bidirectional" : "") + (o.Dropout > 0 ? I($", dropout {o.Dropout}") : "") +
            I($", {readout} → Linear({width}→{r.ClassNames.Count}); {r.Summary.TotalParameters:N0} parameters");
    }

    /// <summary>"Fashion-MNIST" or "MNIST".</summary>
    public static string DatasetTitle(ImageDataset dataset) => dataset == ImageDataset.Mnist ? "MNIST" : "Fashion-MNIST";

    private static string Percent(double fraction) => double.IsFinite(fraction) ? (100 * fraction).ToString("0.00", Invariant) + " %" : "–";

    private static string I(FormattableString text) => text.ToString(Invariant);
}
