using Recur.Kernels;
using Xunit;

namespace Recur.Tests.Kernels;

/// <summary>
/// Products with B packed once (<see cref="GemmPackedB"/>): the bits of <see cref="Gemm.MultiplyRows"/> with B itself,
/// for every row range, and refusals that name what is wrong.
/// </summary>
[Collection(nameof(KernelThreadsCollection))]
public class GemmPackedBTests
{
    public static TheoryData<int, int, int, bool> Shapes => new()
    {
        { 32, 512, 128, true },    // IMDB LSTM(128), B = 32: h·W_hhᵀ from W_hh
        { 32, 512, 128, false },   // the same from W_hhᵀ
        { 32, 128, 512, false },   // its backward dG·W_hh: four k-blocks of 128
        { 100, 384, 128, true },   // MNIST GRU(128), B = 100 (big enough to be split between threads)
        { 100, 128, 384, false },
        { 40, 40, 10, true },      // H = 10: one partial 64-column panel, zero-padded
        { 17, 100, 33, false },    // ragged tiles and a partial panel
        { 200, 70, 600, true },    // two k-blocks of 300, B transposed through the 16×16 blocks and the scalar tail
        { 37, 256, 1024, false },  // two k-blocks of 512
        { 20, 3000, 40, false },   // more columns than one 2048-wide block
    };

    [Theory]
    [MemberData(nameof(Shapes))]
    public unsafe void Packed_product_is_the_gemms_bit_for_bit_for_any_rows(int m, int n, int k, bool transposeB)
    {
        if (!GemmPackedB.Applies(transposeB, m, n, k))
        {
            Assert.True(Gemm.BestPath == GemmPath.Scalar, $"{m}×{n}×{k} should run the blocked kernel on {Gemm.BestPath}");
            return;
        }
        // Magnitudes from 1e-6 to 1e6, so that another order of additions would round differently.
        var random = new Random(m * 7 + n + k);
        float Draw() => (float)((random.NextDouble() * 2 - 1) * Math.Pow(10, random.Next(-6, 7)));
        int ldb = (transposeB ? k : n) + 3, lda = k + 2, ldc = n + 1;
        float[] a = Fill(m * lda, Draw), b = Fill((transposeB ? n : k) * ldb, Draw), start = Fill(m * ldc, Draw);
        var packed = GC.AllocateArray<float>((int)GemmPackedB.Length(n, k), pinned: true);
        fixed (float* bp = b, pp = packed)
            GemmPackedB.Pack(transposeB, m, n, k, bp, ldb, pp);

        int saved = KernelThreads.Max;
        try
        {
            foreach (int threads in new[] { 1, 2 })
            {
                KernelThreads.Max = threads;
                foreach (bool accumulate in new[] { false, true })
                {
                    var expected = (float[])start.Clone();
                    Gemm.MultiplyRows(0, m, false, transposeB, m, n, k, a, lda, b, ldb, expected, ldc, accumulate);
                    // The whole product, and the rows in two parts as a two-part time loop computes them.
                    foreach (int split in new[] { m, m / 2, 1 })
                    {
                        var actual = (float[])start.Clone();
                        fixed (float* ap = a, pp = packed, cp = actual)
                        {
                            GemmPackedB.MultiplyRows(0, split, transposeB, m, n, k, ap, lda, pp, cp, ldc, accumulate);
                            Assert.Equal(Bits(start[(split * ldc)..]), Bits(actual[(split * ldc)..]));   // other rows untouched
                            GemmPackedB.MultiplyRows(split, m, transposeB, m, n, k, ap, lda, pp, cp, ldc, accumulate);
                        }
                        Assert.Equal(Bits(expected), Bits(actual));
                    }
                }
            }
        }
        finally
        {
            KernelThreads.Max = saved;
        }
    }

    [Theory]
    [InlineData(32, 512, 128, true)]
    [InlineData(17, 100, 33, false)]    // ragged tiles and a partial 16-column panel
    [InlineData(37, 256, 1024, false)]  // two k-blocks
    public unsafe void Packed_product_on_the_avx2_path_is_that_paths_gemm_bit_for_bit(int m, int n, int k, bool transposeB)
    {
        if (Gemm.BestPath == GemmPath.Scalar) return;
        Assert.True(GemmPackedB.Applies(GemmPath.Avx2, transposeB, m, n, k));
        var random = new Random(m + n * 3 + k);
        float Draw() => (float)((random.NextDouble() * 2 - 1) * Math.Pow(10, random.Next(-6, 7)));
        int ldb = transposeB ? k : n;
        float[] a = Fill(m * k, Draw), b = Fill((transposeB ? n : k) * ldb, Draw), start = Fill(m * n, Draw);
        var packed = new float[GemmPackedB.Length(GemmPath.Avx2, n, k)];
        foreach (bool accumulate in new[] { false, true })
        {
            var expected = (float[])start.Clone();
            Gemm.Multiply(GemmPath.Avx2, false, transposeB, m, n, k, a, k, b, ldb, expected, n, accumulate);
            var actual = (float[])start.Clone();
            fixed (float* ap = a, bp = b, pp = packed, cp = actual)
            {
                GemmPackedB.Pack(GemmPath.Avx2, transposeB, m, n, k, bp, ldb, pp);
                GemmPackedB.MultiplyRows(GemmPath.Avx2, 0, m / 2, transposeB, m, n, k, ap, k, pp, cp, n, accumulate);
                GemmPackedB.MultiplyRows(GemmPath.Avx2, m / 2, m, transposeB, m, n, k, ap, k, pp, cp, n, accumulate);
            }
            Assert.Equal(Bits(expected), Bits(actual));
        }
    }

    [Theory]
    [MemberData(nameof(Shapes))]
    public unsafe void Packing_gives_the_same_panels_on_one_thread_and_two(int m, int n, int k, bool transposeB)
    {
        if (!GemmPackedB.Applies(transposeB, m, n, k)) return;
        var random = new Random(n * 3 + k);
        int ldb = (transposeB ? k : n) + 3;
        var b = Fill((transposeB ? n : k) * ldb, () => (float)random.NextDouble());
        var (one, two) = OneAndTwoThreads.Run(() =>
        {
            var packed = Enumerable.Repeat(float.NaN, (int)GemmPackedB.Length(n, k)).ToArray();
            fixed (float* bp = b, pp = packed)
                GemmPackedB.Pack(transposeB, m, n, k, bp, ldb, pp);
            return packed;
        });
        Assert.Equal(one, two);
        Assert.DoesNotContain(one, float.IsNaN);   // every panel element written, the padding included
    }

    [Fact]
    public void A_product_the_dot_kernel_runs_has_no_packed_form()
    {
        if (Gemm.BestPath != GemmPath.Avx512) return;
        Assert.False(GemmPackedB.Applies(true, 1, 384, 128));   // batch-1 h·W_hhᵀ: dot products (PackedRowDot512 packs for it)
        var error = Assert.Throws<InvalidOperationException>(() => PackSomething(true, 1, 384, 128));
        Assert.Contains("A[1×128]·Bᵀ with n = 384", error.Message);
    }

    [Fact]
    public unsafe void Rows_outside_c_and_short_leading_dimensions_are_rejected()
    {
        if (!GemmPackedB.Applies(false, 32, 128, 512)) return;
        var packed = new float[GemmPackedB.Length(128, 512)];
        var a = new float[32 * 512];
        var c = new float[32 * 128];
        fixed (float* ap = a, pp = packed, cp = c)
        {
            float* ax = ap, px = pp, cx = cp;
            var rows = Assert.Throws<ArgumentOutOfRangeException>(() => GemmPackedB.MultiplyRows(0, 33, false, 32, 128, 512, ax, 512, px, cx, 128, false));
            Assert.Contains("[0, 33)", rows.Message);
            var lda = Assert.Throws<ArgumentException>(() => GemmPackedB.MultiplyRows(0, 32, false, 32, 128, 512, ax, 500, px, cx, 128, false));
            Assert.Contains("lda = 500", lda.Message);
        }
        var length = Assert.Throws<ArgumentOutOfRangeException>(() => GemmPackedB.Length(0, 512));
        Assert.Contains("n = 0", length.Message);
    }

    private static unsafe void PackSomething(bool transposeB, int m, int n, int k)
    {
        var b = new float[n * k];
        var packed = new float[n * k + 64 * k];
        fixed (float* bp = b, pp = packed)
            GemmPackedB.Pack(transposeB, m, n, k, bp, transposeB ? k : n, pp);
    }

    private static float[] Fill(int length, Func<float> draw) => Enumerable.Range(0, length).Select(_ => draw()).ToArray();

    private static int[] Bits(float[] values) => values.Select(BitConverter.SingleToInt32Bits).ToArray();
}
