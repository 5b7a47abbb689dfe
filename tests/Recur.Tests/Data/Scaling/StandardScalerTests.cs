using Recur.Data.Scaling;

namespace Recur.Tests.Data.Scaling;

/// <summary>StandardScaler against scikit-learn's documented example and hand-computed statistics.</summary>
public sealed class StandardScalerTests
{
    [Fact]
    public void Sklearn_docstring_example()
    {
        var scaler = new StandardScaler();
        scaler.Fit(new double[,] { { 0, 0 }, { 0, 0 }, { 1, 1 }, { 1, 1 } });
        Assert.Equal([0.5, 0.5], scaler.Mean);
        Assert.Equal([0.5, 0.5], scaler.Scale);   // population std (ddof 0) of 0, 0, 1, 1
        Assert.Equal(new double[,] { { 3, 3 } }, scaler.Transform(new double[,] { { 2, 2 } }));
    }

    [Fact]
    public void Uses_population_standard_deviation()
    {
        // 2, 4, 4, 4, 5, 5, 7, 9: mean 5, population variance 4, std 2 (the sample std would be 2.138…).
        var scaler = new StandardScaler();
        double[,] scaled = scaler.FitTransform(new double[,] { { 2 }, { 4 }, { 4 }, { 4 }, { 5 }, { 5 }, { 7 }, { 9 } });
        Assert.Equal([5.0], scaler.Mean);
        Assert.Equal([2.0], scaler.Scale);
        Assert.Equal(-1.5, scaled[0, 0]);
        Assert.Equal(2.0, scaled[7, 0]);
    }

    [Fact]
    public void Constant_column_has_scale_one_even_when_the_mean_rounds()
    {
        // 0.1 × 3 sums to 0.30000000000000004, so the mean is not exactly 0.1; the column is still constant.
        var scaler = new StandardScaler();
        scaler.Fit(new double[,] { { 0.1 }, { 0.1 }, { 0.1 } });
        Assert.Equal([1.0], scaler.Scale);
        Assert.Equal(0.0, scaler.Transform(0.1, 0), 15);
    }

    [Fact]
    public void Inverse_transform_undoes_transform_and_subset_keeps_statistics()
    {
        var data = new double[,] { { 101.25, 3.5e6 }, { 99.75, 1.2e6 }, { 120.5, 8.0e5 }, { 87.0, 2.2e6 } };
        var scaler = new StandardScaler();
        double[,] back = scaler.InverseTransform(scaler.FitTransform(data));
        for (int r = 0; r < 4; r++)
            for (int c = 0; c < 2; c++)
                Assert.Equal(data[r, c], back[r, c], Math.Abs(data[r, c]) * 1e-14);

        var volume = (StandardScaler)scaler.Subset(1);
        Assert.Equal(scaler.Mean[1], volume.Mean[0]);
        Assert.Equal(scaler.Scale[1], volume.Scale[0]);
        Assert.Equal(scaler.InverseTransform(0.3, 1), volume.InverseTransformColumn([0.3], 0)[0]);
    }

    [Fact]
    public void Fit_on_a_span_uses_only_those_rows()
    {
        var scaler = new StandardScaler();
        scaler.Fit(new double[,] { { 1e9 }, { 1 }, { 3 }, { -1e9 } }, 1, 2);
        Assert.Equal([2.0], scaler.Mean);
        Assert.Equal([1.0], scaler.Scale);
    }
}
