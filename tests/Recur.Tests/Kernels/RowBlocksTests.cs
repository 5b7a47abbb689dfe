using Recur.Kernels;
using Xunit;

namespace Recur.Tests.Kernels;

/// <summary>The short-row kernels against plain index loops.</summary>
[Collection(nameof(KernelThreadsCollection))]
public class RowBlocksTests
{
    [Theory]
    [InlineData(80, 32, 128, false)]   // the IMDB LSTM's output to batch-first: split over two threads
    [InlineData(28, 100, 128, true)]   // a gradient added back batch-first, split
    [InlineData(7, 507, 10, false)]
    [InlineData(60, 64, 32, true)]
    [InlineData(3, 5, 17, true)]
    [InlineData(2, 3, 1, false)]
    public void SwapLeadingAxes_matches_the_index_loop(int a, int b, int inner, bool accumulate)
    {
        var random = new Random(a * 31 + b);
        var source = Enumerable.Range(0, a * b * inner).Select(_ => (float)random.NextDouble()).ToArray();
        var target = Enumerable.Range(0, a * b * inner + 5).Select(_ => (float)random.NextDouble()).ToArray();
        var expected = (float[])target.Clone();
        for (int i = 0; i < a; i++)
            for (int j = 0; j < b; j++)
                for (int k = 0; k < inner; k++)
                {
                    float value = source[(i * b + j) * inner + k];
                    int at = (j * a + i) * inner + k;
                    expected[at] = accumulate ? expected[at] + value : value;
                }
        var (one, two) = OneAndTwoThreads.Run(() =>
        {
            var result = (float[])target.Clone();
            RowBlocks.SwapLeadingAxes(source, result, a, b, inner, accumulate);
            return result;
        });
        Assert.Equal(expected, one);
        Assert.Equal(expected, two);
    }

    [Fact]
    public void ScatterAdd_adds_rows_in_order_and_skips_the_frozen_id()
    {
        const int width = 19, rows = 40, table = 7;
        var random = new Random(3);
        var values = Enumerable.Range(0, rows * width).Select(_ => (float)random.NextDouble()).ToArray();
        var ids = Enumerable.Range(0, rows).Select(_ => random.Next(table)).ToArray();
        var target = new float[table * width];
        var expected = new float[table * width];
        for (int i = 0; i < rows; i++)
            if (ids[i] != 2)
                for (int k = 0; k < width; k++) expected[ids[i] * width + k] += values[i * width + k];
        RowBlocks.ScatterAdd(values, ids, target, width, skippedId: 2);
        Assert.Equal(expected, target);
    }
}
