namespace Recur.Tasks.TextClassification;

/// <summary>Class probabilities from a network's logits: the sigmoid of one logit for two classes, else the softmax.</summary>
public static class ClassProbabilities
{
    /// <summary>
    /// The predictions for logits <c>[N, 1]</c> (two classes: the logit of class 1) or <c>[N, C]</c> (one per class),
    /// computed in double.
    /// </summary>
    /// <exception cref="ArgumentException">The logits' width does not fit <paramref name="classes"/>.</exception>
    public static ClassPredictions Of(Tensor logits, int classes)
    {
        ArgumentNullException.ThrowIfNull(logits);
        int n = logits.Dim(0), width = n == 0 ? 0 : logits.Size / n;
        if (n > 0 && width != (classes == 2 ? 1 : classes))
            throw new ArgumentException($"ClassProbabilities: logits {Tensor.ShapeText(logits.Shape)} do not fit {classes} classes.", nameof(logits));
        var data = logits.Span;
        var probabilities = new double[n * classes];
        for (int i = 0; i < n; i++)
        {
            if (classes == 2)
            {
                // σ(z) and 1 − σ(z) = σ(−z), each computed where it does not lose digits.
                double z = data[i];
                probabilities[2 * i + 1] = 1 / (1 + Math.Exp(-z));
                probabilities[2 * i] = 1 / (1 + Math.Exp(z));
                continue;
            }
            var row = data.Slice(i * width, width);
            double max = double.NegativeInfinity;
            foreach (float v in row) max = Math.Max(max, v);
            var p = probabilities.AsSpan(i * classes, classes);
            double sum = 0;
            for (int c = 0; c < classes; c++) sum += p[c] = Math.Exp(row[c] - max);
            for (int c = 0; c < classes; c++) p[c] /= sum;
        }
        return new ClassPredictions(probabilities, classes);
    }
}
