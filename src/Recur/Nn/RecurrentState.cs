namespace Recur.Nn;

/// <summary>
/// The state a recurrent network ends one chunk of a long sequence with and starts the next from (truncated
/// backpropagation through time): the hidden state <c>h [L·D, B, H]</c> and, for an LSTM, the cell state <c>c</c>.
/// </summary>
/// <param name="H">The hidden state <c>[L·D, B, H]</c>.</param>
/// <param name="C">The LSTM's cell state, same shape, or null.</param>
public sealed record RecurrentState(Tensor H, Tensor? C)
{
    /// <summary>The final states of a recurrent layer's call.</summary>
    public static RecurrentState Of(RecurrentOutput output)
    {
        ArgumentNullException.ThrowIfNull(output);
        return new RecurrentState(output.HN, output.CN);
    }

    /// <summary>The same values cut off the tape (PyTorch's <c>repackage_hidden</c>): the next chunk's gradients stop here.</summary>
    public RecurrentState Detach() => new(H.Detach(), C?.Detach());
}
