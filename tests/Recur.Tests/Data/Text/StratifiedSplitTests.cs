using Recur.Data.Text;

namespace Recur.Tests.Data.Text;

public sealed class StratifiedSplitTests
{
    [Fact]
    public void Keeps_each_class_share_and_covers_every_item_once()
    {
        // 87 / 13, like SMS spam's ham / spam.
        var labels = Enumerable.Range(0, 1000).Select(i => i % 100 < 13 ? 1 : 0).ToArray();
        var (train, test) = StratifiedSplit.Indices(labels, 0.2, new Generator(42));
        Assert.Equal(200, test.Length);
        Assert.Equal(800, train.Length);
        Assert.Equal(26, test.Count(i => labels[i] == 1));
        Assert.Equal(104, train.Count(i => labels[i] == 1));
        Assert.Equal(Enumerable.Range(0, 1000), train.Concat(test).Order());
    }

    [Fact]
    public void Same_seed_same_split_and_order_is_shuffled()
    {
        var labels = Enumerable.Range(0, 50).Select(i => i < 25 ? 0 : 1).ToArray();
        var a = StratifiedSplit.Indices(labels, 0.3, new Generator(7));
        var b = StratifiedSplit.Indices(labels, 0.3, new Generator(7));
        Assert.Equal(a.Train, b.Train);
        Assert.Equal(a.Test, b.Test);
        Assert.NotEqual(a.Train.Order(), a.Train);
        var c = StratifiedSplit.Indices(labels, 0.3, new Generator(8));
        Assert.NotEqual(a.Test, c.Test);
    }

    [Fact]
    public void Labelled_texts_split_into_subsets_with_the_same_classes()
    {
        var texts = new LabelledTexts(
            Enumerable.Range(0, 30).Select(i => $"text {i}").ToArray(),
            Enumerable.Range(0, 30).Select(i => i % 3 == 0 ? 1 : 0).ToArray(),
            ["neg", "pos"]);
        var (train, test) = texts.StratifiedSplit(0.5, new Generator(3));
        Assert.Equal([10, 5], train.CountPerClass());
        Assert.Equal([10, 5], test.CountPerClass());
        Assert.Equal(texts.ClassNames, test.ClassNames);
        Assert.Equal([15], test.LabelsTensor().Shape);
        Assert.All(test.Texts, t => Assert.Equal(int.Parse(t[5..]) % 3 == 0 ? 1 : 0, test.Labels[test.Texts.ToList().IndexOf(t)]));
    }

    [Fact]
    public void Rejects_fractions_outside_zero_one()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => StratifiedSplit.Indices([0, 1], 0, new Generator()));
        Assert.Throws<ArgumentOutOfRangeException>(() => StratifiedSplit.Indices([0, 1], 1, new Generator()));
    }
}
