using Recur.Autograd;

namespace Recur.Losses;

/// <summary>
/// A linear layer and the cross-entropy of its logits, fused: <c>CrossEntropyLoss(x · Wᵀ + b, targets)</c> with PyTorch's
/// mean (or sum) over the positions not ignored, bit for bit what <see cref="CrossEntropyLoss"/> gives on
/// <see cref="Tensor.Linear"/>'s output, for a language model's output layer over a whole vocabulary. The logits
/// <c>[N, C]</c> never become a tensor: they live in a buffer this loss keeps, which backward overwrites with their
/// gradient <c>softmax − onehot</c> before the layer's two GEMMs read it. So a training step allocates, clears and
/// reads back no <c>[N, C]</c> array (16 MB for Penn Treebank's T·B = 400 positions over 10,001 words).
/// </summary>
/// <remarks>
/// One instance serves one model, one call at a time: a call's buffer is taken back when its backward pass has run, or at
/// once when nothing is recorded (evaluation), and the next call of the same size reuses it. A call whose graph is dropped
/// without a backward pass simply leaves the next call a new buffer. A second backward through the same call is refused,
/// since its buffer may already hold another call's logits.
/// </remarks>
public sealed class LinearCrossEntropyLoss
{
    private Workspace? _spare;

    /// <summary>The loss with PyTorch's reduction (<see cref="Reduction.Mean"/> or <see cref="Reduction.Sum"/>) and ignore index.</summary>
    public LinearCrossEntropyLoss(Reduction reduction = Reduction.Mean, int ignoreIndex = -100)
    {
        if (reduction is not (Reduction.Mean or Reduction.Sum))
            throw new ArgumentOutOfRangeException(nameof(reduction), reduction, "LinearCrossEntropyLoss reduces to one value: Mean or Sum.");
        Reduction = reduction;
        IgnoreIndex = ignoreIndex;
    }

    /// <summary>How the positions' losses are combined.</summary>
    public Reduction Reduction { get; }

    /// <summary>The target value whose positions are left out.</summary>
    public int IgnoreIndex { get; }

    /// <summary>The loss of <c>x · Wᵀ + b</c> with targets given as class indices stored as floats, one per row of x.</summary>
    public Tensor Forward(Tensor input, Tensor weight, Tensor? bias, Tensor target)
    {
        ArgumentNullException.ThrowIfNull(target);
        var values = target.Span;
        var ids = new int[values.Length];
        for (int i = 0; i < ids.Length; i++) ids[i] = ClassIndex.Read(values[i], i, nameof(LinearCrossEntropyLoss), "target");
        return Forward(input, weight, bias, ids);
    }

    /// <summary>
    /// The loss of <c>x · Wᵀ + b</c> (x <c>[…, in]</c>, weight <c>[C, in]</c>, bias <c>[C]</c> or null) against
    /// <paramref name="targets"/>, one class index per row of x in row-major order.
    /// </summary>
    public Tensor Forward(Tensor input, Tensor weight, Tensor? bias, ReadOnlySpan<int> targets)
    {
        ArgumentNullException.ThrowIfNull(input);
        ArgumentNullException.ThrowIfNull(weight);
        int rows = Tensor.LinearRows(input, weight, bias, nameof(LinearCrossEntropyLoss));
        int classes = weight.Dim(0);
        if (targets.Length != rows)
            throw new ArgumentException($"LinearCrossEntropyLoss: input {Tensor.ShapeText(input.ShapeRef)} has {rows} rows but {targets.Length} targets were given.");
        if (rows == 0) throw new ArgumentException($"LinearCrossEntropyLoss: the batch is empty (input {Tensor.ShapeText(input.ShapeRef)}).");
        if (classes == 0) throw new ArgumentException($"LinearCrossEntropyLoss: weight {Tensor.ShapeText(weight.ShapeRef)} has no classes.");
        int counted = 0;
        for (int i = 0; i < rows; i++)
        {
            if (targets[i] == IgnoreIndex) continue;
            if ((uint)targets[i] >= (uint)classes)
                throw new ArgumentOutOfRangeException(nameof(targets),
                    $"LinearCrossEntropyLoss: target {i} is {targets[i]}, outside the {classes} classes [0, {classes}) and not the ignore index {IgnoreIndex}.");
            counted++;
        }

        var ws = Take(rows, classes);
        targets.CopyTo(ws.Targets);
        Tensor.LinearForward(input, weight, bias, rows, ws.Logits);
        var logits = new CrossEntropyRows.Rows(ws.Logits, ws.Targets, classes, default, IgnoreIndex);
        CrossEntropyRows.Forward(logits, ws.RowMax, ws.LogSum, ws.Losses);
        double sum = 0;
        for (int r = 0; r < rows; r++)
            if (ws.Targets[r] != IgnoreIndex) sum += ws.Losses[r];
        // 1/0 = ∞ makes an all-ignored mean NaN, as in PyTorch.
        float scale = Reduction == Reduction.Mean ? (float)(1.0 / counted) : 1f;
        var result = Tensor.Scalar((float)(sum * scale));

        Tensor[] inputs = bias is null ? [input, weight] : [input, weight, bias];
        if (!Tape.ShouldRecord(inputs))
        {
            _spare = ws;
            return result;
        }
        bool done = false;
        return Tape.Record(result, "linear_cross_entropy", inputs, g =>
        {
            if (done)
                throw new InvalidOperationException("LinearCrossEntropyLoss: a second backward through the same call is refused; its logits buffer has been reused.");
            done = true;
            var rowsAgain = new CrossEntropyRows.Rows(ws.Logits, ws.Targets, classes, default, IgnoreIndex);
            // The logits become their own gradient, in place, then feed the linear layer's backward.
            CrossEntropyRows.Backward(rowsAgain, ws.RowMax, ws.LogSum, default, g.Span[0] * scale, ws.Logits, accumulate: false);
            Tensor.LinearBackward(ws.Logits, input, weight, bias, rows);
            _spare = ws;
        });
    }

    private Workspace Take(int rows, int classes)
    {
        var spare = _spare;
        _spare = null;
        return spare is not null && spare.Rows == rows && spare.Classes == classes ? spare : new Workspace(rows, classes);
    }

    /// <summary>One call's buffers: the logits (then their gradient) and each row's target, maximum, log-sum and loss.</summary>
    private sealed class Workspace(int rows, int classes)
    {
        public int Rows { get; } = rows;
        public int Classes { get; } = classes;
        public float[] Logits { get; } = Storage.Uninitialized(checked(rows * classes));
        public int[] Targets { get; } = new int[rows];
        public float[] RowMax { get; } = new float[rows];
        public float[] LogSum { get; } = new float[rows];
        public float[] Losses { get; } = new float[rows];
    }
}
