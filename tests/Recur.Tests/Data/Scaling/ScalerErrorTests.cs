using Recur.Data.Scaling;

namespace Recur.Tests.Data.Scaling;

/// <summary>Misuse of a scaler fails with a message that says what to fix.</summary>
public sealed class ScalerErrorTests
{
    public static TheoryData<Scaler> Scalers() => [new MinMaxScaler(), new StandardScaler()];

    [Theory]
    [MemberData(nameof(Scalers))]
    public void Transform_before_fit_says_to_fit(Scaler scaler)
    {
        Assert.Equal(0, scaler.ColumnCount);
        Assert.False(scaler.IsFitted);
        var e = Assert.Throws<InvalidOperationException>(() => scaler.Transform(new double[,] { { 1 } }));
        Assert.Contains("not fitted", e.Message);
        Assert.Throws<InvalidOperationException>(() => scaler.InverseTransform(1, 0));
        Assert.Throws<InvalidOperationException>(() => scaler.Subset(0));
    }

    [Theory]
    [MemberData(nameof(Scalers))]
    public void Wrong_column_count_names_both_counts(Scaler scaler)
    {
        scaler.Fit(new double[,] { { 1, 2, 3 }, { 4, 5, 6 } });
        var e = Assert.Throws<ArgumentException>(() => scaler.Transform(new double[,] { { 1, 2 } }));
        Assert.Contains("3 columns", e.Message);
        Assert.Contains("[1, 2]", e.Message);
        Assert.Throws<ArgumentException>(() => scaler.InverseTransform(new double[,] { { 1, 2, 3, 4 } }));
    }

    [Theory]
    [MemberData(nameof(Scalers))]
    public void Nan_or_infinity_names_row_and_column(Scaler scaler)
    {
        var e = Assert.Throws<ArgumentException>(() => scaler.Fit(new double[,] { { 1, 2 }, { 3, double.NaN } }));
        Assert.Contains("row 1, column 1", e.Message);

        scaler.Fit(new double[,] { { 1, 2 }, { 3, 4 } });
        e = Assert.Throws<ArgumentException>(() => scaler.Transform(new double[,] { { double.PositiveInfinity, 2 } }));
        Assert.Contains("row 0, column 0", e.Message);
        Assert.Throws<ArgumentException>(() => scaler.InverseTransformColumn([0.5, double.NaN], 0));
    }

    [Theory]
    [MemberData(nameof(Scalers))]
    public void Bad_span_column_or_subset_is_rejected(Scaler scaler)
    {
        var data = new double[,] { { 1 }, { 2 }, { 3 } };
        Assert.Equal("rowStart", Assert.Throws<ArgumentOutOfRangeException>(() => scaler.Fit(data, 2, 2)).ParamName);
        Assert.Equal("rowCount", Assert.Throws<ArgumentOutOfRangeException>(() => scaler.Fit(data, 0, 0)).ParamName);

        scaler.Fit(data);
        Assert.Equal("column", Assert.Throws<ArgumentOutOfRangeException>(() => scaler.Transform(1, 1)).ParamName);
        Assert.Equal("column", Assert.Throws<ArgumentOutOfRangeException>(() => scaler.Subset(0, 1)).ParamName);
        Assert.Throws<ArgumentException>(() => scaler.Subset());
    }

    [Theory]
    [MemberData(nameof(Scalers))]
    public void A_nan_outside_the_fitted_span_does_not_stop_fitting(Scaler scaler)
    {
        scaler.Fit(new double[,] { { 1 }, { 2 }, { double.NaN } }, 0, 2);
        Assert.True(scaler.IsFitted);
    }
}
