namespace Recur.Tasks.TextClassification;

/// <summary>The optimizer a text classifier trains with.</summary>
public enum TextOptimizer
{
    /// <summary>Adam (β = 0.9, 0.999; ε = 1e-8).</summary>
    Adam,
    /// <summary>RMSprop with Keras' defaults (ρ = 0.9, ε = 1e-7), the spam slides' choice.</summary>
    RMSprop,
}
