namespace Recur.Nn;

/// <summary>Weight initialisations beyond PyTorch's defaults, for layers that follow Keras.</summary>
public static class Initializers
{
    /// <summary>
    /// Glorot (Xavier) uniform for a weight <c>[fanOut, fanIn]</c>: U(−l, l) with l = √(6 / (fanIn + fanOut)), Keras'
    /// default kernel initialiser.
    /// </summary>
    public static Tensor GlorotUniform(Generator generator, int fanOut, int fanIn)
    {
        float limit = MathF.Sqrt(6f / (fanIn + fanOut));
        return Tensor.Uniform(generator, -limit, limit, fanOut, fanIn);
    }

    /// <summary>
    /// A <c>[rows, cols]</c> matrix whose shorter side is orthonormal: the Q of a QR decomposition of a standard normal
    /// matrix, with signs fixed by R's diagonal so the result is uniformly distributed (Keras' recurrent default).
    /// </summary>
    public static Tensor Orthogonal(Generator generator, int rows, int cols)
    {
        // Orthonormalise along the longer side: work on a tall matrix [tall, narrow] column by column.
        bool transpose = rows < cols;
        int tall = Math.Max(rows, cols), narrow = Math.Min(rows, cols);
        var a = new double[tall, narrow];
        for (int i = 0; i < tall; i++)
            for (int j = 0; j < narrow; j++)
                a[i, j] = generator.NextNormal();
        // Modified Gram–Schmidt; r_jj > 0 by construction, which is the sign convention Keras applies.
        for (int j = 0; j < narrow; j++)
        {
            for (int p = 0; p < j; p++)
            {
                double dot = 0;
                for (int i = 0; i < tall; i++) dot += a[i, p] * a[i, j];
                for (int i = 0; i < tall; i++) a[i, j] -= dot * a[i, p];
            }
            double norm = 0;
            for (int i = 0; i < tall; i++) norm += a[i, j] * a[i, j];
            norm = Math.Sqrt(norm);
            for (int i = 0; i < tall; i++) a[i, j] /= norm;
        }
        var result = Tensor.Zeros(rows, cols);
        var data = result.Span;
        for (int i = 0; i < tall; i++)
            for (int j = 0; j < narrow; j++)
                data[transpose ? j * cols + i : i * cols + j] = (float)a[i, j];
        return result;
    }
}
