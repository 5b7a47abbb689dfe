using System.Globalization;
using Recur.Data.Images;

namespace Recur.Tasks.ImageRows;

/// <summary>
/// An image run's data, ready to train on: the training and test images, how they were obtained (the folder's two
/// splits, or its test split cut in two), and the pixel normalisation fitted on the training images.
/// </summary>
internal sealed record ImageRowsData(
    LabelledImages Train,
    LabelledImages Test,
    IReadOnlyList<string> ClassNames,
    PixelNormalization Normalization,
    bool SplitFromTestSet,
    IReadOnlyList<string> Notes)
{
    /// <summary>Reads and prepares the images <paramref name="o"/> describes.</summary>
    /// <exception cref="DirectoryNotFoundException">The folder does not exist.</exception>
    /// <exception cref="FileNotFoundException">The folder has no test split (the message lists the names tried).</exception>
    /// <exception cref="Data.DataFormatException">A file is malformed or truncated, or images and labels do not pair.</exception>
    public static ImageRowsData Load(ImageRowsOptions o)
    {
        if (!Directory.Exists(o.DataDirectory))
            throw new DirectoryNotFoundException($"{o.DataDirectory}: no such folder (it should hold the IDX files, e.g. t10k-images-idx3-ubyte.gz).");
        var names = ClassNamesOf(o.Dataset);
        var notes = new List<string>();
        LabelledImages train, test;
        // A folder with either file of the training split is read as having one (a missing partner is then an error).
        bool split = !LabelledImages.HasSplit(o.DataDirectory, "train");
        if (split)
        {
            var all = LabelledImages.LoadSplit(o.DataDirectory, "t10k", classCount: names.Count);
            (train, test) = all.StratifiedSplit(o.HeldOutFraction, new Generator(o.Seed));
            notes.Add(I($"{o.DataDirectory} has no training split (train-images-idx3-ubyte): its {all.Count:N0} test images were split by class, seed {o.Seed}, into {train.Count:N0} for training and {test.Count:N0} for testing ({o.HeldOutFraction:0.##} held out)."));
            if (o.TrainLimit is int trainLimit && trainLimit < train.Count) train = train.Take(trainLimit);
            if (o.TestLimit is int testLimit && testLimit < test.Count) test = test.Take(testLimit);
        }
        else
        {
            train = LabelledImages.LoadSplit(o.DataDirectory, "train", o.TrainLimit, names.Count);
            test = LabelledImages.LoadSplit(o.DataDirectory, "t10k", o.TestLimit, names.Count);
        }
        if (o.TrainLimit is not null)
            notes.Add(I($"Trained on the first {train.Count:N0} training images only (a quick run)."));
        if (o.TestLimit is not null)
            notes.Add(I($"Tested on the first {test.Count:N0} test images only (a quick run)."));
        if (train.Rows != test.Rows || train.Columns != test.Columns)
            throw new Data.DataFormatException(o.DataDirectory, null, null,
                I($"the training images are {train.Columns}×{train.Rows} but the test images {test.Columns}×{test.Rows}; both splits must have one size."));
        var normalization = o.Standardize ? PixelNormalization.Fit(train) : PixelNormalization.UnitRange;
        return new ImageRowsData(train, test, names, normalization, split, notes);
    }

    /// <summary>The class names of <paramref name="dataset"/>, by label.</summary>
    public static IReadOnlyList<string> ClassNamesOf(ImageDataset dataset) => dataset == ImageDataset.Mnist
        ? Enumerable.Range(0, 10).Select(d => d.ToString(CultureInfo.InvariantCulture)).ToArray()
        : FashionMnistClasses.Names;

    private static string I(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
