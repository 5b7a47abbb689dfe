namespace Recur.Nn;

/// <summary>A layer that can be told the real lengths of padded sequences in its input, and their padding side (Keras' masking).</summary>
public interface ISequenceLayer
{
    /// <summary>
    /// The output for <paramref name="input"/> whose sequences have the given real <paramref name="lengths"/> (null: all
    /// full), padded on the side the lengths carry.
    /// </summary>
    Tensor Forward(Tensor input, SequenceLengths? lengths);
}
