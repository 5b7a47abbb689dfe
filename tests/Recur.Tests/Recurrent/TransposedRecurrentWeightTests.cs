using Recur.Kernels;
using Recur.Nn.Recurrent;

namespace Recur.Tests.Recurrent;

/// <summary>
/// The time loop's per-step products read W_hh laid out once per call — packed in the GEMM's panels (forward h·W_hhᵀ and
/// backward dG_h·W_hh), or transposed — instead of repacking W_hh at every step; every output, state and gradient must
/// be the same bits as with the per-step repacking.
/// </summary>
public class TransposedRecurrentWeightTests
{
    private const int T = 5, F = 6;

    public static TheoryData<string, int, int> Shapes()
    {
        var data = new TheoryData<string, int, int>();
        foreach (var kind in RecurrentKinds.All)
        {
            data.Add(kind, 20, 7);     // a short batch: k-blocks of the in-place form are shallower, same here (k = H < 128)
            data.Add(kind, 40, 33);    // ragged tiles of six rows
            data.Add(kind, 128, 32);   // the IMDB classifier's shape
            data.Add(kind, 128, 100);  // the images recipe's (packed in both passes)
        }
        return data;
    }

    [Theory]
    [MemberData(nameof(Shapes))]
    public void Transposing_W_hh_once_gives_the_same_bits(string kind, int hidden, int batch)
    {
        var once = Run(kind, hidden, batch, transposeOnce: true);
        var everyStep = Run(kind, hidden, batch, transposeOnce: false);
        Assert.Equal(everyStep.Length, once.Length);
        for (int i = 0; i < once.Length; i++) Assert.Equal(everyStep[i], once[i]);
    }

    [Fact]
    public void The_course_shapes_take_the_transposed_form()
    {
        if (Gemm.BestPath == GemmPath.Scalar) return;   // the scalar path always repacks
        Assert.True(Gemm.RowMajorBSumsAsTransposed(32, 4 * 128, 128));   // IMDB LSTM(128), B = 32
        Assert.True(Gemm.RowMajorBSumsAsTransposed(64, 4 * 128, 128));   // rt-polarity LSTM(128), B = 64
        Assert.True(Gemm.RowMajorBSumsAsTransposed(64, 32, 32));         // spam RNN(32), B = 64
    }

    [Fact]
    public void The_course_shapes_read_W_hh_packed_in_both_passes()
    {
        if (Gemm.BestPath == GemmPath.Scalar) return;   // the scalar path has no panels
        Assert.True(GemmPackedB.Applies(true, 32, 4 * 128, 128) && GemmPackedB.Applies(false, 32, 128, 4 * 128));    // IMDB LSTM(128)
        Assert.True(GemmPackedB.Applies(true, 100, 3 * 128, 128) && GemmPackedB.Applies(false, 100, 128, 3 * 128));  // images GRU(128)
    }

    /// <summary>Output, h_n, dL/dx and every parameter's gradient of one forward and backward from fixed seeds.</summary>
    private static float[][] Run(string kind, int hidden, int batch, bool transposeOnce)
    {
        var g = new Generator(13);
        var module = RecurrentKinds.Create(kind, F, hidden, layers: 2, bidirectional: true, batchFirst: false, g);
        module.LayOutWeightHhOnce = transposeOnce;
        var input = Tensor.Uniform(g, -1f, 1f, T, batch, F);
        input.RequiresGrad = true;
        int[] lengths = Enumerable.Range(0, batch).Select(b => 1 + b % T).ToArray();
        var weights = Tensor.Uniform(g, -1f, 1f, T, batch, 2 * hidden);
        var r = module.Forward(input, null, null, new Nn.SequenceLengths(lengths, Nn.SequenceSide.Post));
        ((r.Output * weights).Sum() + r.HN.Sum()).Backward();
        return [r.Output.ToArray(), r.HN.ToArray(), input.Grad!.ToArray(), .. module.Parameters().Select(p => p.Grad!.ToArray())];
    }
}
