namespace Recur.Autograd;

/// <summary>
/// The node of one output of an operation with several (see <see cref="JointBackward"/>): it reads the operation's inputs
/// and hands its gradient to the shared backward rather than running one of its own.
/// </summary>
internal sealed class JointNode(string op, Tensor[] inputs, JointBackward joint, int index) : Node(op, inputs, s_handedOn)
{
    // A joint node never calls its own closure: Run is overridden.
    private static readonly Action<Tensor> s_handedOn = _ => throw new InvalidOperationException("A joint node's gradient goes to its JointBackward.");

    /// <summary>The backward this output shares with the operation's other outputs.</summary>
    public JointBackward Joint { get; } = joint;

    /// <summary>Hands this output's gradient to the shared backward.</summary>
    public override void Run(Tensor gradient) => Joint.Receive(index, gradient);

    /// <summary>Tells the shared backward that this output got no gradient in this pass.</summary>
    public void ReceiveNothing() => Joint.Receive(index, null);
}
