using Recur.Data.Scaling;

namespace Recur.Tests.Data.Scaling;

/// <summary>MinMaxScaler against scikit-learn's documented example and its edge cases.</summary>
public sealed class MinMaxScalerTests
{
    // scikit-learn's MinMaxScaler docstring example.
    private static readonly double[,] SklearnData = { { -1, 2 }, { -0.5, 6 }, { 0, 10 }, { 1, 18 } };

    [Fact]
    public void Sklearn_docstring_example_maps_to_quarters()
    {
        var scaler = new MinMaxScaler();
        double[,] scaled = scaler.FitTransform(SklearnData);
        Assert.Equal(new double[,] { { 0, 0 }, { 0.25, 0.25 }, { 0.5, 0.5 }, { 1, 1 } }, scaled);
        Assert.Equal([-1.0, 2.0], scaler.DataMin);
        Assert.Equal([1.0, 18.0], scaler.DataMax);
        Assert.Equal(2, scaler.ColumnCount);
        Assert.True(scaler.IsFitted);
        // scikit-learn's docstring continues: transform([[2, 2]]) → [[1.5, 0.]].
        Assert.Equal(new double[,] { { 1.5, 0 } }, scaler.Transform(new double[,] { { 2, 2 } }));
    }

    [Fact]
    public void Feature_range_minus_one_to_one()
    {
        var scaler = new MinMaxScaler(-1, 1);
        double[,] scaled = scaler.FitTransform(SklearnData);
        Assert.Equal(new double[,] { { -1, -1 }, { -0.5, -0.5 }, { 0, 0 }, { 1, 1 } }, scaled);
    }

    [Fact]
    public void Constant_column_has_range_one_and_maps_to_min()
    {
        var scaler = new MinMaxScaler(0, 1);
        double[,] scaled = scaler.FitTransform(new double[,] { { 5, 1 }, { 5, 3 } });
        Assert.Equal(new double[,] { { 0, 0 }, { 0, 1 } }, scaled);
        Assert.Equal(1.0, scaler.Transform(6, 0));     // (6 − 5) / 1 · (1 − 0) + 0
        Assert.Equal(5.0, scaler.InverseTransform(0, 0));
    }

    [Fact]
    public void Inverse_transform_undoes_transform()
    {
        var data = new double[,] { { 101.25, 3.5e6 }, { 99.75, 1.2e6 }, { 120.5, 8.0e5 }, { 87.0, 2.2e6 } };
        var scaler = new MinMaxScaler();
        double[,] back = scaler.InverseTransform(scaler.FitTransform(data));
        for (int r = 0; r < 4; r++)
            for (int c = 0; c < 2; c++)
                Assert.Equal(data[r, c], back[r, c], Math.Abs(data[r, c]) * 1e-14);
    }

    [Fact]
    public void Fit_on_a_span_ignores_rows_outside_it()
    {
        var data = new double[,] { { 0 }, { 10 }, { 20 }, { 1000 } };
        var scaler = new MinMaxScaler();
        scaler.Fit(data, 1, 2);               // rows 1 and 2 only: the "test" row 1000 must not count
        Assert.Equal([10.0], scaler.DataMin);
        Assert.Equal([20.0], scaler.DataMax);
        // Rows outside the span may fall outside [0, 1], as in scikit-learn.
        Assert.Equal(new double[,] { { -1 }, { 0 }, { 1 }, { 99 } }, scaler.Transform(data));
    }

    [Fact]
    public void Inverse_transform_column_and_subset_recover_the_target_column()
    {
        var scaler = new MinMaxScaler();
        scaler.Fit(SklearnData);
        Assert.Equal([2.0, 10.0, 18.0], scaler.InverseTransformColumn([0, 0.5, 1], 1));

        Scaler target = scaler.Subset(1);
        Assert.IsType<MinMaxScaler>(target);
        Assert.Equal(1, target.ColumnCount);
        Assert.Equal([2.0], ((MinMaxScaler)target).DataMin);
        Assert.Equal(14.0, target.InverseTransform(0.75, 0));

        var swapped = (MinMaxScaler)scaler.Subset(1, 0);
        Assert.Equal([2.0, -1.0], swapped.DataMin);
    }

    [Fact]
    public void Rejects_an_empty_or_reversed_feature_range()
    {
        Assert.Throws<ArgumentException>(() => new MinMaxScaler(1, 1));
        Assert.Throws<ArgumentException>(() => new MinMaxScaler(1, 0));
        Assert.Throws<ArgumentException>(() => new MinMaxScaler(0, double.PositiveInfinity));
    }
}
