using Xunit.Sdk;

namespace Recur.Tests.Parity;

/// <summary>
/// One configuration of a recurrent fixture (<c>fixtures/recurrent/*.json</c>, tools/reference/recurrent.py): every
/// key starts with the configuration name (<c>lstm_l3_bi_h0_ragged.output</c>). Reads are recorded so a test can assert
/// that it compared every tensor the generator stored for the configuration.
/// </summary>
public sealed class RecurrentFixtureCase
{
    private readonly HashSet<string> _read = new(StringComparer.Ordinal);

    public RecurrentFixtureCase(string file, string config)
    {
        Fixture = Fixture.Load(file);
        Config = config;
        if (!Fixture.Has($"{config}.hidden_size"))
            throw new XunitException($"Fixture '{Fixture.FileName}' has no configuration '{config}'.");
    }

    public Fixture Fixture { get; }

    public string Config { get; }

    /// <summary>The configurations of <paramref name="file"/>, in file order: every name that has a <c>.hidden_size</c> key.</summary>
    public static IEnumerable<string> ConfigNames(string file) =>
        Fixture.Load(file).Names.Where(n => n.EndsWith(".hidden_size", StringComparison.Ordinal)).Select(n => n[..n.LastIndexOf('.')]);

    /// <summary>The configurations of <paramref name="file"/> as xunit theory data (one test case each).</summary>
    public static TheoryData<string> TheoryConfigs(string file, Func<string, bool>? where = null)
    {
        var data = new TheoryData<string>();
        foreach (var name in ConfigNames(file))
            if (where is null || where(name)) data.Add(name);
        return data;
    }

    public bool Has(string key) => Fixture.Has($"{Config}.{key}");

    public Tensor Tensor(string key)
    {
        _read.Add(key);
        return Fixture.Tensor($"{Config}.{key}");
    }

    /// <summary>The stored tensor as a leaf that requires grad, or null when the configuration has none.</summary>
    public Tensor? Leaf(string key)
    {
        if (!Has(key)) return null;
        var t = Tensor(key);
        t.RequiresGrad = true;
        return t;
    }

    public int Int(string key)
    {
        _read.Add(key);
        return checked((int)Fixture.Scalar($"{Config}.{key}"));
    }

    public bool Flag(string key) => Int(key) != 0;

    public int[]? IntsOrNull(string key)
    {
        if (!Has(key)) return null;
        _read.Add(key);
        return Fixture.Ints($"{Config}.{key}");
    }

    /// <summary>The state_dict keys stored for this configuration (PyTorch names, file order).</summary>
    public IReadOnlyList<string> StateDictKeys() =>
        Keys().Where(k => !k.Contains('.') && (k.StartsWith("weight_", StringComparison.Ordinal) || k.StartsWith("bias_", StringComparison.Ordinal)))
            .ToList();

    /// <summary>Asserts the module's state_dict keys are exactly the stored PyTorch ones, in order, then loads them.</summary>
    public void LoadInto(Recur.Nn.Module module)
    {
        var expected = StateDictKeys();
        var own = module.StateDict().Keys.ToList();
        if (!own.SequenceEqual(expected, StringComparer.Ordinal))
            throw new XunitException($"{Config}: state_dict keys differ from PyTorch's. Expected [{string.Join(", ", expected)}] but Recur has [{string.Join(", ", own)}].");
        module.LoadStateDict(expected.ToDictionary(k => k, Tensor));
    }

    /// <summary>Every key (without the configuration prefix) this configuration has in the fixture.</summary>
    public IEnumerable<string> Keys()
    {
        string prefix = Config + ".";
        return Fixture.Names.Where(n => n.StartsWith(prefix, StringComparison.Ordinal)).Select(n => n[prefix.Length..]);
    }

    /// <summary>Fails if the generator stored a tensor for this configuration that the test never read.</summary>
    public void AssertEveryKeyUsed()
    {
        var unused = Keys().Where(k => !_read.Contains(k)).ToList();
        if (unused.Count > 0)
            throw new XunitException($"{Config}: the test did not check fixture key(s) {string.Join(", ", unused)}.");
    }
}
