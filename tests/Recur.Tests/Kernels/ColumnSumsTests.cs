using Recur.Kernels;
using Xunit;

namespace Recur.Tests.Kernels;

/// <summary>
/// The bias gradients' column sums: every column summed in its documented order (blocks of 64 rows from zero, the block
/// sums added in order, the total added to the target), the same bits on one and two threads.
/// </summary>
[Collection(nameof(KernelThreadsCollection))]
public class ColumnSumsTests
{
    // The order written out one column at a time, in float.
    private static float[] Reference(float[] m, int rows, int cols, float[] target)
    {
        var result = (float[])target.Clone();
        for (int j = 0; j < cols; j++)
        {
            float total = 0f;
            for (int r0 = 0; r0 < rows; r0 += 64)
            {
                float block = 0f;
                for (int r = r0; r < Math.Min(rows, r0 + 64); r++) block += m[r * cols + j];
                total += block;
            }
            result[j] += total;
        }
        return result;
    }

    [Theory]
    [InlineData(2800, 384)]    // the MNIST GRU's gates over all steps: split over threads
    [InlineData(2560, 512)]    // the IMDB LSTM's, wider than one tile of accumulators
    [InlineData(130, 21)]      // a masked tail, rows not a multiple of 64, below the threshold
    [InlineData(1000, 300)]    // split, with a masked tail in the second part
    [InlineData(1, 1)]
    public void Column_sums_follow_the_documented_order_on_one_and_two_threads(int rows, int cols)
    {
        var random = new Random(rows + cols);
        var m = Enumerable.Range(0, rows * cols).Select(_ => (float)(random.NextDouble() * 2 - 1) * 1e3f).ToArray();
        var target = Enumerable.Range(0, cols + 3).Select(_ => (float)random.NextDouble()).ToArray();
        var expected = Reference(m, rows, cols, target);
        var (one, two) = OneAndTwoThreads.Run(() =>
        {
            var result = (float[])target.Clone();
            ColumnSums.Add(m, rows, cols, result.AsSpan(0, cols));
            return result;
        });
        Assert.Equal(expected, one);
        Assert.Equal(expected, two);
    }

    [Theory]
    [InlineData(2800, 128, 384, 256)]   // the MNIST GRU's n block of dG_h: 128 of 384 columns, from column 256
    [InlineData(300, 37, 100, 50)]
    public void Column_sums_of_a_block_of_columns_equal_those_of_the_whole_matrix(int rows, int cols, int ld, int first)
    {
        var random = new Random(rows + ld);
        var m = Enumerable.Range(0, rows * ld).Select(_ => (float)(random.NextDouble() * 2 - 1)).ToArray();
        var whole = Reference(m, rows, ld, new float[ld]);
        var (one, two) = OneAndTwoThreads.Run(() =>
        {
            var result = new float[cols];
            ColumnSums.Add(m.AsSpan(first), rows, cols, ld, result);
            return result;
        });
        Assert.Equal(whole.AsSpan(first, cols).ToArray(), one);
        Assert.Equal(whole.AsSpan(first, cols).ToArray(), two);
    }

    [Fact]
    public void A_matrix_smaller_than_its_shape_is_refused_with_the_shape()
    {
        var e = Assert.Throws<ArgumentException>(() => ColumnSums.Add(new float[10], 4, 3, new float[3]));
        Assert.Contains("[4, 3]", e.Message);
    }
}
