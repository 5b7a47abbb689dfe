using Recur.Nn;

namespace Recur.Tests.Recurrent;

/// <summary>
/// A recurrent layer's output, h_n and c_n are three outputs of one operation on the tape, whose backward runs once with
/// whichever of their gradients the loss produced: through the output only, h_n only, c_n only, all three, or one of them
/// used twice, the gradients are those of the same loss with explicit zeros for the unused outputs, and they add up.
/// </summary>
public class RecurrentOutputGradientTests
{
    private const int T = 5, B = 4, F = 3, H = 6, Layers = 2;

    [Flags]
    public enum Used
    {
        Output = 1,
        HN = 2,
        CN = 4,
    }

    /// <summary>dL/d(input, h0, c0, parameters) for L = Σ w_out ⊙ output + Σ w_h ⊙ h_n + Σ w_c ⊙ c_n over the used outputs.</summary>
    private static float[][] Gradients(string kind, Used used, bool zerosForUnused, bool hNTwice = false)
    {
        var g = new Generator(5);
        var module = RecurrentKinds.Create(kind, F, H, Layers, bidirectional: true, batchFirst: false, g);
        var input = Tensor.Uniform(g, -1f, 1f, T, B, F);
        var h0 = Tensor.Uniform(g, -0.5f, 0.5f, 2 * Layers, B, H);
        var c0 = Tensor.Uniform(g, -0.5f, 0.5f, 2 * Layers, B, H);
        input.RequiresGrad = h0.RequiresGrad = c0.RequiresGrad = true;
        var wOut = Tensor.Uniform(g, -1f, 1f, T, B, 2 * H);
        var wH = Tensor.Uniform(g, -1f, 1f, 2 * Layers, B, H);
        var wC = Tensor.Uniform(g, -1f, 1f, 2 * Layers, B, H);
        int[] lengths = [T, 2, 0, 4];

        var r = module.Forward(input, h0, module.HasCellState ? c0 : null, lengths);
        var terms = new List<Tensor>();
        Tensor Weight(Used output, Tensor w) => used.HasFlag(output) ? w : Tensor.Zeros(w.Shape);
        if (used.HasFlag(Used.Output) || zerosForUnused) terms.Add((r.Output * Weight(Used.Output, wOut)).Sum());
        if (used.HasFlag(Used.HN) || zerosForUnused)
        {
            if (hNTwice)
            {
                // w_h = ½ w_h + ½ w_h, the two halves through separate uses of h_n
                terms.Add((r.HN * (Weight(Used.HN, wH) * 0.5f)).Sum());
                terms.Add((r.HN * (Weight(Used.HN, wH) * 0.5f)).Sum());
            }
            else terms.Add((r.HN * Weight(Used.HN, wH)).Sum());
        }
        if (r.CN is not null && (used.HasFlag(Used.CN) || zerosForUnused)) terms.Add((r.CN * Weight(Used.CN, wC)).Sum());
        var loss = terms[0];
        for (int i = 1; i < terms.Count; i++) loss = loss + terms[i];
        loss.Backward();

        var result = new List<float[]> { Grad(input), Grad(h0) };
        if (module.HasCellState) result.Add(Grad(c0));
        result.AddRange(module.Parameters().Select(Grad));
        return [.. result];
    }

    private static float[] Grad(Tensor t) => t.Grad?.ToArray() ?? new float[t.Size];

    public static TheoryData<string, Used> Uses()
    {
        var data = new TheoryData<string, Used>();
        foreach (var kind in new[] { "lstm", "gru" })
        {
            data.Add(kind, Used.Output);
            data.Add(kind, Used.HN);
            data.Add(kind, Used.Output | Used.HN);
            if (kind == "lstm")
            {
                data.Add(kind, Used.CN);
                data.Add(kind, Used.Output | Used.HN | Used.CN);
            }
        }
        return data;
    }

    [Theory]
    [MemberData(nameof(Uses))]
    public void Gradients_of_the_used_outputs_equal_those_with_zeros_for_the_others(string kind, Used used)
    {
        var joint = Gradients(kind, used, zerosForUnused: false);
        var zeros = Gradients(kind, used, zerosForUnused: true);
        Assert.Equal(zeros.Length, joint.Length);
        for (int i = 0; i < joint.Length; i++) Assert.Equal(zeros[i], joint[i]);
    }

    [Theory]
    [InlineData("lstm")]
    [InlineData("gru")]
    public void Gradients_of_all_outputs_are_the_sums_of_each_outputs(string kind)
    {
        var all = Gradients(kind, Used.Output | Used.HN | Used.CN, zerosForUnused: false);
        Used[] outputs = kind == "lstm" ? [Used.Output, Used.HN, Used.CN] : [Used.Output, Used.HN];
        var parts = outputs.Select(u => Gradients(kind, u, zerosForUnused: false)).ToArray();
        for (int i = 0; i < all.Length; i++)
            for (int j = 0; j < all[i].Length; j++)
            {
                float sum = 0f;
                foreach (var part in parts) sum += part[i][j];
                Assert.True(Math.Abs(all[i][j] - sum) <= 1e-5f + 1e-5f * Math.Abs(sum), $"{kind} gradient {i}[{j}]: all three {all[i][j]}, sum of each {sum}");
            }
    }

    [Theory]
    [InlineData("lstm")]
    [InlineData("gru")]
    public void H_n_used_twice_gives_the_gradient_of_its_two_uses_together(string kind)
    {
        var once = Gradients(kind, Used.Output | Used.HN, zerosForUnused: false);
        var twice = Gradients(kind, Used.Output | Used.HN, zerosForUnused: false, hNTwice: true);
        for (int i = 0; i < once.Length; i++)
            for (int j = 0; j < once[i].Length; j++)
                Assert.True(Math.Abs(once[i][j] - twice[i][j]) <= 1e-5f + 1e-5f * Math.Abs(once[i][j]),
                    $"{kind} gradient {i}[{j}]: once {once[i][j]}, twice {twice[i][j]}");
    }
}
