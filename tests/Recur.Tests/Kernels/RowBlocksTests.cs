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

    [Theory]
    [InlineData(2560, 128)]   // the IMDB embedding's gradient: large enough to split its columns over two threads
    [InlineData(2000, 40)]    // a ragged last vector in the second thread's columns
    [InlineData(3000, 16)]    // one vector wide: not split
    public void A_large_ScatterAdd_is_the_index_loop_on_one_thread_and_two(int rows, int width)
    {
        const int table = 300;   // few rows: many ids repeat, so the order of their additions shows in the bits
        var random = new Random(rows + width);
        var values = Enumerable.Range(0, rows * width).Select(_ => (float)((random.NextDouble() - 0.5) * Math.Pow(10, random.Next(-4, 5)))).ToArray();
        var ids = Enumerable.Range(0, rows).Select(_ => random.Next(table)).ToArray();
        var start = Enumerable.Range(0, table * width).Select(_ => (float)random.NextDouble()).ToArray();
        var expected = (float[])start.Clone();
        for (int i = 0; i < rows; i++)
            if (ids[i] != 5)
                for (int k = 0; k < width; k++) expected[ids[i] * width + k] += values[i * width + k];
        var (one, two) = OneAndTwoThreads.Run(() =>
        {
            var target = (float[])start.Clone();
            RowBlocks.ScatterAdd(values, ids, target, width, skippedId: 5);
            return target;
        });
        Assert.Equal(expected, one);
        Assert.Equal(expected, two);
    }

    [Theory]
    [InlineData(2560, 128)]   // the IMDB embedding lookup: split over two threads
    [InlineData(7, 10)]
    public void Gather_copies_the_rows_of_the_ids_on_one_thread_and_two(int count, int width)
    {
        const int table = 500;
        var random = new Random(count);
        var source = Enumerable.Range(0, table * width).Select(_ => (float)random.NextDouble()).ToArray();
        var ids = Enumerable.Range(0, count).Select(_ => random.Next(table)).ToArray();
        var expected = ids.SelectMany(id => source.Skip(id * width).Take(width)).ToArray();
        var (one, two) = OneAndTwoThreads.Run(() =>
        {
            var target = new float[count * width];
            RowBlocks.Gather(source, ids, target, width);
            return target;
        });
        Assert.Equal(expected, one);
        Assert.Equal(expected, two);
    }

    [Theory]
    [InlineData(1_280_000)]   // the IMDB embedding's gradient: split
    [InlineData(ParallelClear.Threshold + 5)]
    [InlineData(1000)]
    public void ParallelClear_zeroes_every_element_and_nothing_past_the_span(int length)
    {
        var (one, two) = OneAndTwoThreads.Run(() =>
        {
            var values = Enumerable.Repeat(-3f, length + 7).ToArray();
            ParallelClear.Clear(values.AsSpan(0, length));
            return values;
        });
        foreach (var values in new[] { one, two })
        {
            Assert.All(values.Take(length), v => Assert.Equal(0f, v));
            Assert.All(values.Skip(length), v => Assert.Equal(-3f, v));
        }
    }
}
