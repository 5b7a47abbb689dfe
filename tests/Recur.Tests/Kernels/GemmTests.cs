using Recur.Kernels;
using Xunit;

namespace Recur.Tests.Kernels;

/// <summary>GEMM against a double-precision triple loop, on odd shapes and every operand layout.</summary>
public class GemmTests
{
    public static TheoryData<int, int, int> Shapes => new()
    {
        { 1, 1, 1 },
        { 3, 5, 7 },
        { 100, 384, 28 },
        { 17, 65, 33 },
        { 507, 40, 10 },
        { 64, 129, 300 },   // two k-blocks, and big enough to be split between threads
        { 6, 5, 5 },
        { 1, 40, 10 },
        { 20, 200, 70 },    // short C: B read in place, with a packed edge panel
    };

    [Theory]
    [MemberData(nameof(Shapes))]
    public void Plain_product_matches_naive_product(int m, int n, int k)
        => AssertMatchesNaive(GemmPath.Auto, m, n, k, transposeA: false, transposeB: false, accumulate: false);

    [Theory]
    [MemberData(nameof(Shapes))]
    public void Transposed_a_matches_naive_product(int m, int n, int k)
        => AssertMatchesNaive(GemmPath.Auto, m, n, k, transposeA: true, transposeB: false, accumulate: false);

    [Theory]
    [MemberData(nameof(Shapes))]
    public void Transposed_b_matches_naive_product(int m, int n, int k)
        => AssertMatchesNaive(GemmPath.Auto, m, n, k, transposeA: false, transposeB: true, accumulate: false);

    [Theory]
    [MemberData(nameof(Shapes))]
    public void Transposed_a_and_b_match_naive_product(int m, int n, int k)
        => AssertMatchesNaive(GemmPath.Auto, m, n, k, transposeA: true, transposeB: true, accumulate: false);

    [Theory]
    [MemberData(nameof(Shapes))]
    public void Accumulate_adds_the_product_onto_existing_c(int m, int n, int k)
    {
        foreach (bool transposeA in new[] { false, true })
            foreach (bool transposeB in new[] { false, true })
                AssertMatchesNaive(GemmPath.Auto, m, n, k, transposeA, transposeB, accumulate: true);
    }

    [Theory]
    [InlineData(130, 2100, 20)]   // more rows than one A block, more columns than one B block
    [InlineData(13, 70, 600)]     // three k-blocks
    public void Products_spanning_several_cache_blocks_match_naive_product(int m, int n, int k)
    {
        foreach (bool transposeA in new[] { false, true })
            foreach (bool transposeB in new[] { false, true })
                AssertMatchesNaive(GemmPath.Auto, m, n, k, transposeA, transposeB, accumulate: transposeA);
    }

    [Theory]
    [InlineData(40, 10, 600)]    // narrow C, long k: dot products (k not a multiple of 16)
    [InlineData(512, 1, 128)]    // matrix-vector
    [InlineData(2, 70, 40)]      // short C
    [InlineData(5, 3, 300)]
    [InlineData(7, 13, 700)]
    [InlineData(1, 1, 64)]
    public void Narrow_or_short_products_with_long_k_match_naive_product(int m, int n, int k)
    {
        foreach (bool transposeA in new[] { false, true })
            foreach (bool transposeB in new[] { false, true })
                foreach (bool accumulate in new[] { false, true })
                    foreach (int padding in new[] { 0, 3 })
                        AssertMatchesNaive(GemmPath.Auto, m, n, k, transposeA, transposeB, accumulate, padding);
    }

    public static TheoryData<int> OuterProductColumns => new() { 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 16, 33 };

    [Theory]
    [MemberData(nameof(OuterProductColumns))]
    public void Outer_products_with_transposed_a_and_long_k_match_naive_product(int n)
    {
        // Ragged rows around the 16-lane vectors and 48-row tiles, k around the 256-step summation blocks.
        foreach (int m in new[] { 1, 15, 17, 40, 47, 64, 65, 100 })
            foreach (int k in new[] { 255, 256, 257, 3549 })
            {
                if (!(n == 33 && k < 256))
                    Assert.True(OuterSuits(m, n, k), $"m={m} n={n} k={k} should take the outer-product path");
                foreach (bool accumulate in new[] { false, true })
                    AssertMatchesNaive(GemmPath.Auto, m, n, k, transposeA: true, transposeB: false, accumulate,
                        padding: accumulate ? 3 : 0);
            }
    }

    [Fact]
    public void Outer_product_path_is_chosen_only_where_it_was_measured_faster()
    {
        Assert.True(OuterSuits(40, 5, 3549));    // LSTM dW_ih
        Assert.True(OuterSuits(40, 10, 3549));   // LSTM dW_hh
        Assert.True(OuterSuits(32, 32, 3840));   // spam RNN
        Assert.True(OuterSuits(40, 10, 16));
        Assert.True(OuterSuits(40, 10, 12000));   // the split shapes of the thread-count test
        Assert.True(OuterSuits(100, 33, 1300));
        Assert.False(OuterSuits(384, 128, 2800));   // wide C: blocked
        Assert.False(OuterSuits(64, 64, 3000));
        Assert.False(OuterSuits(32, 32, 40));       // short k with many columns: blocked
        Assert.False(OuterSuits(40, 10, 8));
        Assert.False(OuterSuits(40, 10, 3549, transposeA: false));   // rows of A not contiguous along m
        Assert.False(OuterSuits(40, 10, 3549, transposeB: true));
    }

    [Theory]
    [InlineData(false, false)]
    [InlineData(true, false)]
    [InlineData(false, true)]
    [InlineData(true, true)]
    public void Leading_dimensions_wider_than_the_rows_leave_the_padding_untouched(bool transposeA, bool transposeB)
    {
        foreach (bool accumulate in new[] { false, true })
        {
            AssertMatchesNaive(GemmPath.Auto, 17, 33, 9, transposeA, transposeB, accumulate, padding: 5);
            AssertMatchesNaive(GemmPath.Auto, 64, 129, 300, transposeA, transposeB, accumulate, padding: 3);
            AssertMatchesNaive(GemmPath.Auto, 12, 70, 40, transposeA, transposeB, accumulate, padding: 16);
        }
    }

    [Fact]
    public void Avx2_path_matches_naive_product()
    {
        if (!System.Runtime.Intrinsics.Vector256.IsHardwareAccelerated)
            return;   // nothing to test on this CPU
        foreach ((int m, int n, int k) in new[] { (1, 1, 1), (7, 19, 5), (64, 129, 300), (20, 200, 70), (13, 17, 600) })
            foreach (bool transposeA in new[] { false, true })
                foreach (bool transposeB in new[] { false, true })
                    foreach (bool accumulate in new[] { false, true })
                        AssertMatchesNaive(GemmPath.Avx2, m, n, k, transposeA, transposeB, accumulate, padding: 2);
    }

    [Fact]
    public void Scalar_path_matches_naive_product()
    {
        foreach ((int m, int n, int k) in new[] { (1, 1, 1), (7, 19, 5), (64, 129, 300) })
            foreach (bool transposeA in new[] { false, true })
                foreach (bool transposeB in new[] { false, true })
                    foreach (bool accumulate in new[] { false, true })
                        AssertMatchesNaive(GemmPath.Scalar, m, n, k, transposeA, transposeB, accumulate, padding: 2);
    }

    [Theory]
    [InlineData(24, 512, 512, false, true, 16)]     // 16 or 8 rows alone would take dot products, 24 the blocked kernel
    [InlineData(37, 256, 1024, false, false, 16)]   // ≤ 32 rows alone would sum k in blocks of 128, 37 in blocks of 512
    [InlineData(40, 10, 3549, true, false, 16)]     // outer products
    [InlineData(100, 33, 300, true, true, 47)]
    [InlineData(9, 70, 40, false, false, 0)]        // an empty first part
    public void Rows_computed_apart_give_the_bits_of_the_whole_product(int m, int n, int k, bool transposeA, bool transposeB, int split)
    {
        float[] a = Random(m * k, 1), b = Random(k * n, 2), start = Random(m * n, 3);
        int lda = transposeA ? m : k, ldb = transposeB ? k : n;
        foreach (bool accumulate in new[] { false, true })
        {
            float[] whole = (float[])start.Clone(), apart = (float[])start.Clone();
            Gemm.Multiply(a, b, whole, m, n, k, transposeA, transposeB, accumulate);

            Gemm.MultiplyRows(0, split, transposeA, transposeB, m, n, k, a, lda, b, ldb, apart, n, accumulate);
            Assert.Equal(start[(split * n)..], apart[(split * n)..]);   // the other rows are not touched
            Gemm.MultiplyRows(split, m, transposeA, transposeB, m, n, k, a, lda, b, ldb, apart, n, accumulate);
            Assert.Equal(whole, apart);
        }
    }

    [Theory]
    [InlineData(-1, 2)]
    [InlineData(2, 1)]
    [InlineData(0, 4)]
    public void Rows_outside_c_are_rejected(int rowStart, int rowEnd)
    {
        var e = Assert.Throws<ArgumentOutOfRangeException>(() =>
            Gemm.MultiplyRows(rowStart, rowEnd, false, false, 3, 2, 2, new float[6], 2, new float[4], 2, new float[6], 2, false));
        Assert.Contains("not within the 3 rows", e.Message);
    }

    [Fact]
    public void Zero_k_sets_c_to_zero_or_leaves_it_when_accumulating()
    {
        float[] c = [1, 2, 3, 4, 5, 6];
        Gemm.Multiply(ReadOnlySpan<float>.Empty, ReadOnlySpan<float>.Empty, c, m: 2, n: 3, k: 0, accumulate: true);
        Assert.Equal([1, 2, 3, 4, 5, 6], c);

        Gemm.Multiply(ReadOnlySpan<float>.Empty, ReadOnlySpan<float>.Empty, c, m: 2, n: 3, k: 0);
        Assert.Equal(new float[6], c);
    }

    [Fact]
    public void Zero_m_or_n_writes_nothing()
    {
        float[] a = [1, 2, 3], b = [4, 5, 6];
        float[] c = [7, 8, 9];
        Gemm.Multiply(a, b, c, m: 0, n: 3, k: 1);
        Gemm.Multiply(a, b, c, m: 3, n: 0, k: 1);
        Gemm.Multiply(true, true, 0, 0, 0, ReadOnlySpan<float>.Empty, 0, ReadOnlySpan<float>.Empty, 0, Span<float>.Empty, 0, false);
        Assert.Equal([7, 8, 9], c);
    }

    [Fact]
    public void Negative_dimension_is_rejected_with_the_shapes()
    {
        var e = Assert.Throws<ArgumentException>(() => Gemm.Multiply(new float[4], new float[4], new float[4], m: -1, n: 2, k: 2));
        Assert.Contains("m = -1", e.Message);
        Assert.Equal("m", e.ParamName);
    }

    [Fact]
    public void Too_short_a_is_rejected_naming_a_and_its_shape()
    {
        var e = Assert.Throws<ArgumentException>(() => Gemm.Multiply(new float[20], new float[35], new float[15], m: 3, n: 5, k: 7));
        Assert.Equal("a", e.ParamName);
        Assert.Contains("A is stored [3, 7]", e.Message);
        Assert.Contains("at least 21", e.Message);
        Assert.Contains("has 20", e.Message);
    }

    [Fact]
    public void Too_short_transposed_b_is_rejected_naming_b_and_its_shape()
    {
        var e = Assert.Throws<ArgumentException>(() =>
            Gemm.Multiply(new float[21], new float[34], new float[15], m: 3, n: 5, k: 7, transposeB: true));
        Assert.Equal("b", e.ParamName);
        Assert.Contains("B is stored [5, 7] (transposed)", e.Message);
    }

    [Fact]
    public void Too_short_c_is_rejected_naming_c()
    {
        var e = Assert.Throws<ArgumentException>(() => Gemm.Multiply(new float[21], new float[35], new float[14], m: 3, n: 5, k: 7));
        Assert.Equal("c", e.ParamName);
        Assert.Contains("C is stored [3, 5]", e.Message);
    }

    [Fact]
    public void Leading_dimension_smaller_than_the_row_is_rejected()
    {
        var e = Assert.Throws<ArgumentException>(() =>
            Gemm.Multiply(false, false, 3, 5, 7, new float[100], 6, new float[100], 5, new float[100], 5, false));
        Assert.Equal("lda", e.ParamName);
        Assert.Contains("lda = 6", e.Message);

        e = Assert.Throws<ArgumentException>(() =>
            Gemm.Multiply(false, false, 3, 5, 7, new float[100], 7, new float[100], 5, new float[100], 4, false));
        Assert.Equal("ldc", e.ParamName);
    }

    [Fact]
    public void Exact_length_submatrix_spans_are_accepted()
    {
        // The last row of a padded operand does not need its padding: (rows - 1)·ld + width suffices.
        var (m, n, k) = (3, 4, 5);
        float[] a = Random(2 * 8 + k, 1), b = Random(4 * 6 + n, 2), c = new float[2 * 7 + n];
        Gemm.Multiply(false, false, m, n, k, a, 8, b, 6, c, 7, false);
        double[] expected = Naive(false, false, m, n, k, a, 8, b, 6, new float[c.Length], 7, false);
        for (int i = 0; i < m; i++)
            for (int j = 0; j < n; j++)
                Assert.Equal(expected[i * 7 + j], c[i * 7 + j], 1e-4);
    }

    // --- helpers -------------------------------------------------------------------------------

    internal static unsafe bool OuterSuits(int m, int n, int k, bool transposeA = true, bool transposeB = false)
        => GemmOuter512.Suits(new GemmOperands(transposeA, transposeB, m, n, k,
            null, transposeA ? m : k, null, transposeB ? k : n, null, n, accumulate: false));

    internal static void AssertMatchesNaive(GemmPath path, int m, int n, int k, bool transposeA, bool transposeB,
        bool accumulate, int padding = 0)
    {
        int aRows = transposeA ? k : m, aWidth = transposeA ? m : k;
        int bRows = transposeB ? n : k, bWidth = transposeB ? k : n;
        int lda = aWidth + padding, ldb = bWidth + padding, ldc = n + padding;
        float[] a = Random(aRows * lda, seed: m * 31 + k);
        float[] b = Random(bRows * ldb, seed: n * 17 + k);
        float[] c = Random(m * ldc, seed: m + n + k);
        float[] before = (float[])c.Clone();

        Gemm.Multiply(path, transposeA, transposeB, m, n, k, a, lda, b, ldb, c, ldc, accumulate);

        double[] magnitude = new double[m * ldc];
        double[] expected = Naive(transposeA, transposeB, m, n, k, a, lda, b, ldb, before, ldc, accumulate, magnitude);
        for (int i = 0; i < m; i++)
        {
            for (int j = 0; j < ldc; j++)
            {
                int at = i * ldc + j;
                if (j >= n)
                {
                    Assert.True(before[at] == c[at],
                        $"padding of C at [{i}, {j}] changed ({path}, m={m} n={n} k={k} tA={transposeA} tB={transposeB})");
                    continue;
                }
                // float32 rounding grows with the number of terms: relative 1e-6·(k+1) of Σ|terms|.
                double tolerance = 1e-6 * (k + 1) * magnitude[at] + 1e-30;
                double error = Math.Abs(c[at] - expected[at]);
                Assert.True(error <= tolerance,
                    $"C[{i}, {j}] = {c[at]} but naive gives {expected[at]} ({path}, m={m} n={n} k={k} tA={transposeA} " +
                    $"tB={transposeB} acc={accumulate} pad={padding}; error {error:E2} > {tolerance:E2})");
            }
        }
    }

    internal static double[] Naive(bool transposeA, bool transposeB, int m, int n, int k, float[] a, int lda,
        float[] b, int ldb, float[] c, int ldc, bool accumulate, double[]? magnitude = null)
    {
        var result = new double[c.Length];
        for (int i = 0; i < m; i++)
        {
            for (int j = 0; j < n; j++)
            {
                double sum = accumulate ? c[i * ldc + j] : 0, size = Math.Abs(sum);
                for (int p = 0; p < k; p++)
                {
                    double term = (double)(transposeA ? a[p * lda + i] : a[i * lda + p])
                        * (transposeB ? b[j * ldb + p] : b[p * ldb + j]);
                    sum += term;
                    size += Math.Abs(term);
                }
                result[i * ldc + j] = sum;
                if (magnitude is not null)
                    magnitude[i * ldc + j] = size;
            }
        }
        return result;
    }

    internal static float[] Random(int length, int seed)
    {
        var random = new Random(seed);
        var values = new float[length];
        for (int i = 0; i < length; i++)
            values[i] = (float)(random.NextDouble() * 2 - 1);
        return values;
    }
}

/// <summary>Tests that change <see cref="KernelThreads.Max"/>, a process-wide setting: never run beside each other.</summary>
[CollectionDefinition(nameof(KernelThreadsCollection), DisableParallelization = true)]
public class KernelThreadsCollection;

[Collection(nameof(KernelThreadsCollection))]
public class GemmThreadingTests
{
    [Theory]
    [InlineData(64, 129, 600, false, false)]
    [InlineData(300, 70, 200, true, false)]     // tall: split over rows
    [InlineData(40, 1000, 128, false, true)]    // wide: split over columns
    [InlineData(1024, 256, 128, true, true)]
    [InlineData(300, 4, 4000, false, true)]     // dot products, split over rows
    [InlineData(40, 10, 12000, true, false)]    // outer products, split over rows off the 16-row vectors
    [InlineData(100, 33, 1300, true, false)]
    public void One_and_two_threads_give_bit_identical_results(int m, int n, int k, bool transposeA, bool transposeB)
    {
        // Every shape must be large enough to be split at all.
        Assert.True((long)m * n * k >= GemmSplit.ParallelThreshold);
        float[] a = GemmTests.Random(m * k, 1), b = GemmTests.Random(k * n, 2);
        float[] c0 = GemmTests.Random(m * n, 3);
        float[] one = (float[])c0.Clone(), two = (float[])c0.Clone(), twoAgain = (float[])c0.Clone();
        int saved = KernelThreads.Max;
        try
        {
            KernelThreads.Max = 1;
            Gemm.Multiply(a, b, one, m, n, k, transposeA, transposeB, accumulate: true);
            KernelThreads.Max = 2;
            Gemm.Multiply(a, b, two, m, n, k, transposeA, transposeB, accumulate: true);
            Gemm.Multiply(a, b, twoAgain, m, n, k, transposeA, transposeB, accumulate: true);
        }
        finally
        {
            KernelThreads.Max = saved;
        }
        Assert.Equal(one, two);
        Assert.Equal(two, twoAgain);
    }

    [Fact]
    public void Thread_limit_below_one_is_rejected()
    {
        int saved = KernelThreads.Max;
        Assert.Throws<ArgumentOutOfRangeException>(() => KernelThreads.Max = 0);
        Assert.Equal(saved, KernelThreads.Max);
    }
}
