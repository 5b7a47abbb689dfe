using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace Recur.Kernels;

/// <summary>
/// AVX2 microkernel: a 6×16 tile of C in 12 ymm accumulators (6 rows × 2 vectors of 8). With 2 B
/// vectors and 1 broadcast that uses 15 of the 16 ymm registers. FMA when the CPU has it, otherwise
/// multiply then add (never the slow software-emulated fused operation).
/// </summary>
internal readonly unsafe struct GemmMicrokernel256 : IGemmMicrokernel
{
    public static int MR => 6;
    public static int NR => 16;
    public static int KC => 512;
    public static int MC => 120;
    public static int NC => 2048;

    // The prefetch of A's next line was measured only with the AVX-512 kernel (no AVX2-only machine here): this one keeps
    // to the hardware's prefetch, with the same sums.
    public static void ComputeTransposedA(int rows, int cols, int kc, float* a, nint aStepStride, float* b, int bStride, float* c, int ldc,
        bool overwrite)
        => Compute(rows, cols, kc, a, 1, aStepStride, b, bStride, c, ldc, overwrite);

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Compute(int rows, int cols, int kc, float* a, nint aRowStride, nint aStepStride, float* b, int bStride, float* c, int ldc, bool overwrite)
    {
        int vectors = (cols + 7) >> 3;
        int lastLanes = cols - ((vectors - 1) << 3);
        switch (rows)
        {
            case 1: ForRows<Count1>(vectors, kc, a, aRowStride, aStepStride, b, bStride, c, ldc, lastLanes, overwrite); break;
            case 2: ForRows<Count2>(vectors, kc, a, aRowStride, aStepStride, b, bStride, c, ldc, lastLanes, overwrite); break;
            case 3: ForRows<Count3>(vectors, kc, a, aRowStride, aStepStride, b, bStride, c, ldc, lastLanes, overwrite); break;
            case 4: ForRows<Count4>(vectors, kc, a, aRowStride, aStepStride, b, bStride, c, ldc, lastLanes, overwrite); break;
            case 5: ForRows<Count5>(vectors, kc, a, aRowStride, aStepStride, b, bStride, c, ldc, lastLanes, overwrite); break;
            default: ForRows<Count6>(vectors, kc, a, aRowStride, aStepStride, b, bStride, c, ldc, lastLanes, overwrite); break;
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void ForRows<TRows>(int vectors, int kc, float* a, nint aRowStride, nint aStepStride, float* b, int bStride, float* c, int ldc, int lastLanes, bool overwrite)
        where TRows : struct, IGemmTileCount
    {
        if (vectors == 1)
            Tile<TRows, Count1>(kc, a, aRowStride, aStepStride, b, bStride, c, ldc, lastLanes, overwrite);
        else
            Tile<TRows, Count2>(kc, a, aRowStride, aStepStride, b, bStride, c, ldc, lastLanes, overwrite);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector256<float> MultiplyAdd(Vector256<float> a, Vector256<float> b, Vector256<float> c)
        => Fma.IsSupported ? Fma.MultiplyAdd(a, b, c) : a * b + c;

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void Tile<TRows, TVectors>(int kc, float* a, nint aRowStride, nint aStepStride, float* b, int bStride, float* c, int ldc, int lastLanes, bool overwrite)
        where TRows : struct, IGemmTileCount
        where TVectors : struct, IGemmTileCount
    {
        int rows = TRows.Value, vectors = TVectors.Value;
        Vector256<float> c00 = default, c01 = default, c10 = default, c11 = default, c20 = default, c21 = default;
        Vector256<float> c30 = default, c31 = default, c40 = default, c41 = default, c50 = default, c51 = default;

        for (int p = 0; p < kc; p++)
        {
            Vector256<float> b0 = Vector256.Load(b);
            Vector256<float> b1 = vectors > 1 ? Vector256.Load(b + 8) : default;
            Vector256<float> ar;

            ar = Vector256.Create(a[0]);
            c00 = MultiplyAdd(ar, b0, c00);
            if (vectors > 1) c01 = MultiplyAdd(ar, b1, c01);
            if (rows > 1)
            {
                ar = Vector256.Create(a[1 * aRowStride]);
                c10 = MultiplyAdd(ar, b0, c10);
                if (vectors > 1) c11 = MultiplyAdd(ar, b1, c11);
            }
            if (rows > 2)
            {
                ar = Vector256.Create(a[2 * aRowStride]);
                c20 = MultiplyAdd(ar, b0, c20);
                if (vectors > 1) c21 = MultiplyAdd(ar, b1, c21);
            }
            if (rows > 3)
            {
                ar = Vector256.Create(a[3 * aRowStride]);
                c30 = MultiplyAdd(ar, b0, c30);
                if (vectors > 1) c31 = MultiplyAdd(ar, b1, c31);
            }
            if (rows > 4)
            {
                ar = Vector256.Create(a[4 * aRowStride]);
                c40 = MultiplyAdd(ar, b0, c40);
                if (vectors > 1) c41 = MultiplyAdd(ar, b1, c41);
            }
            if (rows > 5)
            {
                ar = Vector256.Create(a[5 * aRowStride]);
                c50 = MultiplyAdd(ar, b0, c50);
                if (vectors > 1) c51 = MultiplyAdd(ar, b1, c51);
            }
            a += aStepStride;
            b += bStride;
        }

        StoreRow<TVectors>(c, c00, c01, lastLanes, overwrite);
        if (rows > 1) StoreRow<TVectors>(c + ldc, c10, c11, lastLanes, overwrite);
        if (rows > 2) StoreRow<TVectors>(c + 2 * ldc, c20, c21, lastLanes, overwrite);
        if (rows > 3) StoreRow<TVectors>(c + 3 * ldc, c30, c31, lastLanes, overwrite);
        if (rows > 4) StoreRow<TVectors>(c + 4 * ldc, c40, c41, lastLanes, overwrite);
        if (rows > 5) StoreRow<TVectors>(c + 5 * ldc, c50, c51, lastLanes, overwrite);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void StoreRow<TVectors>(float* c, Vector256<float> v0, Vector256<float> v1, int lastLanes, bool overwrite)
        where TVectors : struct, IGemmTileCount
    {
        if (TVectors.Value == 1)
        {
            StoreLast(c, v0, lastLanes, overwrite);
        }
        else
        {
            StoreFull(c, v0, overwrite);
            StoreLast(c + 8, v1, lastLanes, overwrite);
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void StoreFull(float* c, Vector256<float> v, bool overwrite)
    {
        if (!overwrite)
            v += Vector256.Load(c);
        Vector256.Store(v, c);
    }

    // Partial last vector: write only the valid lanes, so nothing past the edge of C is read or written.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void StoreLast(float* c, Vector256<float> v, int lanes, bool overwrite)
    {
        if (lanes == 8)
        {
            StoreFull(c, v, overwrite);
            return;
        }
        for (int j = 0; j < lanes; j++)
            c[j] = overwrite ? v.GetElement(j) : c[j] + v.GetElement(j);
    }
}
