using System.Numerics.Tensors;

namespace Recur.Losses;

// The two layouts of the logits. [N, C]: each position's classes are one contiguous row, so the work runs along the
// row. [N, C, d₁, …]: the classes of a position are S = d₁·…·dₖ apart, while each class of a sample is a contiguous
// plane of S positions, so the work runs along the planes, all S positions of a sample at once.
// Both keep, per position, the maximum logit and log Σⱼ e^{xⱼ − max} for the backward pass, which recomputes
// softmax = e^{(x − max) − logSum} rather than storing it.
public sealed partial class CrossEntropyLoss
{
    private static void ForwardRows(float[] x, int[] t, in Layout layout, float[] rowMax, float[] logSum, float[] losses)
    {
        int classes = layout.Classes;
        var shifted = new float[classes];
        for (int r = 0; r < t.Length; r++)
        {
            if (t[r] == layout.IgnoreIndex) continue;
            var row = x.AsSpan(r * classes, classes);
            float max = TensorPrimitives.Max(row);
            TensorPrimitives.Subtract(row, max, shifted);
            float shiftedWeighted = layout.Smoothing == 0f ? 0f
                : layout.Weight is null ? TensorPrimitives.Sum(shifted) : TensorPrimitives.Dot(layout.Weight, shifted);
            float target = shifted[t[r]];
            TensorPrimitives.Exp(shifted, shifted);
            rowMax[r] = max;
            logSum[r] = MathF.Log(TensorPrimitives.Sum(shifted));
            losses[r] = PositionLoss(layout, t[r], logSum[r], target, layout.WeightSum, shiftedWeighted);
        }
    }

    private static void BackwardRows(float[] x, int[] t, in Layout layout, float[] rowMax, float[] logSum, ElementGradient upstream, float[] dx)
    {
        int classes = layout.Classes;
        var softmax = new float[classes];
        for (int r = 0; r < t.Length; r++)
        {
            if (t[r] == layout.IgnoreIndex) continue;
            GradientFactors(layout, t[r], upstream[r], layout.WeightSum, out float softmaxFactor, out float targetFactor, out float weightFactor);
            var row = x.AsSpan(r * classes, classes);
            TensorPrimitives.Subtract(row, rowMax[r], softmax);
            TensorPrimitives.Subtract(softmax, logSum[r], softmax);
            TensorPrimitives.Exp(softmax, softmax);
            var dxRow = dx.AsSpan(r * classes, classes);
            TensorPrimitives.MultiplyAdd(softmax, softmaxFactor, dxRow, dxRow);
            if (weightFactor != 0f)
            {
                if (layout.Weight is null) TensorPrimitives.Subtract(dxRow, weightFactor, dxRow);
                else TensorPrimitives.MultiplyAdd(layout.Weight, -weightFactor, dxRow, dxRow);
            }
            dxRow[t[r]] -= targetFactor;
        }
    }

    private static void ForwardPlanes(float[] x, int[] t, in Layout layout, float[] rowMax, float[] logSum, float[] losses)
    {
        int classes = layout.Classes, inner = layout.Inner;
        var shifted = new float[inner];
        var expSum = new float[inner];
        var shiftedWeighted = new float[inner];
        for (int n = 0; n < layout.N; n++)
        {
            var planes = x.AsSpan(n * classes * inner, classes * inner);
            var max = rowMax.AsSpan(n * inner, inner);
            planes[..inner].CopyTo(max);
            for (int c = 1; c < classes; c++) TensorPrimitives.Max(max, planes.Slice(c * inner, inner), max);
            expSum.AsSpan().Clear();
            shiftedWeighted.AsSpan().Clear();
            for (int c = 0; c < classes; c++)
            {
                TensorPrimitives.Subtract(planes.Slice(c * inner, inner), max, shifted);
                if (layout.Smoothing != 0f) TensorPrimitives.MultiplyAdd(shifted, layout.ClassWeight(c), shiftedWeighted, shiftedWeighted);
                TensorPrimitives.Exp(shifted, shifted);
                TensorPrimitives.Add(expSum, shifted, expSum);
            }
            var logSums = logSum.AsSpan(n * inner, inner);
            TensorPrimitives.Log(expSum, logSums);
            for (int s = 0; s < inner; s++)
            {
                int r = n * inner + s, target = t[r];
                if (target == layout.IgnoreIndex) continue;
                losses[r] = PositionLoss(layout, target, logSums[s], planes[target * inner + s] - max[s], layout.WeightSum, shiftedWeighted[s]);
            }
        }
    }

    private static void BackwardPlanes(float[] x, int[] t, in Layout layout, float[] rowMax, float[] logSum, ElementGradient upstream, float[] dx)
    {
        int classes = layout.Classes, inner = layout.Inner;
        var softmax = new float[inner];
        var softmaxFactors = new float[inner];
        var targetFactors = new float[inner];
        var weightFactors = new float[inner];
        for (int n = 0; n < layout.N; n++)
        {
            for (int s = 0; s < inner; s++)
            {
                int r = n * inner + s;
                if (t[r] == layout.IgnoreIndex) softmaxFactors[s] = targetFactors[s] = weightFactors[s] = 0f;
                else GradientFactors(layout, t[r], upstream[r], layout.WeightSum, out softmaxFactors[s], out targetFactors[s], out weightFactors[s]);
            }
            var planes = x.AsSpan(n * classes * inner, classes * inner);
            var dxPlanes = dx.AsSpan(n * classes * inner, classes * inner);
            var max = rowMax.AsSpan(n * inner, inner);
            var logSums = logSum.AsSpan(n * inner, inner);
            for (int c = 0; c < classes; c++)
            {
                TensorPrimitives.Subtract(planes.Slice(c * inner, inner), max, softmax);
                TensorPrimitives.Subtract(softmax, logSums, softmax);
                TensorPrimitives.Exp(softmax, softmax);
                var dxPlane = dxPlanes.Slice(c * inner, inner);
                TensorPrimitives.MultiplyAdd(softmax, softmaxFactors, dxPlane, dxPlane);
                if (layout.Smoothing != 0f) TensorPrimitives.MultiplyAdd(weightFactors, -layout.ClassWeight(c), dxPlane, dxPlane);
            }
            for (int s = 0; s < inner; s++)
            {
                int target = t[n * inner + s];
                if (target != layout.IgnoreIndex) dxPlanes[target * inner + s] -= targetFactors[s];
            }
        }
    }
}
