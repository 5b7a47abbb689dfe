namespace Recur.Tasks.Forecasting;

/// <summary>Linear least squares min ‖A x − b‖ by Householder QR with column scaling, in double precision.</summary>
internal static class LeastSquares
{
    /// <summary>
    /// Solves the over-determined system A [m×n] x = <paramref name="b"/> [m], m ≥ n, where <paramref name="a"/> holds A
    /// column by column (column j in a[j·m … j·m + m − 1]). Works in <paramref name="a"/> and <paramref name="b"/>, which it
    /// overwrites, with <paramref name="reflector"/> [m] as scratch: a long series' design is held once.
    /// </summary>
    /// <exception cref="ArgumentException">A column is (numerically) a combination of the others.</exception>
    public static double[] Solve(Span<double> a, int m, int n, Span<double> b, Span<double> reflector)
    {
        var y = b;
        Span<double> Column(Span<double> r, int j) => r.Slice(j * m, m);

        // Scale columns to unit norm so that a volume-sized column and an intercept column are treated alike.
        var scale = new double[n];
        for (int j = 0; j < n; j++)
        {
            var column = Column(a, j);
            double norm = 0;
            for (int i = 0; i < m; i++) norm += column[i] * column[i];
            scale[j] = norm > 0 ? Math.Sqrt(norm) : 1;
            for (int i = 0; i < m; i++) column[i] /= scale[j];
        }

        for (int k = 0; k < n; k++)
        {
            // Householder reflection H = I − 2 v vᵀ / vᵀv that zeroes column k below the diagonal.
            var columnK = Column(a, k);
            double norm = 0;
            for (int i = k; i < m; i++) norm += columnK[i] * columnK[i];
            norm = Math.Sqrt(norm);
            if (norm < 1e-12)
                throw new ArgumentException($"least squares: column {k} is linearly dependent on the others (a constant series?).");
            double alpha = columnK[k] > 0 ? -norm : norm;
            var v = reflector[..(m - k)];
            for (int i = k; i < m; i++) v[i - k] = columnK[i];
            v[0] -= alpha;
            double vv = 0;
            foreach (double e in v) vv += e * e;
            for (int j = k; j < n; j++) Reflect(Column(a, j), k, v, vv);
            double dot = 0;
            for (int i = k; i < m; i++) dot += v[i - k] * y[i];
            for (int i = k; i < m; i++) y[i] -= 2 * dot / vv * v[i - k];
        }

        // Back substitution R x = Qᵀ b, then undo the column scaling.
        var x = new double[n];
        for (int k = n - 1; k >= 0; k--)
        {
            double sum = y[k];
            for (int j = k + 1; j < n; j++) sum -= a[j * m + k] * x[j];
            x[k] = sum / a[k * m + k];
        }
        for (int j = 0; j < n; j++) x[j] /= scale[j];
        return x;
    }

    private static void Reflect(Span<double> column, int k, ReadOnlySpan<double> v, double vv)
    {
        double dot = 0;
        for (int i = k; i < column.Length; i++) dot += v[i - k] * column[i];
        for (int i = k; i < column.Length; i++) column[i] -= 2 * dot / vv * v[i - k];
    }
}
