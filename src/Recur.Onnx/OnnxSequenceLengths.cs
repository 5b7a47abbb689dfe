using Recur.Nn;

namespace Recur.Onnx;

/// <summary>
/// Where an exported model gets the real lengths of padded sequences, which its recurrent layers then honour as Recur's
/// do when given <see cref="SequenceLengths"/>: outputs at padding steps are zero, a sequence's final state is its state
/// at its last real step, and pre-padded sequences (Keras' <c>pad_sequences</c> default) are read from their first real
/// step. Layers that take no lengths in Recur (convolutions, pooling) ignore them in the export too.
/// </summary>
public sealed record OnnxSequenceLengths
{
    private OnnxSequenceLengths(SequenceSide side, int? paddingId)
    {
        Side = side;
        PaddingId = paddingId;
    }

    /// <summary>The side the padding is on.</summary>
    public SequenceSide Side { get; }

    /// <summary>
    /// The id that marks padding in the model's id input, when the lengths are counted in the graph; null when they are a
    /// second graph input.
    /// </summary>
    public int? PaddingId { get; }

    /// <summary>
    /// The graph counts each row's ids that are not <paramref name="paddingId"/> (Keras' <c>mask_zero</c>, what
    /// <see cref="SequenceLengths.FromIds"/> does); the model's first layer must be an <see cref="Embedding"/>.
    /// </summary>
    public static OnnxSequenceLengths FromPaddingId(int paddingId, SequenceSide side) => new(side, paddingId);

    /// <summary>The graph takes a second input, <c>lengths</c> (int64 <c>[batch]</c>), padded on <paramref name="side"/>.</summary>
    public static OnnxSequenceLengths AsInput(SequenceSide side) => new(side, null);
}
