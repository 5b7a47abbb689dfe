using Recur.Data.Images;

namespace Recur.Tests.Data.Images;

/// <summary>
/// The bundled MNIST test set and Fashion-MNIST read through <see cref="IdxReader"/> and <see cref="LabelledImages"/>.
/// Expected values were read independently with Python's gzip and struct modules.
/// </summary>
public sealed class BundledIdxFileTests
{
    [Fact]
    public void Mnist_test_images_are_10000_of_28_by_28()
    {
        var images = IdxReader.ReadImages(BundledImageFiles.Path("mnist", "t10k-images-idx3-ubyte.gz"));

        Assert.Equal((10_000, 28, 28), (images.Count, images.Rows, images.Columns));
        Assert.Equal(7_840_000, images.Pixels.Length);
        Assert.Equal(264_923_200L, images.Pixels.Sum(p => (long)p));
        Assert.Equal(18_454, images.Pixels.AsSpan(0, 784).ToArray().Sum(p => (int)p));
        Assert.Equal(0, images.Pixels.Min());
        Assert.Equal(255, images.Pixels.Max());
    }

    [Fact]
    public void Mnist_test_labels_start_with_7_and_match_the_published_class_counts()
    {
        var labels = IdxReader.ReadLabels(BundledImageFiles.Path("mnist", "t10k-labels-idx1-ubyte.gz"));

        Assert.Equal(10_000, labels.Length);
        Assert.Equal(new byte[] { 7, 2, 1, 0, 4, 1, 4, 9, 5, 9 }, labels[..10]);
        var test = LabelledImages.LoadSplit(BundledImageFiles.Mnist, "t10k");
        Assert.Equal([980, 1135, 1032, 1010, 982, 892, 958, 1028, 974, 1009], test.CountPerClass());
    }

    [Fact]
    public void Fashion_test_set_starts_with_an_ankle_boot()
    {
        var test = LabelledImages.LoadSplit(BundledImageFiles.Fashion, "t10k");

        Assert.Equal((10_000, 28, 28), (test.Count, test.Rows, test.Columns));
        Assert.Equal(9, test.Labels[0]);
        Assert.Equal("Ankle boot", FashionMnistClasses.Names[test.Labels[0]]);
        Assert.Equal(new[] { 9, 2, 1, 1, 6, 1, 4, 6, 5, 7 }, test.Labels[..10].ToArray());
        Assert.All(test.CountPerClass(), c => Assert.Equal(1000, c));
        Assert.Equal(132, test.Pixels[9999 * 784 + 14 * 28 + 14]);
    }

    [Fact]
    public void Fashion_training_set_is_60000_images_with_6000_per_class()
    {
        var train = LabelledImages.LoadSplit(BundledImageFiles.Fashion, "train");

        Assert.Equal((60_000, 28, 28), (train.Count, train.Rows, train.Columns));
        Assert.Equal(new[] { 9, 0, 0, 3, 0, 2, 7, 2, 5, 5 }, train.Labels[..10].ToArray());
        Assert.All(train.CountPerClass(), c => Assert.Equal(6000, c));
        Assert.Equal(76_247, train.Pixels[..784].ToArray().Sum(p => (int)p));
    }

    [Fact]
    public void Mnist_test_as_row_sequences_is_scaled_to_unit_range()
    {
        var test = LabelledImages.LoadSplit(BundledImageFiles.Mnist, "t10k", take: 100);
        var sequences = test.AsSequences();

        Assert.Equal([100, 28, 28], sequences.Shape);
        var values = sequences.Span;
        float min = float.MaxValue, max = float.MinValue;
        foreach (float v in values) { min = Math.Min(min, v); max = Math.Max(max, v); }
        Assert.Equal(0f, min);
        Assert.Equal(1f, max);
        // Row 7 of the first image (a 7) holds its top stroke: bytes 84, 185, 159 from column 6.
        Assert.Equal(84 / 255f, sequences[0, 7, 6]);
        Assert.Equal(185 / 255f, sequences[0, 7, 7]);
        Assert.Equal(159 / 255f, sequences[0, 7, 8]);
        Assert.Equal(7f, test.LabelsTensor()[0]);
    }
}
