namespace Recur.Autograd;

/// <summary>
/// The backward of an operation with several outputs (a recurrent stack's output, h_n and c_n). Each output tensor has a
/// <see cref="Node"/> of its own, whose backward hands its gradient in here; the operation's backward runs once, when every
/// output the backward pass reaches has handed its gradient in, with null for an output that got none. All the outputs'
/// nodes read the operation's inputs, so a pass reaches every output before any input: the inputs' gradients are complete
/// before they are propagated further, whichever outputs the loss used and however often.
/// </summary>
internal sealed class JointBackward(int outputs, Action<Tensor?[]> backward)
{
    private readonly Tensor?[] _gradients = new Tensor?[outputs];
    private int _pending;

    /// <summary>Forgets an earlier pass (the tape calls it for every output in the pass's graph before <see cref="Expect"/>).</summary>
    public void Reset()
    {
        _pending = 0;
        Array.Clear(_gradients);
    }

    /// <summary>Counts one output the pass will reach.</summary>
    public void Expect() => _pending++;

    /// <summary>
    /// Output <paramref name="index"/>'s gradient for this pass (null: none); the last one expected runs the operation's
    /// backward, unless no output got a gradient.
    /// </summary>
    public void Receive(int index, Tensor? gradient)
    {
        _gradients[index] = gradient;
        if (--_pending > 0) return;
        if (Array.Exists(_gradients, g => g is not null)) backward(_gradients);
        Array.Clear(_gradients);
    }
}
