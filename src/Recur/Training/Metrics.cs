namespace Recur.Training;

/// <summary>
/// Evaluation metrics, summed in double precision. Regression metrics compare predictions with targets element by
/// element; classification metrics take class indices.
/// </summary>
public static class Metrics
{
    /// <summary>Mean squared error, mean((ŷ − y)²).</summary>
    public static double MeanSquaredError(ReadOnlySpan<float> predictions, ReadOnlySpan<float> targets)
    {
        RequireSameLength(predictions, targets, "MeanSquaredError");
        double sum = 0;
        for (int i = 0; i < predictions.Length; i++)
        {
            double d = (double)predictions[i] - targets[i];
            sum += d * d;
        }
        return sum / predictions.Length;
    }

    /// <summary>Root mean squared error, √MSE — in the targets' units (the square root is taken: RMSE is not MSE).</summary>
    public static double RootMeanSquaredError(ReadOnlySpan<float> predictions, ReadOnlySpan<float> targets) =>
        Math.Sqrt(MeanSquaredError(predictions, targets));

    /// <summary>Mean absolute error, mean(|ŷ − y|).</summary>
    public static double MeanAbsoluteError(ReadOnlySpan<float> predictions, ReadOnlySpan<float> targets)
    {
        RequireSameLength(predictions, targets, "MeanAbsoluteError");
        double sum = 0;
        for (int i = 0; i < predictions.Length; i++) sum += Math.Abs((double)predictions[i] - targets[i]);
        return sum / predictions.Length;
    }

    /// <summary>Mean absolute percentage error in percent, 100 · mean(|ŷ − y| / |y|). A zero target is an error.</summary>
    public static double MeanAbsolutePercentageError(ReadOnlySpan<float> predictions, ReadOnlySpan<float> targets)
    {
        RequireSameLength(predictions, targets, "MeanAbsolutePercentageError");
        double sum = 0;
        for (int i = 0; i < predictions.Length; i++)
        {
            if (targets[i] == 0f)
                throw new ArgumentException($"MeanAbsolutePercentageError: target {i} is 0, where the percentage error is undefined.");
            sum += Math.Abs(((double)predictions[i] - targets[i]) / targets[i]);
        }
        return 100.0 * sum / predictions.Length;
    }

    /// <summary>Mean squared error in double precision, for values such as prices in their own units.</summary>
    public static double MeanSquaredError(ReadOnlySpan<double> predictions, ReadOnlySpan<double> targets)
    {
        RequireSameLength(predictions.Length, targets.Length, "MeanSquaredError");
        double sum = 0;
        for (int i = 0; i < predictions.Length; i++)
        {
            double d = predictions[i] - targets[i];
            sum += d * d;
        }
        return sum / predictions.Length;
    }

    /// <summary>Root mean squared error, √MSE, in double precision.</summary>
    public static double RootMeanSquaredError(ReadOnlySpan<double> predictions, ReadOnlySpan<double> targets) =>
        Math.Sqrt(MeanSquaredError(predictions, targets));

    /// <summary>Mean absolute error in double precision.</summary>
    public static double MeanAbsoluteError(ReadOnlySpan<double> predictions, ReadOnlySpan<double> targets)
    {
        RequireSameLength(predictions.Length, targets.Length, "MeanAbsoluteError");
        double sum = 0;
        for (int i = 0; i < predictions.Length; i++) sum += Math.Abs(predictions[i] - targets[i]);
        return sum / predictions.Length;
    }

    /// <summary>Mean absolute percentage error in percent, in double precision. A zero target is an error.</summary>
    public static double MeanAbsolutePercentageError(ReadOnlySpan<double> predictions, ReadOnlySpan<double> targets)
    {
        RequireSameLength(predictions.Length, targets.Length, "MeanAbsolutePercentageError");
        double sum = 0;
        for (int i = 0; i < predictions.Length; i++)
        {
            if (targets[i] == 0)
                throw new ArgumentException($"MeanAbsolutePercentageError: target {i} is 0, where the percentage error is undefined.");
            sum += Math.Abs((predictions[i] - targets[i]) / targets[i]);
        }
        return 100.0 * sum / predictions.Length;
    }

    /// <summary>Fraction of predictions equal to the target class.</summary>
    public static double Accuracy(ReadOnlySpan<int> predicted, ReadOnlySpan<int> actual)
    {
        RequireSameLength(predicted, actual, "Accuracy");
        int correct = 0;
        for (int i = 0; i < predicted.Length; i++) if (predicted[i] == actual[i]) correct++;
        return (double)correct / predicted.Length;
    }

    /// <summary>Perplexity e^(mean negative log-likelihood in nats), e.g. of a language model's cross-entropy.</summary>
    public static double Perplexity(double meanCrossEntropyNats) => Math.Exp(meanCrossEntropyNats);

    /// <summary>Class indices from probabilities of the positive class: 1 where p ≥ <paramref name="threshold"/>.</summary>
    public static int[] Threshold(ReadOnlySpan<float> probabilities, float threshold = 0.5f)
    {
        var classes = new int[probabilities.Length];
        for (int i = 0; i < classes.Length; i++) classes[i] = probabilities[i] >= threshold ? 1 : 0;
        return classes;
    }

    private static void RequireSameLength<T>(ReadOnlySpan<T> a, ReadOnlySpan<T> b, string metric) =>
        RequireSameLength(a.Length, b.Length, metric);

    private static void RequireSameLength(int predictions, int targets, string metric)
    {
        if (predictions != targets)
            throw new ArgumentException($"{metric}: {predictions} predictions but {targets} targets.");
        if (predictions == 0)
            throw new ArgumentException($"{metric}: no predictions to score.");
    }
}
