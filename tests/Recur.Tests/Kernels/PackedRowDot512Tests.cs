using Recur.Kernels;
using Recur.Nn;
using Xunit;

namespace Recur.Tests.Kernels;

/// <summary>
/// The batch-1 recurrent product from W packed once: the same bits as the GEMM it stands in for, and the recurrent layers
/// that use it for one sequence agree with the same sequence run in a batch.
/// </summary>
public class PackedRowDot512Tests
{
    [Theory]
    [InlineData(384, 128, false)]
    [InlineData(512, 128, true)]
    [InlineData(48, 32, false)]
    [InlineData(32, 64, true)]
    public unsafe void Packed_product_is_the_gemms_bit_for_bit(int n, int k, bool accumulate)
    {
        if (Gemm.BestPath != GemmPath.Avx512)
        {
            Assert.False(PackedRowDot512.Applies(n, k));   // elsewhere the time loop keeps the GEMM
            return;
        }
        Assert.True(PackedRowDot512.Applies(n, k));
        // Magnitudes from 1e-6 to 1e6, so that another order of additions would round differently.
        var random = new Random(n + k);
        float Draw() => (float)((random.NextDouble() * 2 - 1) * Math.Pow(10, random.Next(-6, 7)));
        var x = Enumerable.Range(0, k).Select(_ => Draw()).ToArray();
        var w = Enumerable.Range(0, n * k).Select(_ => Draw()).ToArray();
        var start = Enumerable.Range(0, n).Select(_ => Draw()).ToArray();
        var expected = (float[])start.Clone();
        Gemm.Multiply(false, true, 1, n, k, x, k, w, k, expected, n, accumulate);

        var packed = new float[n * k];
        var actual = (float[])start.Clone();
        fixed (float* xp = x, wp = w, pp = packed, cp = actual)
        {
            PackedRowDot512.Pack(wp, n, k, pp);
            PackedRowDot512.Multiply(xp, n, k, pp, cp, accumulate);
        }

        Assert.Equal(expected.Select(BitConverter.SingleToInt32Bits), actual.Select(BitConverter.SingleToInt32Bits));
    }

    [Fact]
    public void Only_whole_panels_of_a_product_the_dot_kernel_runs_are_packed()
    {
        Assert.False(PackedRowDot512.Applies(40, 128));   // 40 rows: a partial panel
        Assert.False(PackedRowDot512.Applies(384, 20));   // k not whole blocks
    }

    [Theory]
    [InlineData("gru")]
    [InlineData("lstm")]
    [InlineData("rnn")]
    public void One_sequence_gives_what_the_same_sequence_gives_in_a_batch(string kind)
    {
        var generator = new Generator(5);
        RecurrentBase layer = kind switch
        {
            "gru" => new GRU(28, 128, numLayers: 2, batchFirst: true, generator: generator),
            "lstm" => new LSTM(12, 32, batchFirst: true, generator: generator),
            _ => new RNN(12, 64, batchFirst: true, generator: generator),
        };
        layer.Eval();
        var batch = Tensor.Randn(generator, 3, 9, layer.InputSize);

        var alone = layer.Forward(batch.Narrow(0, 0, 1));
        var inBatch = layer.Forward(batch);

        // Another kernel sums the batch's products: equal to float rounding, not to the bit.
        var a = alone.Output.ToArray();
        var b = inBatch.Output.Narrow(0, 0, 1).ToArray();
        Assert.Equal(a.Length, b.Length);
        for (int i = 0; i < a.Length; i++) Assert.True(Math.Abs(a[i] - b[i]) <= 1e-5f, $"element {i}: {a[i]} alone, {b[i]} in the batch");
        var h = alone.HN.ToArray();
        var hb = inBatch.HN.Narrow(1, 0, 1).ToArray();
        for (int i = 0; i < h.Length; i++) Assert.True(Math.Abs(h[i] - hb[i]) <= 1e-5f, $"h_n {i}: {h[i]} alone, {hb[i]} in the batch");
    }
}
