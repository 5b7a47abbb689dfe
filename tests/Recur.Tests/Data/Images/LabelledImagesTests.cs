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
}
