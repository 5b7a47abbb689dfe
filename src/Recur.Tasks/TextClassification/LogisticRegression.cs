namespace Recur.Tasks.TextClassification;

/// <summary>
/// L2-regularised logistic regression on sparse features, fitted by L-BFGS in double precision: scikit-learn's
/// <c>LogisticRegression(C, solver="lbfgs")</c>. Two classes give the binary model, one weight vector w for class 1,
/// p(1 | x) = σ(w·x + b); more give the multinomial one, a weight vector per class and p(k | x) = softmax(W x + b)ₖ.
/// The objective is C·Σᵢ log-loss + ½‖W‖² (the intercepts are not penalised), strictly convex, so the minimum is
/// unique and the fit does not depend on where L-BFGS starts (at zero).
/// </summary>
public sealed class LogisticRegression
{
    private readonly double[] _weights; // [Rows, Features] row-major
    private readonly double[] _intercepts; // [Rows]

    private LogisticRegression(int classes, int features, double[] weights, double[] intercepts, Lbfgs.Outcome outcome)
    {
        Classes = classes;
        Features = features;
        _weights = weights;
        _intercepts = intercepts;
        Iterations = outcome.Iterations;
        Converged = outcome.Converged;
        GradientMaxNorm = outcome.GradientMaxNorm;
        Objective = outcome.Value;
    }

    /// <summary>Number of classes.</summary>
    public int Classes { get; }

    /// <summary>Number of features (columns) the model was fitted on.</summary>
    public int Features { get; }

    /// <summary>Rows of weights: 1 for two classes (class 1's, as scikit-learn's <c>coef_</c>), one per class otherwise.</summary>
    public int WeightRows => _intercepts.Length;

    /// <summary>L-BFGS iterations taken.</summary>
    public int Iterations { get; }

    /// <summary>Whether the gradient fell below <see cref="LogisticRegressionOptions.Tolerance"/> (false: the iteration cap or rounding stopped it first).</summary>
    public bool Converged { get; }

    /// <summary>The largest gradient component at the solution.</summary>
    public double GradientMaxNorm { get; }

    /// <summary>The objective C·Σ log-loss + ½‖W‖² at the solution, divided by C (scikit-learn's scaling: Σ log-loss + ‖W‖²/(2C)).</summary>
    public double Objective { get; }

    /// <summary>Weight of feature <paramref name="feature"/> in row <paramref name="row"/> (see <see cref="WeightRows"/>).</summary>
    public double Weight(int row, int feature)
    {
        if ((uint)row >= (uint)WeightRows) throw new ArgumentOutOfRangeException(nameof(row), row, $"LogisticRegression: row is outside [0, {WeightRows}).");
        if ((uint)feature >= (uint)Features) throw new ArgumentOutOfRangeException(nameof(feature), feature, $"LogisticRegression: feature is outside [0, {Features}).");
        return _weights[row * Features + feature];
    }

    /// <summary>Intercept of row <paramref name="row"/>.</summary>
    public double Intercept(int row)
    {
        if ((uint)row >= (uint)WeightRows) throw new ArgumentOutOfRangeException(nameof(row), row, $"LogisticRegression: row is outside [0, {WeightRows}).");
        return _intercepts[row];
    }

    /// <summary>Fits the model on <paramref name="features"/> (one row per item) and class ids <paramref name="labels"/>.</summary>
    /// <exception cref="ArgumentException">Labels and rows differ in number, a label is outside [0, classes), or a class never occurs.</exception>
    public static LogisticRegression Fit(SparseMatrix features, IReadOnlyList<int> labels, int classes, LogisticRegressionOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(features);
        options ??= new LogisticRegressionOptions();
        options.Validate();
        var (y, _) = TrainingLabels.Check(labels, classes, features.Rows, "LogisticRegression", everyClass: true);
        int rows = classes == 2 ? 1 : classes, columns = features.Columns;
        // Parameters per row: the row's weights, then its intercept.
        var parameters = new double[rows * (columns + 1)];
        double penalty = 1 / options.C;
        Lbfgs.Objective objective = classes == 2
            ? (p, g) => BinaryLoss(features, y, penalty, p, g)
            : (p, g) => MultinomialLoss(features, y, rows, penalty, p, g);
        var outcome = Lbfgs.Minimize(objective, parameters, options.Tolerance, options.MaxIterations);

        var weights = new double[rows * columns];
        var intercepts = new double[rows];
        for (int k = 0; k < rows; k++)
        {
            parameters.AsSpan(k * (columns + 1), columns).CopyTo(weights.AsSpan(k * columns));
            intercepts[k] = parameters[k * (columns + 1) + columns];
        }
        return new LogisticRegression(classes, columns, weights, intercepts, outcome);
    }

    /// <summary>Class probabilities of each row of <paramref name="features"/>.</summary>
    /// <exception cref="ArgumentException">The matrix has another number of columns than the model was fitted on.</exception>
    public ClassPredictions Predict(SparseMatrix features)
    {
        ArgumentNullException.ThrowIfNull(features);
        features.RequireColumns(Features, "LogisticRegression");
        var probabilities = new double[features.Rows * Classes];
        var logits = new double[WeightRows];
        for (int i = 0; i < features.Rows; i++)
        {
            for (int k = 0; k < WeightRows; k++)
                logits[k] = _intercepts[k] + RowDot(features, i, _weights.AsSpan(k * Features, Features));
            var row = probabilities.AsSpan(i * Classes, Classes);
            if (Classes == 2)
            {
                double p = Sigmoid(logits[0]);
                row[0] = 1 - p; // as scikit-learn's predict_proba: [1 − p, p]
                row[1] = p;
            }
            else Softmax(logits, row);
        }
        return new ClassPredictions(probabilities, Classes);
    }

    // f = Σᵢ [softplus(zᵢ) − yᵢ zᵢ] + ‖w‖² / (2C), z = Xw + b;  ∂f/∂w = Xᵀ(σ(z) − y) + w/C,  ∂f/∂b = Σ (σ(z) − y).
    private static double BinaryLoss(SparseMatrix x, int[] y, double penalty, ReadOnlySpan<double> parameters, Span<double> gradient)
    {
        int columns = x.Columns;
        var w = parameters[..columns];
        double b = parameters[columns];
        gradient.Clear();
        var loss = new CompensatedSum();
        for (int i = 0; i < x.Rows; i++)
        {
            double z = b + RowDot(x, i, w);
            loss.Add(Softplus(z) - (y[i] == 1 ? z : 0));
            double residual = Sigmoid(z) - y[i];
            RowScatter(x, i, residual, gradient);
            gradient[columns] += residual;
        }
        var squares = new CompensatedSum();
        for (int j = 0; j < columns; j++)
        {
            squares.Add(w[j] * w[j]);
            gradient[j] += penalty * w[j];
        }
        return loss.Value + 0.5 * penalty * squares.Value;
    }

    // f = Σᵢ [logsumexp(zᵢ) − zᵢ,yᵢ] + ‖W‖² / (2C), zᵢ = W xᵢ + b;  ∂f/∂Wₖ = Σᵢ (softmax(zᵢ)ₖ − [yᵢ = k]) xᵢ + Wₖ/C.
    private static double MultinomialLoss(SparseMatrix x, int[] y, int classes, double penalty, ReadOnlySpan<double> parameters, Span<double> gradient)
    {
        int columns = x.Columns, stride = columns + 1;
        gradient.Clear();
        Span<double> logits = classes <= 64 ? stackalloc double[classes] : new double[classes];
        Span<double> probabilities = classes <= 64 ? stackalloc double[classes] : new double[classes];
        var loss = new CompensatedSum();
        for (int i = 0; i < x.Rows; i++)
        {
            for (int k = 0; k < classes; k++)
                logits[k] = parameters[k * stride + columns] + RowDot(x, i, parameters.Slice(k * stride, columns));
            double logNormaliser = Softmax(logits, probabilities);
            loss.Add(logNormaliser - logits[y[i]]);
            for (int k = 0; k < classes; k++)
            {
                double residual = probabilities[k] - (y[i] == k ? 1 : 0);
                RowScatter(x, i, residual, gradient.Slice(k * stride, columns));
                gradient[k * stride + columns] += residual;
            }
        }
        var squares = new CompensatedSum();
        for (int k = 0; k < classes; k++)
            for (int j = 0; j < columns; j++)
            {
                double w = parameters[k * stride + j];
                squares.Add(w * w);
                gradient[k * stride + j] += penalty * w;
            }
        return loss.Value + 0.5 * penalty * squares.Value;
    }

    private static double RowDot(SparseMatrix x, int row, ReadOnlySpan<double> weights)
    {
        var columns = x.RowColumns(row);
        var values = x.RowValues(row);
        double sum = 0;
        for (int k = 0; k < columns.Length; k++) sum += values[k] * weights[columns[k]];
        return sum;
    }

    private static void RowScatter(SparseMatrix x, int row, double scale, Span<double> target)
    {
        var columns = x.RowColumns(row);
        var values = x.RowValues(row);
        for (int k = 0; k < columns.Length; k++) target[columns[k]] += scale * values[k];
    }

    // log(1 + eᶻ) without overflow.
    private static double Softplus(double z) => z > 0 ? z + Math.Log(1 + Math.Exp(-z)) : Math.Log(1 + Math.Exp(z));

    private static double Sigmoid(double z)
    {
        if (z >= 0) return 1 / (1 + Math.Exp(-z));
        double e = Math.Exp(z);
        return e / (1 + e);
    }

    /// <summary>Writes softmax(<paramref name="logits"/>) into <paramref name="probabilities"/> and returns logsumexp.</summary>
    private static double Softmax(ReadOnlySpan<double> logits, Span<double> probabilities)
    {
        double max = double.NegativeInfinity;
        foreach (double z in logits) max = Math.Max(max, z);
        double sum = 0;
        for (int k = 0; k < logits.Length; k++) sum += probabilities[k] = Math.Exp(logits[k] - max);
        for (int k = 0; k < logits.Length; k++) probabilities[k] /= sum;
        return max + Math.Log(sum);
    }
}
