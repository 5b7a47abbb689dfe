namespace Recur.Tasks.TextClassification;

/// <summary>
/// Multinomial naive Bayes on non-negative features (counts, presences or tf-idf), scikit-learn's
/// <c>MultinomialNB(alpha, fit_prior=True)</c>: log p(k) is class k's share of the training items and
/// log p(j | k) = log((N_kj + α) / (N_k + α·F)), N_kj the sum of feature j over class k's items, N_k = Σⱼ N_kj.
/// An item's class probabilities are the softmax of log p(k) + Σⱼ xⱼ log p(j | k).
/// </summary>
public sealed class MultinomialNaiveBayes
{
    private readonly double[] _classLogPrior; // [Classes]
    private readonly double[] _featureLogProbability; // [Classes, Features]

    private MultinomialNaiveBayes(double alpha, int features, double[] classLogPrior, double[] featureLogProbability)
    {
        Alpha = alpha;
        Features = features;
        _classLogPrior = classLogPrior;
        _featureLogProbability = featureLogProbability;
    }

    /// <summary>The additive (Laplace / Lidstone) smoothing α.</summary>
    public double Alpha { get; }

    /// <summary>Number of classes.</summary>
    public int Classes => _classLogPrior.Length;

    /// <summary>Number of features the model was fitted on.</summary>
    public int Features { get; }

    /// <summary>log p(<paramref name="cls"/>), the class's log share of the training items (scikit-learn's <c>class_log_prior_</c>).</summary>
    public double ClassLogPrior(int cls)
    {
        if ((uint)cls >= (uint)Classes) throw new ArgumentOutOfRangeException(nameof(cls), cls, $"MultinomialNaiveBayes: class is outside [0, {Classes}).");
        return _classLogPrior[cls];
    }

    /// <summary>log p(<paramref name="feature"/> | <paramref name="cls"/>) (scikit-learn's <c>feature_log_prob_</c>).</summary>
    public double FeatureLogProbability(int cls, int feature)
    {
        if ((uint)cls >= (uint)Classes) throw new ArgumentOutOfRangeException(nameof(cls), cls, $"MultinomialNaiveBayes: class is outside [0, {Classes}).");
        if ((uint)feature >= (uint)Features) throw new ArgumentOutOfRangeException(nameof(feature), feature, $"MultinomialNaiveBayes: feature is outside [0, {Features}).");
        return _featureLogProbability[cls * Features + feature];
    }

    /// <summary>Fits the model on non-negative <paramref name="features"/> and class ids <paramref name="labels"/>.</summary>
    /// <exception cref="ArgumentException">Labels and rows differ in number, a label is out of range, a class never occurs,
    /// α is not positive, or a feature value is negative.</exception>
    public static MultinomialNaiveBayes Fit(SparseMatrix features, IReadOnlyList<int> labels, int classes, double alpha = 1.0)
    {
        ArgumentNullException.ThrowIfNull(features);
        if (!(alpha > 0 && double.IsFinite(alpha)))
            throw new ArgumentOutOfRangeException(nameof(alpha), alpha, "MultinomialNaiveBayes: alpha must be positive and finite.");
        var (y, counts) = TrainingLabels.Check(labels, classes, features.Rows, "MultinomialNaiveBayes", everyClass: true);
        int columns = features.Columns;

        var featureSums = new double[classes * columns];
        for (int i = 0; i < features.Rows; i++)
        {
            var rowColumns = features.RowColumns(i);
            var values = features.RowValues(i);
            var sums = featureSums.AsSpan(y[i] * columns, columns);
            for (int k = 0; k < rowColumns.Length; k++)
            {
                if (values[k] < 0)
                    throw new ArgumentException(
                        $"MultinomialNaiveBayes: row {i}, column {rowColumns[k]} is {values[k]}; features must be non-negative.", nameof(features));
                sums[rowColumns[k]] += values[k];
            }
        }

        var classLogPrior = new double[classes];
        var featureLogProbability = new double[classes * columns];
        for (int c = 0; c < classes; c++)
        {
            classLogPrior[c] = Math.Log(counts[c]) - Math.Log(features.Rows);
            var sums = featureSums.AsSpan(c * columns, columns);
            double total = 0;
            foreach (double s in sums) total += s + alpha;
            double logTotal = Math.Log(total);
            for (int j = 0; j < columns; j++) featureLogProbability[c * columns + j] = Math.Log(sums[j] + alpha) - logTotal;
        }
        return new MultinomialNaiveBayes(alpha, columns, classLogPrior, featureLogProbability);
    }

    /// <summary>Class probabilities of each row of <paramref name="features"/>.</summary>
    /// <exception cref="ArgumentException">The matrix has another number of columns than the model was fitted on.</exception>
    public ClassPredictions Predict(SparseMatrix features)
    {
        ArgumentNullException.ThrowIfNull(features);
        features.RequireColumns(Features, "MultinomialNaiveBayes");
        var probabilities = new double[features.Rows * Classes];
        var joint = new double[Classes];
        for (int i = 0; i < features.Rows; i++)
        {
            var rowColumns = features.RowColumns(i);
            var values = features.RowValues(i);
            for (int c = 0; c < Classes; c++)
            {
                var logProbability = _featureLogProbability.AsSpan(c * Features, Features);
                double sum = _classLogPrior[c];
                for (int k = 0; k < rowColumns.Length; k++) sum += values[k] * logProbability[rowColumns[k]];
                joint[c] = sum;
            }
            // p(k | x) = exp(jll_k − logsumexp(jll)).
            double max = joint.Max(), normaliser = 0;
            foreach (double v in joint) normaliser += Math.Exp(v - max);
            double logNormaliser = max + Math.Log(normaliser);
            for (int c = 0; c < Classes; c++) probabilities[i * Classes + c] = Math.Exp(joint[c] - logNormaliser);
        }
        return new ClassPredictions(probabilities, Classes);
    }
}
