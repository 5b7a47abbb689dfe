namespace Recur.Nn.Keras;

/// <summary>How <see cref="Bidirectional"/> combines its forward and backward outputs (Keras' <c>merge_mode</c>).</summary>
public enum MergeMode
{
    /// <summary>Side by side, forward then backward: twice the units (Keras' default).</summary>
    Concat,
    /// <summary>Elementwise sum.</summary>
    Sum,
    /// <summary>Elementwise product.</summary>
    Mul,
    /// <summary>Elementwise mean.</summary>
    Ave,
}
