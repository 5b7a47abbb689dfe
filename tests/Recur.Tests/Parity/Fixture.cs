using System.Globalization;
using System.Text.Json;
using Xunit.Sdk;

namespace Recur.Tests.Parity;

/// <summary>
/// A PyTorch reference fixture written by <c>tools/reference/*.py</c>:
/// <c>{"generator": ..., "torch": ..., "tensors": {"name": {"shape": [..], "data": [..]}}}</c>.
/// </summary>
public sealed class Fixture
{
    private readonly Dictionary<string, (int[] Shape, float[] Data)> _tensors;

    private Fixture(string fileName, string generator, string torchVersion, Dictionary<string, (int[] Shape, float[] Data)> tensors)
    {
        FileName = fileName;
        Generator = generator;
        TorchVersion = torchVersion;
        _tensors = tensors;
    }

    /// <summary>The fixture file name, e.g. "losses.json".</summary>
    public string FileName { get; }

    /// <summary>The script that wrote the fixture, e.g. "tools/reference/losses.py".</summary>
    public string Generator { get; }

    /// <summary>The PyTorch version that produced the values.</summary>
    public string TorchVersion { get; }

    private static readonly Dictionary<string, Fixture> Cache = new();

    /// <summary>Loads (once per test run) <c>fixtures/<paramref name="fileName"/></c> from the test output directory.</summary>
    public static Fixture Load(string fileName)
    {
        lock (Cache)
        {
            if (!Cache.TryGetValue(fileName, out var fixture))
            {
                fixture = Read(fileName);
                Cache[fileName] = fixture;
            }
            return fixture;
        }
    }

    private static Fixture Read(string fileName)
    {
        string path = Path.Combine(AppContext.BaseDirectory, "fixtures", fileName);
        if (!File.Exists(path))
            throw new FileNotFoundException(
                $"Fixture '{fileName}' not found at {path}. Regenerate it with tools/reference (see tools/reference/README.md).", path);
        JsonDocument doc;
        try
        {
            doc = JsonDocument.Parse(File.ReadAllText(path));
        }
        catch (JsonException e)
        {
            throw new InvalidDataException($"Fixture '{fileName}' ({path}) is not valid JSON: {e.Message}", e);
        }
        using var _ = doc;
        var root = doc.RootElement;
        string generator = root.TryGetProperty("generator", out var g) ? g.GetString() ?? "" : "";
        string torch = root.TryGetProperty("torch", out var t) ? t.GetString() ?? "" : "";
        if (!root.TryGetProperty("tensors", out var tensors) || tensors.ValueKind != JsonValueKind.Object)
            throw new InvalidDataException($"Fixture '{fileName}' has no \"tensors\" object.");
        var map = new Dictionary<string, (int[], float[])>(StringComparer.Ordinal);
        foreach (var property in tensors.EnumerateObject())
        {
            var shape = property.Value.GetProperty("shape").EnumerateArray().Select(e => e.GetInt32()).ToArray();
            // Values are float32 written exactly as doubles; the narrowing cast is exact.
            var data = property.Value.GetProperty("data").EnumerateArray().Select(e => (float)e.GetDouble()).ToArray();
            int size = shape.Aggregate(1, (a, b) => a * b);
            if (size != data.Length)
                throw new InvalidDataException(
                    $"Fixture '{fileName}', tensor '{property.Name}': shape {Recur.Tensor.ShapeText(shape)} needs {size} values but has {data.Length}.");
            map[property.Name] = (shape, data);
        }
        return new Fixture(fileName, generator, torch, map);
    }

    /// <summary>Every tensor name in the fixture, in file order.</summary>
    public IEnumerable<string> Names => _tensors.Keys;

    /// <summary>True when the fixture holds a tensor called <paramref name="name"/>.</summary>
    public bool Has(string name) => _tensors.ContainsKey(name);

    /// <summary>A fresh tensor (own storage, no grad) with the stored shape and values.</summary>
    public Tensor Tensor(string name)
    {
        var (shape, data) = Get(name);
        return Recur.Tensor.FromArray((float[])data.Clone(), (int[])shape.Clone());
    }

    /// <summary>The stored values of a one-element tensor.</summary>
    public float Scalar(string name)
    {
        var (shape, data) = Get(name);
        if (data.Length != 1)
            throw new InvalidDataException($"Fixture '{FileName}', tensor '{name}' has shape {Recur.Tensor.ShapeText(shape)}, not a single value.");
        return data[0];
    }

    /// <summary>The stored values as integers (class ids, indices); each must be integral.</summary>
    public int[] Ints(string name)
    {
        var (_, data) = Get(name);
        return data.Select((v, i) => v == MathF.Round(v)
            ? (int)v
            : throw new InvalidDataException($"Fixture '{FileName}', tensor '{name}'[{i}] = {v} is not an integer.")).ToArray();
    }

    private (int[] Shape, float[] Data) Get(string name)
    {
        if (_tensors.TryGetValue(name, out var entry)) return entry;
        var near = _tensors.Keys.Where(k => k.StartsWith(name.Split('.')[0], StringComparison.Ordinal)).Take(8).ToArray();
        throw new KeyNotFoundException(
            $"Fixture '{FileName}' (from {Generator}) has no tensor '{name}'." +
            (near.Length > 0 ? $" Keys with the same prefix: {string.Join(", ", near)}." : ""));
    }
}

/// <summary>Float32 closeness checks against PyTorch values, with messages that locate the first mismatch.</summary>
public static class ParityAssert
{
    /// <summary>
    /// Asserts <c>|actual − expected| ≤ atol + rtol·|expected|</c> elementwise (numpy.allclose) and equal shapes.
    /// On failure reports the first mismatching index, both values, and the shapes.
    /// </summary>
    public static void AssertClose(Tensor expected, Tensor? actual, string what, double rtol = 1e-5, double atol = 1e-6)
    {
        ArgumentNullException.ThrowIfNull(expected);
        if (actual is null)
            throw new XunitException($"{what}: expected a tensor of shape {Tensor.ShapeText(expected.Shape)} but got null (no gradient?).");
        var es = expected.Shape;
        var @as = actual.Shape;
        if (!es.SequenceEqual(@as))
            throw new XunitException($"{what}: shape mismatch, expected {Tensor.ShapeText(es)} but got {Tensor.ShapeText(@as)}.");
        var e = expected.ToArray();
        var a = actual.ToArray();
        int mismatches = 0, first = -1;
        double worst = 0;
        for (int i = 0; i < e.Length; i++)
        {
            double diff = Math.Abs((double)a[i] - e[i]);
            // A NaN difference fails the comparison, unless both values are NaN.
            bool ok = diff <= atol + rtol * Math.Abs((double)e[i]) || (float.IsNaN(e[i]) && float.IsNaN(a[i]));
            if (!ok)
            {
                if (first < 0) first = i;
                mismatches++;
                worst = Math.Max(worst, double.IsNaN(diff) ? double.PositiveInfinity : diff);
            }
        }
        if (first >= 0)
            throw new XunitException(
                $"{what}: {mismatches} of {e.Length} elements differ (rtol {rtol:g}, atol {atol:g}, worst |diff| {worst:g9}). " +
                $"First at index {IndexText(first, es)}: expected {Format(e[first])}, actual {Format(a[first])}, " +
                $"|diff| {Math.Abs((double)a[first] - e[first]):g9}; shape {Tensor.ShapeText(es)}.");
    }

    /// <summary>Scalar form of <see cref="AssertClose(Tensor, Tensor?, string, double, double)"/>.</summary>
    public static void AssertClose(float expected, float actual, string what, double rtol = 1e-5, double atol = 1e-6) =>
        AssertClose(Tensor.Scalar(expected), Tensor.Scalar(actual), what, rtol, atol);

    private static string Format(float v) => v.ToString("R", CultureInfo.InvariantCulture);

    private static string IndexText(int flat, int[] shape)
    {
        if (shape.Length == 0) return "[]";
        var index = new int[shape.Length];
        for (int d = shape.Length - 1; d >= 0; d--)
        {
            index[d] = flat % shape[d];
            flat /= shape[d];
        }
        return "[" + string.Join(", ", index) + "]";
    }
}
