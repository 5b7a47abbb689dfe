using System.Text.Json;
using Xunit.Sdk;

namespace Recur.Tests.TextClassification;

/// <summary>
/// The scikit-learn / statsmodels reference values of <c>fixtures/text_baselines.json</c> (tools/reference/text_baselines.py):
/// <c>{"generator": ..., "sklearn": ..., "values": {"name": number | [numbers] | [strings]}}</c>, numbers in full double
/// precision.
/// </summary>
public sealed class ScikitLearnFixture
{
    private const string FileName = "text_baselines.json";
    private static readonly Lazy<ScikitLearnFixture> Instance = new(Read);
    private readonly Dictionary<string, JsonElement> _values;

    private ScikitLearnFixture(Dictionary<string, JsonElement> values) => _values = values;

    /// <summary>The fixture, read once per test run.</summary>
    public static ScikitLearnFixture Load() => Instance.Value;

    /// <summary>A single number.</summary>
    public double Number(string name)
    {
        var value = Get(name);
        return value.ValueKind == JsonValueKind.Number ? value.GetDouble()
            : throw new InvalidDataException($"Fixture '{FileName}': '{name}' is not a number.");
    }

    /// <summary>An array of numbers (row-major for matrices).</summary>
    public double[] Numbers(string name) => Array(name).Select(e => e.GetDouble()).ToArray();

    /// <summary>An array of integers (labels, counts, indices); each must be integral.</summary>
    public int[] Ints(string name) => Numbers(name).Select((v, i) => v == Math.Round(v)
        ? (int)v
        : throw new InvalidDataException($"Fixture '{FileName}': '{name}'[{i}] = {v} is not an integer.")).ToArray();

    /// <summary>An array of strings (feature names).</summary>
    public string[] Strings(string name) => Array(name).Select(e => e.GetString()!).ToArray();

    /// <summary>Asserts |actual − expected| ≤ tolerance elementwise, naming the first mismatch.</summary>
    public static void AssertClose(IReadOnlyList<double> expected, IReadOnlyList<double> actual, double tolerance, string what)
    {
        if (expected.Count != actual.Count)
            throw new XunitException($"{what}: expected {expected.Count} values but got {actual.Count}.");
        double worst = 0;
        int first = -1;
        for (int i = 0; i < expected.Count; i++)
        {
            double diff = Math.Abs(expected[i] - actual[i]);
            if (!(diff <= tolerance) && first < 0) first = i;
            worst = Math.Max(worst, double.IsNaN(diff) ? double.PositiveInfinity : diff);
        }
        if (first >= 0)
            throw new XunitException(
                $"{what}: worst |diff| {worst:g6} > {tolerance:g}; first at {first}: expected {expected[first]:R}, actual {actual[first]:R}.");
    }

    private JsonElement[] Array(string name)
    {
        var value = Get(name);
        return value.ValueKind == JsonValueKind.Array ? value.EnumerateArray().ToArray()
            : throw new InvalidDataException($"Fixture '{FileName}': '{name}' is not an array.");
    }

    private JsonElement Get(string name) => _values.TryGetValue(name, out var value)
        ? value
        : throw new KeyNotFoundException($"Fixture '{FileName}' (tools/reference/text_baselines.py) has no value '{name}'.");

    private static ScikitLearnFixture Read()
    {
        string path = Path.Combine(AppContext.BaseDirectory, "fixtures", FileName);
        if (!File.Exists(path))
            throw new FileNotFoundException($"Fixture '{FileName}' not found at {path}. Regenerate it with tools/reference/text_baselines.py.", path);
        using var document = JsonDocument.Parse(File.ReadAllText(path));
        var values = document.RootElement.GetProperty("values").EnumerateObject()
            .ToDictionary(p => p.Name, p => p.Value.Clone(), StringComparer.Ordinal);
        return new ScikitLearnFixture(values);
    }
}
