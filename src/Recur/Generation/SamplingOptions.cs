namespace Recur.Generation;

/// <summary>
/// How <see cref="TokenSampler"/> picks the next token from a model's logits: the most likely one (<see cref="Greedy"/>),
/// or a draw from the softmax of logits / <see cref="Temperature"/>, restricted to the <see cref="TopK"/> most likely
/// tokens and then to the smallest most-likely set whose probability reaches <see cref="TopP"/> (nucleus sampling).
/// </summary>
public sealed record SamplingOptions
{
    /// <summary>Always take the most likely token (temperature, top-k and top-p do not apply).</summary>
    public bool Greedy { get; init; }

    /// <summary>Divides the logits: below 1 sharper, above 1 flatter; must be positive.</summary>
    public float Temperature { get; init; } = 1f;

    /// <summary>Draw only among the k most likely tokens; null for all.</summary>
    public int? TopK { get; init; }

    /// <summary>Draw only among the most likely tokens whose probabilities add up to at least p, in (0, 1]; null for all.</summary>
    public float? TopP { get; init; }

    /// <summary>Throws unless the settings can be used.</summary>
    /// <exception cref="ArgumentOutOfRangeException">A setting is out of range.</exception>
    public void Validate()
    {
        if (!(Temperature > 0f) || float.IsInfinity(Temperature))
            throw new ArgumentOutOfRangeException(nameof(Temperature), Temperature, "SamplingOptions: Temperature must be positive and finite.");
        if (TopK is int k && k < 1)
            throw new ArgumentOutOfRangeException(nameof(TopK), k, "SamplingOptions: TopK must be at least 1.");
        if (TopP is float p && !(p > 0f && p <= 1f))
            throw new ArgumentOutOfRangeException(nameof(TopP), p, "SamplingOptions: TopP must be in (0, 1].");
    }
}
