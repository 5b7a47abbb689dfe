namespace Recur.Autograd;

/// <summary>Records operations and runs reverse-mode differentiation over them.</summary>
internal static class Tape
{
    /// <summary>True when an operation on these inputs should be recorded.</summary>
    public static bool ShouldRecord(Tensor a) => NoGradScope.GradEnabled && a.RequiresGrad;

    /// <inheritdoc cref="ShouldRecord(Tensor)"/>
    public static bool ShouldRecord(Tensor a, Tensor b) => NoGradScope.GradEnabled && (a.RequiresGrad || b.RequiresGrad);

    /// <inheritdoc cref="ShouldRecord(Tensor)"/>
    public static bool ShouldRecord(ReadOnlySpan<Tensor> inputs)
    {
        if (!NoGradScope.GradEnabled) return false;
        foreach (var t in inputs)
            if (t.RequiresGrad) return true;
        return false;
    }

    /// <summary>
    /// Attaches <paramref name="backward"/> to <paramref name="output"/> when any input requires grad
    /// and recording is on; returns <paramref name="output"/>.
    /// </summary>
    public static Tensor Record(Tensor output, string op, Tensor[] inputs, Action<Tensor> backward)
    {
        if (ShouldRecord(inputs))
            output.SetGradFn(new Node(op, inputs, backward));
        return output;
    }

    /// <summary>
    /// Attaches one backward to several <paramref name="outputs"/> of one operation when any input requires grad and
    /// recording is on: <paramref name="backward"/> runs once per pass, with each output's gradient in the order given
    /// (null for an output the pass gave none), after every output the pass reaches has its gradient (see <see cref="JointBackward"/>).
    /// </summary>
    public static void Record(Tensor[] outputs, string op, Tensor[] inputs, Action<Tensor?[]> backward)
    {
        if (!ShouldRecord(inputs)) return;
        var joint = new JointBackward(outputs.Length, backward);
        for (int i = 0; i < outputs.Length; i++) outputs[i].SetGradFn(new JointNode(op, inputs, joint, i));
    }

    public static void Backward(Tensor root, Tensor? gradient, bool retainGraph = false)
    {
        if (!root.RequiresGrad)
            throw new InvalidOperationException(
                $"Backward: the tensor of shape {Tensor.ShapeText(root.ShapeRef)} does not require grad and has no grad function " +
                "(it was computed inside a NoGradScope, or from tensors none of which require grad).");
        if (gradient is null)
        {
            if (root.Size != 1)
                throw new InvalidOperationException(
                    $"Backward without a gradient needs a one-element tensor but got shape {Tensor.ShapeText(root.ShapeRef)}; pass the gradient.");
        }
        else if (!gradient.ShapeRef.AsSpan().SequenceEqual(root.ShapeRef))
        {
            throw new ArgumentException(
                $"Backward: gradient of shape {Tensor.ShapeText(gradient.ShapeRef)} does not match the tensor's shape {Tensor.ShapeText(root.ShapeRef)}.");
        }

        var order = TopologicalOrder(root);
        foreach (var tensor in order)
            if (tensor.GradFn!.Released)
                throw new InvalidOperationException(
                    $"Backward: trying to backward through the graph a second time (through '{tensor.GradFn.Op}'); its intermediate " +
                    "results were released by the first backward. Pass retainGraph: true to the first Backward if you need to backward through the graph a second time.");
        if (!retainGraph)
            foreach (var tensor in order) tensor.GradFn!.Released = true;
        foreach (var tensor in order) (tensor.GradFn as JointNode)?.Joint.Reset();
        foreach (var tensor in order) (tensor.GradFn as JointNode)?.Joint.Expect();
        if (gradient is null) root.GradBuffer()[0] += 1f;
        else root.AccumulateGrad(gradient.Data);

        // Reverse topological order: every consumer of a tensor has added its share before the tensor is processed.
        var consumed = new List<float[]>(order.Count);
        for (int i = order.Count - 1; i >= 0; i--)
        {
            var tensor = order[i];
            var pass = tensor.TakePassGradient();
            if (pass is null)
            {
                (tensor.GradFn as JointNode)?.ReceiveNothing();
                continue;
            }
            var grad = new Tensor(pass, tensor.ShapeRef);
            tensor.GradFn!.Run(grad);
            if (tensor.RetainGrad && tensor.Grad is null)
            {
                tensor.Grad = grad;   // kept: not recycled
                continue;
            }
            if (tensor.RetainGrad) System.Numerics.Tensors.TensorPrimitives.Add(tensor.Grad!.Data, pass, tensor.Grad.Data);
            consumed.Add(pass);
        }
        // Only now: a backward function may keep its gradient until a later node of the same pass reads it.
        GradientPool.Return(consumed);
    }

    /// <summary>The non-leaf tensors reachable from <paramref name="root"/>, inputs before outputs.</summary>
    private static List<Tensor> TopologicalOrder(Tensor root)
    {
        var order = new List<Tensor>();
        if (root.GradFn is null) return order;
        var visited = new HashSet<Tensor>(ReferenceEqualityComparer.Instance);
        // Iterative post-order DFS: long unrolled graphs would overflow a recursive one.
        var stack = new Stack<(Tensor Tensor, int NextInput)>();
        stack.Push((root, 0));
        visited.Add(root);
        while (stack.Count > 0)
        {
            var (tensor, next) = stack.Pop();
            var inputs = tensor.GradFn!.Inputs;
            if (next < inputs.Length)
            {
                stack.Push((tensor, next + 1));
                var input = inputs[next];
                if (input.GradFn is not null && visited.Add(input))
                    stack.Push((input, 0));
            }
            else
            {
                order.Add(tensor);
            }
        }
        return order;
    }
}
