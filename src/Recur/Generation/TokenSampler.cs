namespace Recur.Generation;

/// <summary>
/// Picks tokens from logits as <see cref="SamplingOptions"/> say: greedy (the first largest logit), or a draw from
/// <c>softmax(logits / T)</c> restricted to the top k and then to the top p of the probability. Draws come from the given
/// <see cref="Generator"/>, so the same seed and logits give the same tokens. A logit of −∞ marks a token never to pick.
/// </summary>
public sealed class TokenSampler
{
    private readonly Generator _generator;
    private double[] _weights = [];
    private int[] _order = [];

    /// <summary>Creates a sampler drawing from <paramref name="generator"/>.</summary>
    /// <exception cref="ArgumentOutOfRangeException">A setting of <paramref name="options"/> is out of range.</exception>
    public TokenSampler(SamplingOptions options, Generator generator)
    {
        Options = options ?? throw new ArgumentNullException(nameof(options));
        Options.Validate();
        _generator = generator ?? throw new ArgumentNullException(nameof(generator));
    }

    /// <summary>How tokens are picked.</summary>
    public SamplingOptions Options { get; }

    /// <summary>The index of the next token for <paramref name="logits"/> (one per token of the vocabulary).</summary>
    /// <exception cref="ArgumentException">The logits are empty, hold a NaN, or are all −∞.</exception>
    public int Next(ReadOnlySpan<float> logits)
    {
        int count = logits.Length;
        if (count == 0) throw new ArgumentException("TokenSampler: no logits.", nameof(logits));
        int best = -1;
        for (int j = 0; j < count; j++)
        {
            if (float.IsNaN(logits[j])) throw new ArgumentException($"TokenSampler: logit {j} is NaN.", nameof(logits));
            if (logits[j] > float.NegativeInfinity && (best < 0 || logits[j] > logits[best])) best = j;
        }
        if (best < 0) throw new ArgumentException("TokenSampler: every logit is −∞; no token can be picked.", nameof(logits));
        if (Options.Greedy) return best;

        // wⱼ = e^{(xⱼ − max) / T}: unnormalised probabilities, in double.
        if (_weights.Length != count)
        {
            _weights = new double[count];
            _order = new int[count];
        }
        var weights = _weights;
        double max = logits[best], temperature = Options.Temperature;
        for (int j = 0; j < count; j++) weights[j] = Math.Exp((logits[j] - max) / temperature);

        int kept = count;
        var order = _order;
        for (int j = 0; j < count; j++) order[j] = j;
        if (Options.TopK is not null || Options.TopP is not null)
        {
            // Most likely first; equal weights by index, so the order (and the draw) never depends on the sort's whims.
            Array.Sort(order, (a, b) => weights[a] != weights[b] ? weights[b].CompareTo(weights[a]) : a.CompareTo(b));
            if (Options.TopK is int k) kept = Math.Min(kept, k);
            if (Options.TopP is float p)
            {
                double total = 0;
                for (int i = 0; i < kept; i++) total += weights[order[i]];
                double running = 0;
                for (int i = 0; i < kept; i++)
                {
                    running += weights[order[i]];
                    if (running >= p * total) { kept = i + 1; break; }
                }
            }
        }

        double sum = 0;
        for (int i = 0; i < kept; i++) sum += weights[order[i]];
        double u = _generator.NextDouble() * sum, cumulative = 0;
        int last = order[0];
        for (int i = 0; i < kept; i++)
        {
            int j = order[i];
            if (weights[j] == 0) continue;
            last = j;
            cumulative += weights[j];
            if (u < cumulative) return j;
        }
        return last;
    }
}
