using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace Recur.Kernels;

/// <summary>
/// A batch-1 recurrent product <c>h · W_hhᵀ</c> (one row of k against n rows of W_hh) with W_hh packed once per sequence:
/// panels of 16 rows, each stored as k/16 blocks of 16 rows × 16 values, so that a step reads W_hh as one stream instead
/// of 16 rows a row-length apart. The product at every step of a one-image inference was bound by that strided reading
/// (W_hh of a GRU(128) is 196 KB, read 16 rows at a time). The sums are <see cref="GemmDot512"/>'s for a row against
/// sixteen columns, term for term: each element's 16 lane-wise partial sums in k order, then <see cref="LaneSums512"/>'s
/// tree — so the results are the same bits as the unpacked product's.
/// </summary>
internal static unsafe class PackedRowDot512
{
    /// <summary>
    /// Whether <c>(1×k)·(n×k)ᵀ</c> can run here with the same bits as <see cref="Gemm"/>: whole panels and blocks (n and k
    /// multiples of 16), and the GEMM would run it as <see cref="GemmDot512"/>'s row against sixteen columns.
    /// </summary>
    public static bool Applies(int n, int k) => n > 0 && k > 0 && n % 16 == 0 && k % 16 == 0 && Gemm.RowTimesTransposedRunsAsDots(n, k);

    /// <summary>
    /// Packs the <paramref name="n"/> rows of <paramref name="w"/> <c>[n, k]</c> (row-major, k apart) into
    /// <paramref name="packed"/> (n·k floats): <c>packed[((p·k/16 + q)·16 + r)·16 + l] = w[(16p + r)·k + 16q + l]</c>.
    /// </summary>
    public static void Pack(float* w, int n, int k, float* packed)
    {
        int blocks = k / 16;
        for (int p = 0; p < n / 16; p++)
            for (int q = 0; q < blocks; q++)
            {
                float* to = packed + ((long)p * blocks + q) * 256, from = w + (long)16 * p * k + 16 * q;
                for (int r = 0; r < 16; r++)
                    Vector512.Load(from + (long)r * k).Store(to + 16 * r);
            }
    }

    /// <summary><c>c[0..n) (+)= x[0..k) · Wᵀ</c>, W packed by <see cref="Pack"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Multiply(float* x, int n, int k, float* packed, float* c, bool accumulate)
    {
        int blocks = k / 16;
        for (int p = 0; p < n / 16; p++)
        {
            float* w = packed + (long)p * blocks * 256;
            Vector512<float> c0 = default, c1 = default, c2 = default, c3 = default, c4 = default, c5 = default, c6 = default, c7 = default;
            Vector512<float> c8 = default, c9 = default, c10 = default, c11 = default, c12 = default, c13 = default, c14 = default, c15 = default;
            for (int q = 0; q < blocks; q++, w += 256)
            {
                var xq = Vector512.Load(x + 16 * q);
                c0 = Vector512.FusedMultiplyAdd(xq, Vector512.Load(w), c0);
                c1 = Vector512.FusedMultiplyAdd(xq, Vector512.Load(w + 16), c1);
                c2 = Vector512.FusedMultiplyAdd(xq, Vector512.Load(w + 32), c2);
                c3 = Vector512.FusedMultiplyAdd(xq, Vector512.Load(w + 48), c3);
                c4 = Vector512.FusedMultiplyAdd(xq, Vector512.Load(w + 64), c4);
                c5 = Vector512.FusedMultiplyAdd(xq, Vector512.Load(w + 80), c5);
                c6 = Vector512.FusedMultiplyAdd(xq, Vector512.Load(w + 96), c6);
                c7 = Vector512.FusedMultiplyAdd(xq, Vector512.Load(w + 112), c7);
                c8 = Vector512.FusedMultiplyAdd(xq, Vector512.Load(w + 128), c8);
                c9 = Vector512.FusedMultiplyAdd(xq, Vector512.Load(w + 144), c9);
                c10 = Vector512.FusedMultiplyAdd(xq, Vector512.Load(w + 160), c10);
                c11 = Vector512.FusedMultiplyAdd(xq, Vector512.Load(w + 176), c11);
                c12 = Vector512.FusedMultiplyAdd(xq, Vector512.Load(w + 192), c12);
                c13 = Vector512.FusedMultiplyAdd(xq, Vector512.Load(w + 208), c13);
                c14 = Vector512.FusedMultiplyAdd(xq, Vector512.Load(w + 224), c14);
                c15 = Vector512.FusedMultiplyAdd(xq, Vector512.Load(w + 240), c15);
            }
            // The argument order of GemmDot512's sixteen-column reduction, so each element's tree is the same.
            var sums = LaneSums512.Transposed(c0, c4, c8, c12, c1, c5, c9, c13, c2, c6, c10, c14, c3, c7, c11, c15);
            if (accumulate) sums += Vector512.Load(c + 16 * p);
            sums.Store(c + 16 * p);
        }
    }
}
