using Recur.Data.Images;

namespace Recur.Tests.Data.Images;

/// <summary><see cref="PixelNormalization"/>: torchvision's ToTensor + Normalize, fitted on a training set.</summary>
public sealed class PixelNormalizationTests
{
    [Fact]
    public void Fit_gives_the_mean_and_population_deviation_of_the_scaled_pixels()
    {
        var set = new LabelledImages(new IdxImages(2, 1, 2, [0, 255, 0, 255]), [0, 1]);

        var normalization = PixelNormalization.Fit(set);

        Assert.Equal(0.5f, normalization.Mean, 6);
        Assert.Equal(0.5f, normalization.Std, 6);
        var values = new float[4];
        normalization.Apply(set.Pixels, values);
        Assert.Equal(new[] { -1f, 1f, -1f, 1f }, values);
    }

    [Fact]
    public void Fit_on_the_mnist_test_digits_gives_their_known_statistics()
    {
        var digits = LabelledImages.LoadSplit(BundledImageFiles.Mnist, "t10k");

        var normalization = PixelNormalization.Fit(digits);

        // torchvision's MNIST test split: mean 0.1325, std 0.3105 (the training split's are 0.1307 and 0.3081).
        Assert.InRange(normalization.Mean, 0.1320, 0.1330);
        Assert.InRange(normalization.Std, 0.3100, 0.3110);
    }

    [Fact]
    public void Unit_range_is_exactly_byte_over_255()
    {
        var values = new float[256];
        var bytes = Enumerable.Range(0, 256).Select(i => (byte)i).ToArray();

        PixelNormalization.UnitRange.Apply(bytes, values);

        for (int i = 0; i < 256; i++) Assert.Equal(i / 255f, values[i]);
    }

    [Fact]
    public void Every_byte_gets_the_bits_of_the_formula_computed_one_value_at_a_time()
    {
        var normalization = new PixelNormalization(0.1307f, 0.3081f);
        var bytes = Enumerable.Range(0, 256).Concat(Enumerable.Range(0, 37)).Select(i => (byte)i).ToArray();
        var values = new float[bytes.Length];

        normalization.Apply(bytes, values);

        for (int i = 0; i < bytes.Length; i++) Assert.Equal((bytes[i] / 255f - 0.1307f) / 0.3081f, values[i]);
    }

    [Fact]
    public void A_deviation_that_cannot_divide_and_a_constant_image_set_are_refused()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new PixelNormalization(0.1f, 0f));
        Assert.Throws<ArgumentOutOfRangeException>(() => new PixelNormalization(float.NaN, 1f));
        var flat = new LabelledImages(new IdxImages(2, 1, 1, [7, 7]), [0, 0]);
        var error = Assert.Throws<ArgumentException>(() => PixelNormalization.Fit(flat));
        Assert.Contains("7", error.Message);
        Assert.Throws<ArgumentException>(() => PixelNormalization.UnitRange.Apply([1, 2], new float[3]));
    }
}
