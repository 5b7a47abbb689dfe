namespace Recur.Tasks.Foundations;

/// <summary>The four points of a two-input truth table and the targets of the classic gates.</summary>
public static class LogicGates
{
    /// <summary>(0,0), (0,1), (1,0), (1,1).</summary>
    public static float[][] Inputs => [[0f, 0f], [0f, 1f], [1f, 0f], [1f, 1f]];

    /// <summary>Targets of AND for <see cref="Inputs"/>.</summary>
    public static float[] And => [0f, 0f, 0f, 1f];

    /// <summary>Targets of OR for <see cref="Inputs"/>.</summary>
    public static float[] Or => [0f, 1f, 1f, 1f];

    /// <summary>Targets of XOR for <see cref="Inputs"/>: not linearly separable.</summary>
    public static float[] Xor => [0f, 1f, 1f, 0f];

    /// <summary>The targets of a gate by name (and, or, xor), case-insensitive.</summary>
    public static float[] Targets(string gate) => gate.ToLowerInvariant() switch
    {
        "and" => And,
        "or" => Or,
        "xor" => Xor,
        _ => throw new ArgumentException($"Unknown gate '{gate}': expected and, or or xor."),
    };
}
