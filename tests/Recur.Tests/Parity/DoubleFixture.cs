using System.Text.Json;
using Xunit.Sdk;

namespace Recur.Tests.Parity;

/// <summary>
/// Reference figures in double precision written by <c>tools/reference/double_fixture.py</c> (statsmodels, scipy,
/// scikit-learn): <c>{"generator": ..., "versions": {...}, "values": {"name": [v, ...]}}</c>.
/// </summary>
public sealed class DoubleFixture
{
    private static readonly Dictionary<string, DoubleFixture> Cache = new();
    private readonly Dictionary<string, double[]> _values;

    private DoubleFixture(string fileName, string generator, Dictionary<string, double[]> values)
    {
        FileName = fileName;
        Generator = generator;
        _values = values;
    }

    /// <summary>The fixture file name.</summary>
    public string FileName { get; }

    /// <summary>The script that wrote it.</summary>
    public string Generator { get; }

    /// <summary>Loads (once per test run) <c>fixtures/<paramref name="fileName"/></c>.</summary>
    public static DoubleFixture Load(string fileName)
    {
        lock (Cache)
        {
            if (Cache.TryGetValue(fileName, out var cached)) return cached;
            string path = Path.Combine(AppContext.BaseDirectory, "fixtures", fileName);
            if (!File.Exists(path))
                throw new FileNotFoundException($"Fixture '{fileName}' not found at {path}. Regenerate it with tools/reference (see tools/reference/README.md).", path);
            using var doc = JsonDocument.Parse(File.ReadAllText(path));
            var root = doc.RootElement;
            var values = root.GetProperty("values").EnumerateObject()
                .ToDictionary(p => p.Name, p => p.Value.EnumerateArray().Select(v => v.GetDouble()).ToArray(), StringComparer.Ordinal);
            var fixture = new DoubleFixture(fileName, root.GetProperty("generator").GetString() ?? "", values);
            Cache[fileName] = fixture;
            return fixture;
        }
    }

    /// <summary>The values stored under <paramref name="name"/>.</summary>
    public double[] Values(string name) =>
        _values.TryGetValue(name, out var v) ? (double[])v.Clone()
            : throw new KeyNotFoundException($"Fixture '{FileName}' (from {Generator}) has no entry '{name}'.");

    /// <summary>The single value stored under <paramref name="name"/>.</summary>
    public double Value(string name)
    {
        var v = Values(name);
        return v.Length == 1 ? v[0] : throw new InvalidDataException($"Fixture '{FileName}', '{name}' holds {v.Length} values, not one.");
    }

    /// <summary>Asserts <c>|actual − expected| ≤ tolerance</c> elementwise, naming the first mismatch.</summary>
    public static void AssertClose(IReadOnlyList<double> expected, IReadOnlyList<double> actual, double tolerance, string what)
    {
        if (expected.Count != actual.Count)
            throw new XunitException($"{what}: expected {expected.Count} values, got {actual.Count}.");
        for (int i = 0; i < expected.Count; i++)
            if (!(Math.Abs(expected[i] - actual[i]) <= tolerance))
                throw new XunitException($"{what}[{i}]: expected {expected[i]:R}, got {actual[i]:R} (|diff| {Math.Abs(expected[i] - actual[i]):g3} > {tolerance:g3}).");
    }
}
