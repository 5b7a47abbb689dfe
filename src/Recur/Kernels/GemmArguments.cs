namespace Recur.Kernels;

/// <summary>Checks a GEMM call's shapes against its spans, with messages that name the operand and the shapes.</summary>
internal static class GemmArguments
{
    public static void Validate(bool transposeA, bool transposeB, int m, int n, int k,
        int aLength, int lda, int bLength, int ldb, int cLength, int ldc)
    {
        if (m < 0 || n < 0 || k < 0)
            throw new ArgumentException(
                $"GEMM dimensions must be non-negative, but got m = {m}, n = {n}, k = {k} (op(A) [{m}, {k}] · op(B) [{k}, {n}]).",
                m < 0 ? nameof(m) : n < 0 ? nameof(n) : nameof(k));

        // Stored shapes: A [m, k] or [k, m] when transposed; B [k, n] or [n, k]; C [m, n].
        CheckOperand("A", "a", "lda", transposeA, transposeA ? k : m, transposeA ? m : k, lda, aLength, m, n, k);
        CheckOperand("B", "b", "ldb", transposeB, transposeB ? n : k, transposeB ? k : n, ldb, bLength, m, n, k);
        CheckOperand("C", "c", "ldc", false, m, n, ldc, cLength, m, n, k);
    }

    private static void CheckOperand(string name, string paramName, string ldName, bool transposed,
        int rows, int width, int ld, int length, int m, int n, int k)
    {
        if (ld < width)
            throw new ArgumentException(
                $"GEMM {ldName} = {ld} is smaller than the row width {width}: {Stored(name, transposed, rows, width, m, n, k)}.", ldName);

        long needed = rows == 0 || width == 0 ? 0 : (long)(rows - 1) * ld + width;
        if (length < needed)
            throw new ArgumentException(
                $"GEMM {name} is too short: {Stored(name, transposed, rows, width, m, n, k)} with {ldName} = {ld}, " +
                $"which needs at least {needed} elements, but the span has {length}.", paramName);
    }

    private static string Stored(string name, bool transposed, int rows, int width, int m, int n, int k)
        => $"{name} is stored [{rows}, {width}]{(transposed ? " (transposed)" : "")} for op(A) [{m}, {k}] · op(B) [{k}, {n}]";
}
