using Recur.Data.Windows;

namespace Recur.Tests.Data.Windows;

/// <summary>Time-ordered splits with the course's truncation, and the rows a training span touches.</summary>
public sealed class ChronologicalSplitTests
{
    private static double[,] Rows(int n)
    {
        var f = new double[n, 5];
        for (int r = 0; r < n; r++)
            for (int c = 0; c < 5; c++) f[r, c] = r + 0.1 * c;
        return f;
    }

    [Fact]
    public void Goog_sized_series_window_7_gives_725_windows_split_507_and_218()
    {
        var windows = new SlidingWindows(7);
        var set = windows.Create(Rows(732), targetColumn: 3);
        Assert.Equal(725, set.Count);
        Assert.Equal(725, windows.WindowCount(732));

        Assert.Equal((507, 0, 218), ChronologicalSplit.Sizes(set.Count, 0.7));
        var (train, validation, test) = ChronologicalSplit.Split(set, 0.7);
        Assert.Equal(507, train.Count);
        Assert.Equal(0, validation.Count);
        Assert.Equal(218, test.Count);
        Assert.Equal(507, test.FirstRow[0]);
        Assert.Equal(731, test.TargetRow[^1]);
    }

    [Fact]
    public void Last_row_used_by_training_windows_includes_their_targets()
    {
        var windows = new SlidingWindows(7);
        var set = windows.Create(Rows(732), targetColumn: 3);
        // Window 506 reads rows 506 … 512 and targets row 513.
        Assert.Equal(513, set.LastRowUsed(507));
        Assert.Equal(513, windows.LastRowUsed(507));

        var lastStep = new SlidingWindows(7, 3, TargetAlignment.LastStep);
        var set2 = lastStep.Create(Rows(50), targetColumn: 0);
        // Window 9 reads rows 9 … 15 and targets rows 15, 16, 17.
        Assert.Equal(17, set2.LastRowUsed(10));
        Assert.Equal(17, lastStep.LastRowUsed(10));
        // A sliced set keeps series row numbers.
        Assert.Equal(17, set2.Slice(5, 10).LastRowUsed(5));
    }

    [Fact]
    public void Validation_follows_train_and_precedes_test()
    {
        Assert.Equal((70, 10, 20), ChronologicalSplit.Sizes(100, 0.7, 0.1));
        Assert.Equal((507, 108, 110), ChronologicalSplit.Sizes(725, 0.7, 0.15));

        var set = new SlidingWindows(2).Create(Rows(102), targetColumn: 0);   // 100 windows
        var (train, validation, test) = ChronologicalSplit.Split(set, 0.7, 0.1);
        Assert.Equal(69, train.FirstRow[^1]);
        Assert.Equal(70, validation.FirstRow[0]);
        Assert.Equal(79, validation.FirstRow[^1]);
        Assert.Equal(80, test.FirstRow[0]);
    }

    [Theory]
    [InlineData(10, 0.05, 0.0)]    // no training window
    [InlineData(10, 0.7, 0.05)]    // asked for validation, got none
    [InlineData(10, 0.7, 0.4)]     // fractions exceed 1
    [InlineData(10, 0.0, 0.0)]
    [InlineData(10, 1.5, 0.0)]
    [InlineData(0, 0.7, 0.0)]
    public void Impossible_splits_are_rejected(int count, double train, double validation)
    {
        Assert.ThrowsAny<ArgumentException>(() => ChronologicalSplit.Sizes(count, train, validation));
    }

    [Fact]
    public void Whole_series_for_training_is_allowed()
    {
        Assert.Equal((10, 0, 0), ChronologicalSplit.Sizes(10, 1.0));
    }
}
