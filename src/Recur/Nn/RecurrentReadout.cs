namespace Recur.Nn;

/// <summary>What a <see cref="RecurrentLayer"/> hands to the next layer from its recurrent module's results.</summary>
public enum RecurrentReadout
{
    /// <summary>
    /// The output at every step, PyTorch's <c>output</c>: <c>[B, T, D·H]</c> batch-first, <c>[T, B, D·H]</c> time-major
    /// (zero at padding steps). Keras' <c>return_sequences=True</c>.
    /// </summary>
    Sequence,

    /// <summary>
    /// The output at each sequence's last real step, <c>[B, D·H]</c>: PyTorch's <c>output[:, -1]</c> for full sequences,
    /// the step at <c>length − 1</c> for post-padded ones and the final step for pre-padded ones. For one direction it
    /// equals <see cref="FinalState"/>; for a bidirectional module its reverse half is the reverse direction's state after
    /// reading only that last step (what <c>output[:, -1]</c> gives in PyTorch).
    /// </summary>
    LastStep,

    /// <summary>
    /// The last layer's final hidden state, <c>[B, D·H]</c>: PyTorch's <c>h_n[-1]</c>, or <c>cat(h_n[-2], h_n[-1])</c>
    /// for a bidirectional module (each direction after reading the whole sequence, as Keras'
    /// <c>Bidirectional(…, return_sequences=False)</c> gives it).
    /// </summary>
    FinalState,
}
