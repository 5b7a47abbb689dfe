namespace Recur.Losses;

/// <summary>How per-element losses are combined into the returned tensor (PyTorch's <c>reduction</c>).</summary>
public enum Reduction
{
    /// <summary>The average over elements (PyTorch's default); a weighted loss says what it divides by.</summary>
    Mean,

    /// <summary>The sum over elements.</summary>
    Sum,

    /// <summary>No reduction: the per-element losses as a tensor (PyTorch's <c>'none'</c>).</summary>
    None,
}
