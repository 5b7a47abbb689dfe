using Recur.Kernels;
using Recur.Nn;
using Recur.Nn.Recurrent;
using Recur.Nn.Recurrent.Kernels;
using Recur.Tests.Kernels;

namespace Recur.Tests.Recurrent;

/// <summary>
/// The LSTM kernel for a hidden size that fits one vector (<see cref="LstmOneVectorKernel"/>: blocked rows, the recurrent
/// product inside the cell pass, σ over the flat gates) against the reference <see cref="LstmKernel"/> (a GEMM per step,
/// one row at a time), on batches large enough for its four-row groups, ragged ends and partial blocks; and the same
/// results whatever the thread count.
/// </summary>
[Collection(nameof(KernelThreadsCollection))]
public class LstmOneVectorKernelTests
{
    private const int T = 6, F = 5;

    private sealed record Run(float[] Output, float[] HN, float[] CN, float[] DInput, float[] DH0, float[] DC0, Dictionary<string, float[]> DParameters);

    private static Run Train(int hidden, int batch, int layers, bool bidirectional, bool ragged, bool oneVectorKernel, ulong seed = 7)
    {
        var g = new Generator(seed);
        int d = bidirectional ? 2 : 1;
        var lstm = new LSTM(F, hidden, layers, bias: true, batchFirst: false, dropout: 0f, bidirectional: bidirectional, generator: g);
        // H wider than one vector has the reference kernel only.
        lstm.TimeLoop = oneVectorKernel && LstmOneVectorKernel.Fits(hidden) ? TimeLoop.For<LstmOneVectorKernel>() : TimeLoop.For<LstmKernel>();
        var input = Tensor.Uniform(g, -1f, 1f, T, batch, F);
        input.RequiresGrad = true;
        var h0 = Tensor.Uniform(g, -0.5f, 0.5f, layers * d, batch, hidden);
        var c0 = Tensor.Uniform(g, -0.5f, 0.5f, layers * d, batch, hidden);
        h0.RequiresGrad = true;
        c0.RequiresGrad = true;
        // Ragged: some four-row groups mix ended and running rows, some rows end after one step.
        int[]? lengths = ragged ? Enumerable.Range(0, batch).Select(b => 1 + (b * 7 + b / 3) % T).ToArray() : null;
        var wOut = Tensor.Uniform(g, -1f, 1f, T, batch, d * hidden);
        var wH = Tensor.Uniform(g, -1f, 1f, layers * d, batch, hidden);
        var wC = Tensor.Uniform(g, -1f, 1f, layers * d, batch, hidden);
        var r = lstm.Forward(input, h0, c0, lengths);
        var loss = (r.Output * wOut).Sum() + (r.HN * wH).Sum() + (r.CN! * wC).Sum();
        loss.Backward();
        return new Run(r.Output.ToArray(), r.HN.ToArray(), r.CN!.ToArray(), input.Grad!.ToArray(), h0.Grad!.ToArray(), c0.Grad!.ToArray(),
            lstm.NamedParameters().ToDictionary(p => p.Name, p => p.Parameter.Grad!.ToArray()));
    }

    private static void AssertClose(float[] expected, float[] actual, string what)
    {
        Assert.Equal(expected.Length, actual.Length);
        for (int i = 0; i < expected.Length; i++)
            Assert.True(Math.Abs(expected[i] - actual[i]) <= 1e-5 + 1e-5 * Math.Abs(expected[i]),
                $"{what}[{i}]: reference kernel {expected[i]}, one-vector kernel {actual[i]}");
    }

    public static TheoryData<int, int, int, bool, bool> Shapes() => new()
    {
        { 10, 37, 1, false, false },   // the stock model's H; 37 rows = two blocks of 16 + a partial one, a ragged four-row end
        { 10, 37, 1, false, true },
        { 3, 21, 2, true, true },
        { 16, 9, 1, false, true },     // a full vector
        { 1, 5, 1, true, false },
    };

    [Theory]
    [MemberData(nameof(Shapes))]
    public void Matches_the_reference_kernel(int hidden, int batch, int layers, bool bidirectional, bool ragged)
    {
        var general = Train(hidden, batch, layers, bidirectional, ragged, oneVectorKernel: false);
        var small = Train(hidden, batch, layers, bidirectional, ragged, oneVectorKernel: true);
        AssertClose(general.Output, small.Output, "output");
        AssertClose(general.HN, small.HN, "h_n");
        AssertClose(general.CN, small.CN, "c_n");
        AssertClose(general.DInput, small.DInput, "d input");
        AssertClose(general.DH0, small.DH0, "d h0");
        AssertClose(general.DC0, small.DC0, "d c0");
        foreach (var (name, grad) in general.DParameters)
            AssertClose(grad, small.DParameters[name], $"d {name}");
    }

    [Fact]
    public void An_lstm_runs_the_one_vector_kernel_exactly_when_its_hidden_size_fits_one_vector()
    {
        Assert.Equal(typeof(LstmOneVectorKernel), new LSTM(3, FloatVector.Lanes).TimeLoop.GetType().GetGenericArguments()[0]);
        Assert.Equal(typeof(LstmKernel), new LSTM(3, FloatVector.Lanes + 1).TimeLoop.GetType().GetGenericArguments()[0]);
        Assert.Throws<ArgumentException>(() => new LSTM(3, FloatVector.Lanes + 1).TimeLoop = TimeLoop.For<LstmOneVectorKernel>());
    }

    [Fact]
    public void Gives_the_same_bits_on_one_and_two_threads()
    {
        // 1100 rows × 4 gates × H = 10 is enough work per step for the time loop to split the rows between threads.
        Assert.True(TimeLoopParts.Count(4, 10, 1100, threads: 2) > 1);
        var (one, two) = OneAndTwoThreads.Run(() => Train(10, 1100, 1, false, true, oneVectorKernel: true));
        Assert.Equal(one.Output, two.Output);
        Assert.Equal(one.DInput, two.DInput);
        Assert.Equal(one.DH0, two.DH0);
        foreach (var (name, grad) in one.DParameters)
            Assert.Equal(grad, two.DParameters[name]);
    }
}
