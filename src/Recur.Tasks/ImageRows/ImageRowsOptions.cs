namespace Recur.Tasks.ImageRows;

/// <summary>
/// Everything <see cref="ImageClassifier"/> needs: where the IDX files are, which network reads the images row by row,
/// and how it is trained. The property defaults are the course slides' recipe (<see cref="ImageRowsRecipe.Slides"/>):
/// two GRU(128) layers, the last step → Linear, pixels in [0, 1], batch 100, Adam 0.01, 2 epochs;
/// <see cref="For"/> gives Recur's recommended one as well.
/// </summary>
public sealed record ImageRowsOptions
{
    /// <summary>
    /// The folder of the IDX files, named as MNIST's distribution names them (<c>train-images-idx3-ubyte[.gz]</c>,
    /// <c>train-labels-idx1-ubyte[.gz]</c>, <c>t10k-…</c>). Without the <c>train</c> pair, the <c>t10k</c> pair is split
    /// (<see cref="HeldOutFraction"/>) into training and test images.
    /// </summary>
    public required string DataDirectory { get; init; }

    /// <summary>Which image set the folder holds; it names the classes.</summary>
    public ImageDataset Dataset { get; init; } = ImageDataset.FashionMnist;

    /// <summary>
    /// When the folder has no training split: the fraction of its test images held out for testing (stratified by class);
    /// the rest train. Unused when the folder has both splits.
    /// </summary>
    public double HeldOutFraction { get; init; } = 0.2;

    /// <summary>Train on the first N training images only (for quick runs); null uses all.</summary>
    public int? TrainLimit { get; init; }

    /// <summary>Test on the first N test images only; null uses all.</summary>
    public int? TestLimit { get; init; }

    /// <summary>
    /// Standardise pixels with the mean and deviation of the training images (torchvision's <c>Normalize</c>); false
    /// scales them to [0, 1] only (<c>ToTensor</c>, the course's input).
    /// </summary>
    public bool Standardize { get; init; }

    /// <summary>The recurrent layer.</summary>
    public RecurrentKind Model { get; init; } = RecurrentKind.Gru;

    /// <summary>Stacked recurrent layers.</summary>
    public int Layers { get; init; } = 2;

    /// <summary>Hidden units per layer and direction.</summary>
    public int Hidden { get; init; } = 128;

    /// <summary>
    /// Run each layer in both directions; the classifier then reads both directions' final states (the rows read top down
    /// and bottom up), where one direction reads the last step.
    /// </summary>
    public bool Bidirectional { get; init; }

    /// <summary>Dropout between stacked layers (PyTorch's <c>dropout</c>), in [0, 1).</summary>
    public float Dropout { get; init; }

    /// <summary>Passes over the training images.</summary>
    public int Epochs { get; init; } = 2;

    /// <summary>Images per optimizer step.</summary>
    public int BatchSize { get; init; } = 100;

    /// <summary>Adam's learning rate (the starting one under <see cref="CosineDecay"/>).</summary>
    public float LearningRate { get; init; } = 0.01f;

    /// <summary>Decay the learning rate along a cosine to zero over <see cref="Epochs"/> (PyTorch's <c>CosineAnnealingLR</c>, stepped per epoch).</summary>
    public bool CosineDecay { get; init; }

    /// <summary>Seed of the weight initialisation, the shuffling and the split of a folder without training images.</summary>
    public ulong Seed { get; init; }

    /// <summary>Epochs between checkpoints written during training (the last epoch is always saved).</summary>
    public int CheckpointEvery { get; init; } = 1;

    /// <summary>The options of <paramref name="recipe"/> for the IDX files in <paramref name="dataDirectory"/>.</summary>
    public static ImageRowsOptions For(ImageRowsRecipe recipe, string dataDirectory, ImageDataset dataset = ImageDataset.FashionMnist)
    {
        var slides = new ImageRowsOptions { DataDirectory = dataDirectory, Dataset = dataset };
        return recipe switch
        {
            ImageRowsRecipe.Slides => slides,
            ImageRowsRecipe.Default => slides with { Standardize = true, Epochs = 10, LearningRate = 0.005f, CosineDecay = true },
            _ => throw new ArgumentOutOfRangeException(nameof(recipe), recipe, "unknown recipe"),
        };
    }

    /// <summary>Checks the values a user can get wrong.</summary>
    /// <exception cref="ImageRowsSettingException">A value the recipe cannot use; the exception names the option.</exception>
    public void Validate()
    {
        static void Require(bool ok, ImageRowsSetting setting, string requirement)
        {
            if (!ok) throw new ImageRowsSettingException(setting, requirement);
        }
        Require(!string.IsNullOrWhiteSpace(DataDirectory), ImageRowsSetting.DataDirectory, "names no folder.");
        Require(HeldOutFraction > 0 && HeldOutFraction < 1, ImageRowsSetting.HeldOutFraction, $"must be between 0 and 1, got {HeldOutFraction}.");
        Require(TrainLimit is null or >= 1, ImageRowsSetting.TrainLimit, $"must be at least 1, got {TrainLimit}.");
        Require(TestLimit is null or >= 1, ImageRowsSetting.TestLimit, $"must be at least 1, got {TestLimit}.");
        Require(Layers >= 1, ImageRowsSetting.Layers, $"must be at least 1, got {Layers}.");
        Require(Hidden >= 1, ImageRowsSetting.Hidden, $"must be at least 1, got {Hidden}.");
        Require(Dropout >= 0 && Dropout < 1, ImageRowsSetting.Dropout, $"must be in [0, 1), got {Dropout}.");
        Require(Epochs >= 1, ImageRowsSetting.Epochs, $"must be at least 1, got {Epochs}.");
        Require(BatchSize >= 1, ImageRowsSetting.BatchSize, $"must be at least 1, got {BatchSize}.");
        Require(LearningRate > 0 && float.IsFinite(LearningRate), ImageRowsSetting.LearningRate, $"must be a positive number, got {LearningRate}.");
        Require(CheckpointEvery >= 1, ImageRowsSetting.CheckpointEvery, $"must be at least 1, got {CheckpointEvery}.");
    }
}
