namespace Recur.Tasks.RiseClassification;

/// <summary>
/// Logistic regression on dense features, the up/down exercise's linear baseline: <c>P(y = 1 | x) = σ(b + w·x)</c> with
/// the weights minimising scikit-learn's objective <c>C · Σ sᵢ · logloss(yᵢ, σ(b + w·xᵢ)) + ½‖w‖²</c> (the intercept b is
/// not penalised; sᵢ are sample weights), fitted by Newton's method in double precision — the same fit as
/// <c>LogisticRegression(C, class_weight=…)</c> to its tolerance. (Named apart from the text-classification recipe's
/// bag-of-words model.)
/// </summary>
public sealed class FeatureLogisticRegression
{
    private readonly double[] _beta;   // [b, w_1 … w_F]

    private FeatureLogisticRegression(double[] beta, int iterations)
    {
        _beta = beta;
        Iterations = iterations;
    }

    /// <summary>The intercept b.</summary>
    public double Intercept => _beta[0];

    /// <summary>The weights w, one per feature.</summary>
    public IReadOnlyList<double> Weights => _beta[1..];

    /// <summary>Newton steps the fit took.</summary>
    public int Iterations { get; }

    /// <summary>
    /// Fits rows <paramref name="x"/> [n, F] to labels <paramref name="y"/> (0 or 1). <paramref name="sampleWeights"/>
    /// null weighs every row 1; <see cref="BalancedWeights"/> gives scikit-learn's <c>class_weight="balanced"</c>.
    /// </summary>
    /// <exception cref="ArgumentException">Mismatched lengths, a label other than 0 or 1, or no rows.</exception>
    public static FeatureLogisticRegression Fit(double[,] x, IReadOnlyList<int> y, IReadOnlyList<double>? sampleWeights = null, double c = 1,
        int maxIterations = 100)
    {
        ArgumentNullException.ThrowIfNull(x);
        int n = x.GetLength(0), f = x.GetLength(1), k = f + 1;
        if (n == 0 || y.Count != n || (sampleWeights is not null && sampleWeights.Count != n))
            throw new ArgumentException($"FeatureLogisticRegression: {n} rows, {y.Count} labels and {sampleWeights?.Count ?? n} weights must match and not be empty.");
        if (y.Any(v => v is not (0 or 1))) throw new ArgumentException("FeatureLogisticRegression: labels must be 0 or 1.");
        if (!(c > 0)) throw new ArgumentOutOfRangeException(nameof(c), c, "C must be positive.");
        var beta = new double[k];
        var gradient = new double[k];
        var hessian = new double[k, k];
        double objective = Objective(x, y, sampleWeights, c, beta);
        int iteration = 0;
        for (; iteration < maxIterations; iteration++)
        {
            // ∇ = C Σ sᵢ (pᵢ − yᵢ) x̃ᵢ + [0, w];  H = C Σ sᵢ pᵢ(1 − pᵢ) x̃ᵢ x̃ᵢᵀ + diag(0, 1, …, 1), x̃ = [1, x]
            Array.Clear(gradient);
            Array.Clear(hessian);
            for (int i = 0; i < n; i++)
            {
                double p = Sigmoid(Linear(x, i, beta));
                double s = c * (sampleWeights?[i] ?? 1);
                double g = s * (p - y[i]), h = s * p * (1 - p);
                for (int a = 0; a < k; a++)
                {
                    double xa = a == 0 ? 1 : x[i, a - 1];
                    gradient[a] += g * xa;
                    for (int b = 0; b <= a; b++) hessian[a, b] += h * xa * (b == 0 ? 1 : x[i, b - 1]);
                }
            }
            for (int a = 1; a < k; a++)
            {
                gradient[a] += beta[a];
                hessian[a, a] += 1;
            }
            if (gradient.Max(Math.Abs) < 1e-10) break;
            var step = CholeskySolve(hessian, gradient);
            // Newton's step, halved until the objective does not rise (it is convex, so a short enough step lowers it).
            double length = 1;
            double[] trial;
            double trialObjective;
            do
            {
                trial = beta.Select((v, a) => v - length * step[a]).ToArray();
                trialObjective = Objective(x, y, sampleWeights, c, trial);
                length /= 2;
            }
            while (trialObjective > objective && length > 1e-10);
            if (trialObjective > objective) break;
            beta = trial;
            objective = trialObjective;
        }
        return new FeatureLogisticRegression(beta, iteration);
    }

    /// <summary>scikit-learn's balanced sample weights: <c>n / (2 · count of the row's class)</c>.</summary>
    /// <exception cref="ArgumentException">One class never occurs.</exception>
    public static double[] BalancedWeights(IReadOnlyList<int> y)
    {
        int positives = y.Count(v => v == 1), negatives = y.Count - positives;
        if (positives == 0 || negatives == 0)
            throw new ArgumentException($"balanced class weights need both classes, but the labels hold {positives} positives and {negatives} negatives.");
        return y.Select(v => y.Count / (2.0 * (v == 1 ? positives : negatives))).ToArray();
    }

    /// <summary>P(y = 1) for each row of <paramref name="x"/>.</summary>
    public double[] PredictProbabilities(double[,] x)
    {
        ArgumentNullException.ThrowIfNull(x);
        if (x.GetLength(1) != _beta.Length - 1)
            throw new ArgumentException($"FeatureLogisticRegression was fitted on {_beta.Length - 1} features, got {x.GetLength(1)}.");
        var p = new double[x.GetLength(0)];
        for (int i = 0; i < p.Length; i++) p[i] = Sigmoid(Linear(x, i, _beta));
        return p;
    }

    private static double Objective(double[,] x, IReadOnlyList<int> y, IReadOnlyList<double>? weights, double c, double[] beta)
    {
        double sum = 0;
        for (int i = 0; i < x.GetLength(0); i++)
        {
            // logloss = softplus(z) − y·z, computed without overflow
            double z = Linear(x, i, beta);
            double softplus = Math.Max(z, 0) + Math.Log(1 + Math.Exp(-Math.Abs(z)));
            sum += (weights?[i] ?? 1) * (softplus - y[i] * z);
        }
        double penalty = 0;
        for (int a = 1; a < beta.Length; a++) penalty += beta[a] * beta[a];
        return c * sum + 0.5 * penalty;
    }

    private static double Linear(double[,] x, int row, double[] beta)
    {
        double z = beta[0];
        for (int a = 1; a < beta.Length; a++) z += beta[a] * x[row, a - 1];
        return z;
    }

    private static double Sigmoid(double z) => z >= 0 ? 1 / (1 + Math.Exp(-z)) : Math.Exp(z) / (1 + Math.Exp(z));

    // H is symmetric positive definite (the penalty makes it so); its lower triangle is filled. Solves H s = g.
    private static double[] CholeskySolve(double[,] h, double[] g)
    {
        int k = g.Length;
        var l = new double[k, k];
        for (int i = 0; i < k; i++)
            for (int j = 0; j <= i; j++)
            {
                double sum = h[i, j];
                for (int m = 0; m < j; m++) sum -= l[i, m] * l[j, m];
                l[i, j] = i == j ? Math.Sqrt(Math.Max(sum, 1e-300)) : sum / l[j, j];
            }
        var z = new double[k];
        for (int i = 0; i < k; i++)
        {
            double sum = g[i];
            for (int m = 0; m < i; m++) sum -= l[i, m] * z[m];
            z[i] = sum / l[i, i];
        }
        var s = new double[k];
        for (int i = k - 1; i >= 0; i--)
        {
            double sum = z[i];
            for (int m = i + 1; m < k; m++) sum -= l[m, i] * s[m];
            s[i] = sum / l[i, i];
        }
        return s;
    }
}
