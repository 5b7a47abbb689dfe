namespace Recur.Tasks.Forecasting;

/// <summary>Linear least squares min ‖A x − b‖ by Householder QR with column scaling, in double precision.</summary>
internal static class LeastSquares
{
    /// <summary>Solves the over-determined system <paramref name="a"/> [m×n] x = <paramref name="b"/> [m], m ≥ n.</summary>
    /// <exception cref="ArgumentException">A column is (numerically) a combination of the others.</exception>
    public static double[] Solve(double[,] a, double[] b) => SolveInPlace((double[,])a.Clone(), (double[])b.Clone());

    /// <summary>
    /// <see cref="Solve"/> working in <paramref name="a"/> and <paramref name="b"/> themselves, which it overwrites: for a
    /// caller that built them for this solve alone (a long series' design need not be held twice).
    /// </summary>
    public static double[] SolveInPlace(double[,] a, double[] b)
    {
        int m = a.GetLength(0), n = a.GetLength(1);
        var r = a;
        var y = b;

        // Scale columns to unit norm so that a volume-sized column and an intercept column are treated alike.
        var scale = new double[n];
        for (int j = 0; j < n; j++)
        {
            double norm = 0;
            for (int i = 0; i < m; i++) norm += r[i, j] * r[i, j];
            scale[j] = norm > 0 ? Math.Sqrt(norm) : 1;
            for (int i = 0; i < m; i++) r[i, j] /= scale[j];
        }

        var reflector = new double[m];   // each step's v, in its first m − k places
        for (int k = 0; k < n; k++)
        {
            // Householder reflection H = I − 2 v vᵀ / vᵀv that zeroes column k below the diagonal.
            double norm = 0;
            for (int i = k; i < m; i++) norm += r[i, k] * r[i, k];
            norm = Math.Sqrt(norm);
            if (norm < 1e-12)
                throw new ArgumentException($"least squares: column {k} is linearly dependent on the others (a constant series?).");
            double alpha = r[k, k] > 0 ? -norm : norm;
            var v = reflector.AsSpan(0, m - k);
            for (int i = k; i < m; i++) v[i - k] = r[i, k];
            v[0] -= alpha;
            double vv = 0;
            foreach (double e in v) vv += e * e;
            for (int j = k; j < n; j++) Reflect(r, j, k, v, vv);
            double dot = 0;
            for (int i = k; i < m; i++) dot += v[i - k] * y[i];
            for (int i = k; i < m; i++) y[i] -= 2 * dot / vv * v[i - k];
        }

        // Back substitution R x = Qᵀ b, then undo the column scaling.
        var x = new double[n];
        for (int k = n - 1; k >= 0; k--)
        {
            double sum = y[k];
            for (int j = k + 1; j < n; j++) sum -= r[k, j] * x[j];
            x[k] = sum / r[k, k];
        }
        for (int j = 0; j < n; j++) x[j] /= scale[j];
        return x;
    }

    private static void Reflect(double[,] r, int column, int k, ReadOnlySpan<double> v, double vv)
    {
        int m = r.GetLength(0);
        double dot = 0;
        for (int i = k; i < m; i++) dot += v[i - k] * r[i, column];
        for (int i = k; i < m; i++) r[i, column] -= 2 * dot / vv * v[i - k];
    }
}
