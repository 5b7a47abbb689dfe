using Recur.Data;
using Recur.Data.Scaling;

namespace Recur.Tests.Data.Scaling;

/// <summary>Scalers written to JSON come back bit for bit; bad JSON is reported clearly.</summary>
public sealed class ScalerJsonTests
{
    // Values whose decimal forms are long or extreme, to catch any lossy number formatting.
    private static readonly double[,] Awkward =
    {
        { 0.1 + 0.2, 1.0 / 3, -1e-300, 123456789.123456789 },
        { Math.PI, 2.0 / 3, 5e-324, -7.77e15 },
        { Math.E, 1e308, double.Epsilon * 3, 0 },
    };

    [Fact]
    public void Min_max_round_trip_is_bit_exact()
    {
        var scaler = new MinMaxScaler(-1, 1);
        scaler.Fit(Awkward);
        string json = scaler.ToJson();
        Assert.Contains("\"kind\": \"minmax\"", json);

        var back = Assert.IsType<MinMaxScaler>(Scaler.FromJson(json));
        Assert.Equal(-1.0, back.Min);
        Assert.Equal(1.0, back.Max);
        AssertBitEqual(scaler.DataMin, back.DataMin);
        AssertBitEqual(scaler.DataMax, back.DataMax);
        AssertBitEqual(Flatten(scaler.Transform(Awkward)), Flatten(back.Transform(Awkward)));
    }

    [Fact]
    public void Standard_round_trip_is_bit_exact()
    {
        var scaler = new StandardScaler();
        scaler.Fit(new double[,] { { 0.1, 1.0 / 7 }, { 0.7, Math.Sqrt(2) }, { 1e-9, 1e9 / 3 } });
        var back = Assert.IsType<StandardScaler>(Scaler.FromJson(scaler.ToJson()));
        AssertBitEqual(scaler.Mean, back.Mean);
        AssertBitEqual(scaler.Scale, back.Scale);
    }

    [Fact]
    public void Unfitted_scaler_round_trips_as_unfitted()
    {
        var back = Assert.IsType<MinMaxScaler>(Scaler.FromJson(new MinMaxScaler(2, 5).ToJson()));
        Assert.False(back.IsFitted);
        Assert.Equal(2.0, back.Min);
        Assert.Equal(5.0, back.Max);
    }

    [Fact]
    public void Unknown_kind_names_the_kind_and_the_known_ones()
    {
        var e = Assert.Throws<DataFormatException>(() => Scaler.FromJson("""{ "kind": "robust", "center": [1] }"""));
        Assert.Contains("\"robust\"", e.Message);
        Assert.Contains("\"minmax\"", e.Message);
        Assert.Contains("\"standard\"", e.Message);
    }

    [Fact]
    public void Malformed_json_reports_line()
    {
        var e = Assert.Throws<DataFormatException>(() => Scaler.FromJson("{\n  \"kind\": \"minmax\",\n  \"dataMin\": [1, \n"));
        Assert.NotNull(e.Line);
        Assert.Contains("malformed", e.Message);
    }

    [Theory]
    [InlineData("""{ "featureRange": [0, 1] }""", "\"kind\"")]
    [InlineData("""{ "kind": "minmax", "featureRange": [0, 1], "dataMin": [1, 2], "dataMax": [3] }""", "\"dataMin\" has 2 columns")]
    [InlineData("""{ "kind": "minmax", "featureRange": [0, 1], "dataMin": ["a"], "dataMax": [3] }""", "\"dataMin\"[0]")]
    [InlineData("""{ "kind": "standard", "mean": [1] }""", "\"scale\"")]
    [InlineData("""{ "kind": "standard", "mean": [1], "scale": [0] }""", "scale 0")]
    [InlineData("""[1, 2]""", "must be an object")]
    public void Missing_or_inconsistent_properties_are_named(string json, string expected)
    {
        var e = Assert.Throws<DataFormatException>(() => Scaler.FromJson(json));
        Assert.Contains(expected, e.Message);
    }

    private static double[] Flatten(double[,] m) => m.Cast<double>().ToArray();

    private static void AssertBitEqual(IReadOnlyList<double> expected, IReadOnlyList<double> actual)
    {
        Assert.Equal(expected.Count, actual.Count);
        for (int i = 0; i < expected.Count; i++)
            Assert.Equal(BitConverter.DoubleToInt64Bits(expected[i]), BitConverter.DoubleToInt64Bits(actual[i]));
    }
}
