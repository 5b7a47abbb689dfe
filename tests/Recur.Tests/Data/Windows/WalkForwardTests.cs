using Recur.Data.Windows;

namespace Recur.Tests.Data.Windows;

/// <summary>Walk-forward folds expand the training part and test on consecutive blocks that end at the last window.</summary>
public sealed class WalkForwardTests
{
    [Fact]
    public void Three_folds_of_ten_over_one_hundred_windows()
    {
        var folds = WalkForward.Folds(100, folds: 3, minTrain: 50, testSize: 10);
        Assert.Equal(
            [new WalkForwardFold(0, 70, 70, 10), new WalkForwardFold(0, 80, 80, 10), new WalkForwardFold(0, 90, 90, 10)],
            folds);
    }

    [Fact]
    public void Folds_tile_the_tail_without_gaps_or_overlap()
    {
        var folds = WalkForward.Folds(725, 5, 300, 40);
        for (int k = 0; k < folds.Count; k++)
        {
            Assert.Equal(folds[k].TrainStart + folds[k].TrainCount, folds[k].TestStart);
            if (k > 0) Assert.Equal(folds[k - 1].TestStart + folds[k - 1].TestCount, folds[k].TestStart);
        }
        Assert.Equal(725, folds[^1].TestStart + folds[^1].TestCount);
        Assert.True(folds[0].TrainCount >= 300);
    }

    [Fact]
    public void Sliding_folds_keep_the_first_folds_training_length_and_end_where_expanding_ones_do()
    {
        var folds = WalkForward.Folds(100, folds: 3, minTrain: 50, testSize: 10, WalkForwardScheme.Sliding);
        Assert.Equal(
            [new WalkForwardFold(0, 70, 70, 10), new WalkForwardFold(10, 70, 80, 10), new WalkForwardFold(20, 70, 90, 10)],
            folds);
    }

    [Fact]
    public void Exactly_enough_windows_fit()
    {
        var folds = WalkForward.Folds(80, 3, 50, 10);
        Assert.Equal(50, folds[0].TrainCount);
    }

    [Fact]
    public void Too_many_folds_name_what_was_needed()
    {
        var e = Assert.Throws<ArgumentException>(() => WalkForward.Folds(100, 3, 80, 10));
        Assert.Contains("need 110 windows", e.Message);
        Assert.Contains("there are 100", e.Message);
        Assert.Throws<ArgumentOutOfRangeException>(() => WalkForward.Folds(100, 0, 80, 10));
        Assert.Throws<ArgumentOutOfRangeException>(() => WalkForward.Folds(100, 2, 0, 10));
        Assert.Throws<ArgumentOutOfRangeException>(() => WalkForward.Folds(100, 2, 10, 0));
    }
}
