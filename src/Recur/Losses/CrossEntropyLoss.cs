using Recur.Autograd;

namespace Recur.Losses;

/// <summary>
/// Cross-entropy of logits <c>[N, C]</c> against class indices <c>[N]</c>:
/// <c>ℓᵢ = log Σⱼ e^{xᵢⱼ} − xᵢ,tᵢ</c>, computed with the max subtracted so large logits do not overflow.
/// </summary>
public sealed class CrossEntropyLoss(Reduction reduction = Reduction.Mean) : Loss(reduction)
{
    /// <summary>The loss with targets given as a tensor <c>[N]</c> of class indices stored as floats.</summary>
    public override Tensor Forward(Tensor input, Tensor target)
    {
        if (target.Rank != 1)
            throw new ArgumentException($"CrossEntropyLoss: target must be [N] class indices but has shape {Tensor.ShapeText(target.Shape)}.");
        var values = target.Span;
        var ids = new int[values.Length];
        for (int i = 0; i < ids.Length; i++)
        {
            if (values[i] != MathF.Floor(values[i]))
                throw new ArgumentException($"CrossEntropyLoss: target {i} is {values[i]}, not a class index.");
            ids[i] = (int)values[i];
        }
        return Forward(input, ids);
    }

    /// <summary>The loss with targets given as class indices.</summary>
    public Tensor Forward(Tensor input, ReadOnlySpan<int> targets)
    {
        if (input.Rank != 2)
            throw new ArgumentException($"CrossEntropyLoss expects logits [N, C] but got {Tensor.ShapeText(input.Shape)}.");
        int n = input.Dim(0), classes = input.Dim(1);
        if (targets.Length != n)
            throw new ArgumentException($"CrossEntropyLoss: logits {Tensor.ShapeText(input.Shape)} need {n} targets but got {targets.Length}.");
        if (n == 0) throw new ArgumentException("CrossEntropyLoss: the batch is empty.");
        var t = targets.ToArray();
        for (int i = 0; i < n; i++)
            if ((uint)t[i] >= (uint)classes)
                throw new ArgumentOutOfRangeException(nameof(targets), $"CrossEntropyLoss: target {i} is {t[i]}, outside the {classes} classes [0, {classes}).");

        var x = input.Data;
        // Per row: the max and log Σ e^(x−max), kept apart so (x − max) − logSum stays exact for large logits.
        var rowMax = new float[n];
        var logSum = new float[n];
        float scale = Scale(n);
        float sum = 0f;
        for (int i = 0; i < n; i++)
        {
            var row = x.AsSpan(i * classes, classes);
            float max = System.Numerics.Tensors.TensorPrimitives.Max(row);
            float s = 0f;
            foreach (float v in row) s += MathF.Exp(v - max);
            rowMax[i] = max;
            logSum[i] = MathF.Log(s);
            sum += logSum[i] - (row[t[i]] - max);
        }
        var loss = Tensor.Scalar(sum * scale);
        // dℓᵢ/dxᵢⱼ = softmax(xᵢ)ⱼ − [j = tᵢ]
        return Tape.Record(loss, "cross_entropy_loss", [input], g =>
        {
            var dx = input.GradBuffer();
            float k = scale * g.Data[0];
            for (int i = 0; i < n; i++)
            {
                for (int j = 0; j < classes; j++)
                    dx[i * classes + j] += k * MathF.Exp((x[i * classes + j] - rowMax[i]) - logSum[i]);
                dx[i * classes + t[i]] -= k;
            }
        });
    }
}
