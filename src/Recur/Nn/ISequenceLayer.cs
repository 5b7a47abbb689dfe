namespace Recur.Nn;

/// <summary>A layer that can be told the real lengths of padded sequences in its input (Keras' masking).</summary>
public interface ISequenceLayer
{
    /// <summary>The output for <paramref name="input"/> whose sequences have the given real <paramref name="lengths"/> (null: all full).</summary>
    Tensor Forward(Tensor input, int[]? lengths);
}
