using System.Numerics;

namespace Recur.Training;

/// <summary>
/// Evaluation metrics, summed in double precision. Regression metrics compare predictions with targets element by
/// element; classification metrics take class indices.
/// </summary>
public static class Metrics
{
    /// <summary>Mean squared error, mean((ŷ − y)²).</summary>
    public static double MeanSquaredError(ReadOnlySpan<float> predictions, ReadOnlySpan<float> targets) =>
        SquaredErrorMean(predictions, targets);

    /// <summary>Root mean squared error, √MSE — in the targets' units (the square root is taken: RMSE is not MSE).</summary>
    public static double RootMeanSquaredError(ReadOnlySpan<float> predictions, ReadOnlySpan<float> targets) =>
        Math.Sqrt(SquaredErrorMean(predictions, targets));

    /// <summary>Mean absolute error, mean(|ŷ − y|).</summary>
    public static double MeanAbsoluteError(ReadOnlySpan<float> predictions, ReadOnlySpan<float> targets) =>
        AbsoluteErrorMean(predictions, targets);

    /// <summary>Mean absolute percentage error in percent, 100 · mean(|ŷ − y| / |y|). A zero target is an error.</summary>
    public static double MeanAbsolutePercentageError(ReadOnlySpan<float> predictions, ReadOnlySpan<float> targets) =>
        AbsolutePercentageErrorMean(predictions, targets);

    /// <summary>Mean squared error in double precision, for values such as prices in their own units.</summary>
    public static double MeanSquaredError(ReadOnlySpan<double> predictions, ReadOnlySpan<double> targets) =>
        SquaredErrorMean(predictions, targets);

    /// <summary>Root mean squared error, √MSE, in double precision.</summary>
    public static double RootMeanSquaredError(ReadOnlySpan<double> predictions, ReadOnlySpan<double> targets) =>
        Math.Sqrt(SquaredErrorMean(predictions, targets));

    /// <summary>Mean absolute error in double precision.</summary>
    public static double MeanAbsoluteError(ReadOnlySpan<double> predictions, ReadOnlySpan<double> targets) =>
        AbsoluteErrorMean(predictions, targets);

    /// <summary>Mean absolute percentage error in percent, in double precision. A zero target is an error.</summary>
    public static double MeanAbsolutePercentageError(ReadOnlySpan<double> predictions, ReadOnlySpan<double> targets) =>
        AbsolutePercentageErrorMean(predictions, targets);

    // The regression metrics once for float and double inputs: each element is widened to double (exactly), then
    // summed in double. The JIT compiles one copy per element type, so the float overloads pay nothing for sharing.

    private static double SquaredErrorMean<T>(ReadOnlySpan<T> predictions, ReadOnlySpan<T> targets) where T : struct, IFloatingPoint<T>
    {
        RequireSameLength(predictions, targets, "MeanSquaredError");
        double sum = 0;
        for (int i = 0; i < predictions.Length; i++)
        {
            double d = double.CreateTruncating(predictions[i]) - double.CreateTruncating(targets[i]);
            sum += d * d;
        }
        return sum / predictions.Length;
    }

    private static double AbsoluteErrorMean<T>(ReadOnlySpan<T> predictions, ReadOnlySpan<T> targets) where T : struct, IFloatingPoint<T>
    {
        RequireSameLength(predictions, targets, "MeanAbsoluteError");
        double sum = 0;
        for (int i = 0; i < predictions.Length; i++)
            sum += Math.Abs(double.CreateTruncating(predictions[i]) - double.CreateTruncating(targets[i]));
        return sum / predictions.Length;
    }

    private static double AbsolutePercentageErrorMean<T>(ReadOnlySpan<T> predictions, ReadOnlySpan<T> targets) where T : struct, IFloatingPoint<T>
    {
        RequireSameLength(predictions, targets, "MeanAbsolutePercentageError");
        double sum = 0;
        for (int i = 0; i < predictions.Length; i++)
        {
            double target = double.CreateTruncating(targets[i]);
            if (target == 0)
                throw new ArgumentException($"MeanAbsolutePercentageError: target {i} is 0, where the percentage error is undefined.");
            sum += Math.Abs((double.CreateTruncating(predictions[i]) - target) / target);
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

    private static void RequireSameLength<T>(ReadOnlySpan<T> predictions, ReadOnlySpan<T> targets, string metric)
    {
        if (predictions.Length != targets.Length)
            throw new ArgumentException($"{metric}: {predictions.Length} predictions but {targets.Length} targets.");
        if (predictions.IsEmpty)
            throw new ArgumentException($"{metric}: no predictions to score.");
    }
}
