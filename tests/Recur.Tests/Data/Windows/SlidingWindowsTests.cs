using Recur.Data.Windows;

namespace Recur.Tests.Data.Windows;

/// <summary>Windows and targets land on the rows each alignment promises.</summary>
public sealed class SlidingWindowsTests
{
    // Row r holds features (10r, 10r + 1) and target 100 + r, so every value names its row.
    private static double[,] Features(int rows)
    {
        var f = new double[rows, 2];
        for (int r = 0; r < rows; r++) { f[r, 0] = 10 * r; f[r, 1] = 10 * r + 1; }
        return f;
    }

    private static double[] Target(int rows) => Enumerable.Range(0, rows).Select(r => 100.0 + r).ToArray();

    [Fact]
    public void Course_worked_example_two_windows_of_three()
    {
        var features = new double[,] { { 1, 2 }, { 3, 4 }, { 5, 6 }, { 7, 8 } };
        float[] windows = new SlidingWindows(3).WindowsOnly(features, out int count);
        Assert.Equal(2, count);
        Assert.Equal([1, 2, 3, 4, 5, 6, /* next window */ 3, 4, 5, 6, 7, 8], windows);
    }

    [Fact]
    public void Next_step_horizon_one_targets_the_row_after_the_window()
    {
        var set = new SlidingWindows(3).Create(Features(6), Target(6));
        Assert.Equal(3, set.Count);                      // 6 − 3 − 1 + 1
        Assert.Equal([0, 1, 2], set.FirstRow);
        Assert.Equal([3, 4, 5], set.TargetRow);
        Assert.Equal([103f, 104f, 105f], set.Targets);
        // Window 2 reads rows 2, 3, 4.
        Assert.Equal([20f, 21f, 30f, 31f, 40f, 41f], set.Inputs.AsSpan(2 * 6, 6).ToArray());
    }

    [Fact]
    public void Next_step_horizon_three_targets_the_three_rows_after_the_window()
    {
        var set = new SlidingWindows(3, horizon: 3).Create(Features(8), Target(8));
        Assert.Equal(3, set.Count);                      // 8 − 3 − 3 + 1
        Assert.Equal(3, set.Horizon);
        Assert.Equal([3, 4, 5], set.TargetRow);
        Assert.Equal([103f, 104f, 105f, 104f, 105f, 106f, 105f, 106f, 107f], set.Targets);
    }

    [Fact]
    public void Last_step_horizon_one_targets_the_windows_last_row()
    {
        var set = new SlidingWindows(3, alignment: TargetAlignment.LastStep).Create(Features(6), Target(6));
        Assert.Equal(4, set.Count);                      // 6 − 3 + 1
        Assert.Equal([2, 3, 4, 5], set.TargetRow);
        Assert.Equal([102f, 103f, 104f, 105f], set.Targets);
        Assert.Equal([30f, 31f, 40f, 41f, 50f, 51f], set.Inputs.AsSpan(3 * 6, 6).ToArray());
    }

    [Fact]
    public void Last_step_horizon_three_targets_three_rows_from_the_last_row()
    {
        var set = new SlidingWindows(3, 3, TargetAlignment.LastStep).Create(Features(6), Target(6));
        Assert.Equal(2, set.Count);                      // 6 − (2 + 3) + 1
        Assert.Equal([2, 3], set.TargetRow);
        Assert.Equal([102f, 103f, 104f, 103f, 104f, 105f], set.Targets);
    }

    [Fact]
    public void Target_column_overload_uses_that_feature_column()
    {
        var set = new SlidingWindows(2).Create(Features(4), targetColumn: 1);
        Assert.Equal([21f, 31f], set.Targets);
    }

    [Fact]
    public void Tensors_are_batch_first_and_carry_the_values()
    {
        var set = new SlidingWindows(3, 2).Create(Features(7), Target(7));
        var inputs = set.InputTensor();
        Assert.Equal([3, 3, 2], inputs.Shape);
        Assert.Equal(set.Inputs, inputs.ToArray());
        var targets = set.TargetTensor();
        Assert.Equal([3, 2], targets.Shape);
        Assert.Equal(set.Targets, targets.ToArray());
    }

    [Fact]
    public void Slice_keeps_rows_and_values_of_the_chosen_windows()
    {
        var set = new SlidingWindows(3).Create(Features(10), Target(10));
        var slice = set.Slice(2, 3);
        Assert.Equal(3, slice.Count);
        Assert.Equal([2, 3, 4], slice.FirstRow);
        Assert.Equal([5, 6, 7], slice.TargetRow);
        Assert.Equal([105f, 106f, 107f], slice.Targets);
        Assert.Equal(set.Inputs.AsSpan(2 * 6, 3 * 6).ToArray(), slice.Inputs);
        Assert.Equal(0, set.Slice(7, 0).Count);
        Assert.Throws<ArgumentOutOfRangeException>(() => set.Slice(5, 3));
    }

    [Theory]
    [InlineData(3, 1, TargetAlignment.NextStep, 3, 4)]
    [InlineData(3, 3, TargetAlignment.NextStep, 5, 6)]
    [InlineData(3, 3, TargetAlignment.LastStep, 4, 5)]
    public void Too_short_series_names_rows_and_the_rows_needed(int length, int horizon, TargetAlignment alignment, int rows, int needed)
    {
        var windows = new SlidingWindows(length, horizon, alignment);
        var e = Assert.Throws<ArgumentException>(() => windows.Create(Features(rows), Target(rows)));
        Assert.Contains($"{rows} rows", e.Message);
        Assert.Contains($"at least {needed} rows", e.Message);
        // One more row is enough.
        Assert.Equal(1, windows.Create(Features(rows + 1), Target(rows + 1)).Count);
    }

    [Fact]
    public void Mismatched_target_length_and_non_finite_used_rows_are_rejected()
    {
        var windows = new SlidingWindows(3);
        var e = Assert.Throws<ArgumentException>(() => windows.Create(Features(6), Target(5)));
        Assert.Contains("5 values", e.Message);
        Assert.Contains("[6, 2]", e.Message);

        var features = Features(6);
        features[4, 1] = double.NaN;
        e = Assert.Throws<ArgumentException>(() => windows.Create(features, Target(6)));
        Assert.Contains("row 4, column 1", e.Message);

        // NextStep never reads target[0 … T−1], so a NaN there (such as a shifted label) is fine.
        double[] target = Target(6);
        target[0] = double.NaN;
        Assert.Equal(3, windows.Create(Features(6), target).Count);
        target[5] = double.NaN;
        Assert.Contains("target[5]", Assert.Throws<ArgumentException>(() => windows.Create(Features(6), target)).Message);
    }

    [Fact]
    public void Constructor_rejects_non_positive_length_and_horizon()
    {
        Assert.Equal("sequenceLength", Assert.Throws<ArgumentOutOfRangeException>(() => new SlidingWindows(0)).ParamName);
        Assert.Equal("horizon", Assert.Throws<ArgumentOutOfRangeException>(() => new SlidingWindows(3, 0)).ParamName);
    }
}
