using Recur.Data.Images;

namespace Recur.Tests.Data.Images;

/// <summary>The tensors <see cref="LabelledImages"/> hands out, on a small in-memory set.</summary>
public sealed class LabelledImagesTests
{
    private static LabelledImages ThreeImages() =>
        new(new IdxImages(3, 2, 3, [0, 51, 102, 153, 204, 255, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12]), [2, 0, 1]);

    [Fact]
    public void Sequences_are_count_by_rows_by_columns_divided_by_255()
    {
        var x = ThreeImages().AsSequences();

        Assert.Equal([3, 2, 3], x.Shape);
        Assert.Equal(new[] { 0f, 0.2f, 0.4f, 0.6f, 0.8f, 1f }, x.ToArray()[..6]);
        Assert.Equal(12 / 255f, x[2, 1, 2]);
    }

    [Fact]
    public void Vectors_flatten_each_image()
    {
        var x = ThreeImages().AsVectors();

        Assert.Equal([3, 6], x.Shape);
        Assert.Equal(7 / 255f, x[2, 0]);
    }

    [Fact]
    public void Labels_come_as_ints_and_as_a_float_tensor()
    {
        var set = ThreeImages();

        Assert.Equal(new[] { 2, 0, 1 }, set.Labels.ToArray());
        Assert.Equal([3], set.LabelsTensor().Shape);
        Assert.Equal(new[] { 2f, 0f, 1f }, set.LabelsTensor().ToArray());
        Assert.Equal(new[] { 1, 1, 1, 0, 0, 0, 0, 0, 0, 0 }, set.CountPerClass());
    }

    [Fact]
    public void Take_keeps_the_first_images()
    {
        var first = ThreeImages().Take(2);

        Assert.Equal(2, first.Count);
        Assert.Equal([2, 2, 3], first.AsSequences().Shape);
        Assert.Equal(12, first.Pixels.Length);
        Assert.Equal(new[] { 2, 0 }, first.Labels.ToArray());
    }

    [Fact]
    public void Labels_must_pair_with_images()
    {
        var images = new IdxImages(2, 1, 1, [0, 0]);

        Assert.Throws<ArgumentException>(() => new LabelledImages(images, [1]));
        Assert.Throws<ArgumentException>(() => new LabelledImages(images, [1, 10]));
    }

    [Fact]
    public void Normalised_sequences_subtract_the_mean_and_divide_by_the_deviation()
    {
        var x = ThreeImages().AsSequences(new PixelNormalization(0.5f, 0.25f));

        Assert.Equal(-2f, x[0, 0, 0]);
        Assert.Equal(2f, x[0, 1, 2]);
        Assert.Equal((12 / 255f - 0.5f) / 0.25f, x[2, 1, 2]);
        Assert.Equal(ThreeImages().AsVectors().ToArray(), ThreeImages().AsVectors(PixelNormalization.UnitRange).ToArray());
    }

    [Fact]
    public void Subset_copies_the_chosen_images_with_their_labels_in_the_order_given()
    {
        var set = ThreeImages();
        var subset = set.Subset([2, 0]);

        Assert.Equal(new[] { 1, 2 }, subset.Labels.ToArray());
        Assert.Equal(set.Image(2).ToArray(), subset.Image(0).ToArray());
        Assert.Equal(set.Image(0).ToArray(), subset.Image(1).ToArray());
        Assert.Throws<ArgumentOutOfRangeException>(() => set.Subset([3]));
        Assert.Throws<ArgumentOutOfRangeException>(() => set.Image(3));
    }

    [Fact]
    public void Stratified_split_keeps_each_class_share_and_every_image_once()
    {
        // 50 images of 1×1 pixel whose value is their index; classes 0, 1, 2 hold 10, 20, 20 of them.
        var pixels = Enumerable.Range(0, 50).Select(i => (byte)i).ToArray();
        var labels = Enumerable.Range(0, 50).Select(i => (byte)(i < 10 ? 0 : i < 30 ? 1 : 2)).ToArray();
        var set = new LabelledImages(new IdxImages(50, 1, 1, pixels), labels);

        var (train, test) = set.StratifiedSplit(0.2, new Generator(3));

        Assert.Equal(new[] { 8, 16, 16, 0, 0, 0, 0, 0, 0, 0 }, train.CountPerClass());
        Assert.Equal(new[] { 2, 4, 4, 0, 0, 0, 0, 0, 0, 0 }, test.CountPerClass());
        var seen = train.Pixels.ToArray().Concat(test.Pixels.ToArray()).Order().ToArray();
        Assert.Equal(pixels, seen);
        for (int i = 0; i < test.Count; i++)
            Assert.Equal(labels[test.Image(i)[0]], test.Labels[i]);
        var (again, _) = set.StratifiedSplit(0.2, new Generator(3));
        Assert.Equal(train.Pixels.ToArray(), again.Pixels.ToArray());
    }
}
