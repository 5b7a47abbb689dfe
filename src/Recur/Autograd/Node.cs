namespace Recur.Autograd;

/// <summary>
/// One recorded operation on the tape: its inputs and the function that, given the gradient of its
/// output, adds the gradients of its inputs into their buffers.
/// </summary>
internal class Node(string op, Tensor[] inputs, Action<Tensor> backward)
{
    /// <summary>The operation's name, for error messages.</summary>
    public string Op { get; } = op;

    /// <summary>The tensors the operation read.</summary>
    public Tensor[] Inputs { get; } = inputs;

    /// <summary>
    /// True once a backward pass ran through this node without retaining the graph: another pass would add the same
    /// gradients again (and buffers it saved may be reused), so it is refused, as PyTorch refuses it.
    /// </summary>
    public bool Released { get; set; }

    /// <summary>Receives dLoss/dOutput and accumulates dLoss/dInput into each input that requires grad.</summary>
    public Action<Tensor> Backward { get; } = backward;

    /// <summary>Runs the backward with dLoss/dOutput (a <see cref="JointNode"/> hands it to its operation's shared backward instead).</summary>
    public virtual void Run(Tensor gradient) => Backward(gradient);
}
