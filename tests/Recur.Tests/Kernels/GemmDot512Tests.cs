using System.Runtime.Intrinsics;
using Recur.Kernels;
using Xunit;

namespace Recur.Tests.Kernels;

/// <summary>
/// The AVX-512 dot-product GEMM: its transposing reduction tree against the same tree on one vector, its tile shapes
/// (1×16, 16×1, 4×4 and their edges) against a double-precision product, and every tile shape giving an element the same bits.
/// </summary>
public class GemmDot512Tests
{
    [Fact]
    public void Transposing_reduction_gives_each_vector_the_sum_of_the_one_vector_tree_bit_for_bit()
    {
        if (!Vector512.IsHardwareAccelerated) return;
        // Magnitudes from 1e-8 to 1e8, so that another order of additions would round differently.
        var random = new Random(7);
        var vectors = new Vector512<float>[16];
        for (int v = 0; v < 16; v++)
        {
            var lanes = new float[16];
            for (int l = 0; l < 16; l++)
                lanes[l] = (float)((random.NextDouble() * 2 - 1) * Math.Pow(10, random.Next(-8, 9)));
            vectors[v] = Vector512.Create(lanes);
        }

        var sums = LaneSums512.Transposed(vectors[0], vectors[1], vectors[2], vectors[3], vectors[4], vectors[5], vectors[6],
            vectors[7], vectors[8], vectors[9], vectors[10], vectors[11], vectors[12], vectors[13], vectors[14], vectors[15]);

        bool orderMatters = false;
        for (int q = 0; q < 4; q++)
        {
            for (int f = 0; f < 4; f++)
            {
                var v = vectors[4 * f + q];
                float expected = Tree(v);
                Assert.Equal(BitConverter.SingleToInt32Bits(expected), BitConverter.SingleToInt32Bits(sums[4 * q + f]));
                float sequential = 0;
                for (int l = 0; l < 16; l++) sequential += v[l];
                orderMatters |= sequential != expected;
            }
        }
        Assert.True(orderMatters, "the data should tell a sequential sum from the tree");
    }

    [Theory]
    [InlineData(1, 384, 128)]    // batch-1 h·W_hhᵀ of the MNIST GRU: whole 1×16 tiles
    [InlineData(1, 10, 128)]     // its Linear head: only the 1×4 edge
    [InlineData(1, 37, 70)]      // two 1×16 tiles and an edge of 5, k with a partial chunk
    [InlineData(3, 50, 260)]     // 3×4 tiles
    [InlineData(37, 1, 300)]     // a column against 16 rows, and a 4×1 edge of 5
    [InlineData(40, 3, 45)]      // 4×3 tiles
    [InlineData(9, 7, 600)]      // 4×4 tiles with edges
    public void Each_tile_shape_matches_the_naive_product(int m, int n, int k)
    {
        if (!Vector512.IsHardwareAccelerated) return;
        Assert.True(DotSuits(m, n, k), $"({m}×{k})·({k}×{n})ᵀ should take the dot-product path");
        foreach (bool accumulate in new[] { false, true })
            foreach (int padding in new[] { 0, 5 })
                GemmTests.AssertMatchesNaive(GemmPath.Avx512, m, n, k, transposeA: false, transposeB: true, accumulate, padding);
    }

    [Theory]
    [InlineData(12, 20, 512)]   // rows alone: 1×16 tiles and a 1×4 edge
    [InlineData(12, 20, 530)]   // … with a partial last chunk of k
    [InlineData(20, 12, 128)]   // columns alone: 16×1 tiles and a 4×1 edge
    [InlineData(20, 12, 300)]
    public void An_element_has_the_same_bits_from_every_tile_shape(int m, int n, int k)
    {
        if (!Vector512.IsHardwareAccelerated) return;
        // The whole C takes 4×4 tiles (with edges); each row alone (m = 1) and each column alone (n = 1, B a contiguous
        // column) take the other shapes.
        Assert.True(DotSuits(m, n, k), $"({m}×{k})·({k}×{n})ᵀ should take the dot-product path");
        float[] a = GemmTests.Random(m * k, 1), b = GemmTests.Random(n * k, 2);
        var whole = new float[m * n];
        Gemm.Multiply(GemmPath.Avx512, false, true, m, n, k, a, k, b, k, whole, n, accumulate: false);

        var row = new float[n];
        for (int i = 0; i < m; i++)
        {
            Assert.True(DotSuits(1, n, k));
            Gemm.Multiply(GemmPath.Avx512, false, true, 1, n, k, a.AsSpan(i * k, k), k, b, k, row, n, accumulate: false);
            for (int j = 0; j < n; j++)
                AssertSameBits(whole[i * n + j], row[j], $"C[{i}, {j}] from 4×4 tiles and from its row alone (k={k})");
        }
        var column = new float[m];
        for (int j = 0; j < n; j++)
        {
            Assert.True(DotSuits(m, 1, k, transposeB: false));
            Gemm.Multiply(GemmPath.Avx512, false, false, m, 1, k, a, k, b.AsSpan(j * k, k), 1, column, 1, accumulate: false);
            for (int i = 0; i < m; i++)
                AssertSameBits(whole[i * n + j], column[i], $"C[{i}, {j}] from 4×4 tiles and from its column alone (k={k})");
        }
    }

    private static void AssertSameBits(float expected, float actual, string what) =>
        Assert.True(BitConverter.SingleToInt32Bits(expected) == BitConverter.SingleToInt32Bits(actual), $"{what}: {expected} and {actual}");

    // The tree the reduction must follow: lanes i and i + 8 (i < 8), then at distance 4, 2, 1.
    private static float Tree(Vector512<float> v)
    {
        var s = new float[16];
        v.CopyTo(s);
        for (int width = 8; width >= 1; width /= 2)
            for (int i = 0; i < width; i++)
                s[i] += s[i + width];
        return s[0];
    }

    private static unsafe bool DotSuits(int m, int n, int k, bool transposeB = true)
        => GemmDot512.Suits(new GemmOperands(false, transposeB, m, n, k, null, k, null, transposeB ? k : 1, null, n, accumulate: false));
}
