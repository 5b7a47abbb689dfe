namespace Recur.Nn;

/// <summary>
/// Which end of a sequence padding is added to, or truncation removes from (Keras' <c>'pre'</c> / <c>'post'</c>).
/// <see cref="SequenceLengths"/> carries it, so the recurrent layers know where each padded sequence's real steps are.
/// </summary>
public enum SequenceSide
{
    /// <summary>The start of the sequence (Keras' <c>'pre'</c>, its default for both padding and truncating).</summary>
    Pre,

    /// <summary>The end of the sequence (Keras' <c>'post'</c>; PyTorch's packed sequences).</summary>
    Post,
}
