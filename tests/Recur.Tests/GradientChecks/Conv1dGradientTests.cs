using Recur.Nn;
using Xunit;

namespace Recur.Tests.GradientChecks;

/// <summary>1-D convolution against a direct double-precision loop, for each stride, padding, dilation and layout.</summary>
public class Conv1dGradientTests
{
    /// <summary>y[b, o, t] = bias[o] + Σ_c Σ_j w[o, c, j]·x[b, c, t·stride + j·dilation − padStart] (zero outside the input).</summary>
    internal static DoubleTensor Reference(DoubleTensor x, DoubleTensor w, DoubleTensor? bias, int stride, int padStart, int padEnd,
        int dilation, bool channelsLast)
    {
        bool batched = x.Rank == 3;
        int batch = batched ? x.Shape[0] : 1, outChannels = w.Shape[0], inChannels = w.Shape[1], taps = w.Shape[2];
        int length = channelsLast ? x.Shape[^2] : x.Shape[^1];
        int outLength = (length + padStart + padEnd - dilation * (taps - 1) - 1) / stride + 1;
        var y = new double[batch * outChannels * outLength];
        for (int b = 0; b < batch; b++)
            for (int o = 0; o < outChannels; o++)
                for (int t = 0; t < outLength; t++)
                {
                    double sum = bias is null ? 0 : bias.Data[o];
                    for (int c = 0; c < inChannels; c++)
                        for (int j = 0; j < taps; j++)
                        {
                            int position = t * stride + j * dilation - padStart;
                            if (position < 0 || position >= length) continue;
                            double input = channelsLast ? x.Data[(b * length + position) * inChannels + c] : x.Data[(b * inChannels + c) * length + position];
                            sum += w.Data[(o * inChannels + c) * taps + j] * input;
                        }
                    y[channelsLast ? (b * outLength + t) * outChannels + o : (b * outChannels + o) * outLength + t] = sum;
                }
        int[] perItem = channelsLast ? [outLength, outChannels] : [outChannels, outLength];
        return new DoubleTensor(y, batched ? [batch, .. perItem] : perItem);
    }

    private static void Check(int batch, int inChannels, int length, int outChannels, int kernelSize, int stride, int padStart, int padEnd,
        int dilation, bool bias, bool channelsLast, bool unbatched = false)
    {
        int[] perItem = channelsLast ? [length, inChannels] : [inChannels, length];
        var x = CheckInput.Uniform("x", 301, -1, 1, unbatched ? perItem : [batch, .. perItem]);
        var w = CheckInput.Uniform("weight", 302, -1, 1, outChannels, inChannels, kernelSize);
        var b = CheckInput.Uniform("bias", 303, -1, 1, outChannels);
        string op = $"conv1d x {Tensor.ShapeText(x.Shape)} k={kernelSize} stride={stride} padding=({padStart}, {padEnd}) " +
            $"dilation={dilation} bias={bias} channelsLast={channelsLast}";
        if (bias)
            GradientCheck.AgainstReference(op, t => Tensor.Conv1d(t[0], t[1], t[2], stride, (padStart, padEnd), dilation, channelsLast),
                t => Reference(t[0], t[1], t[2], stride, padStart, padEnd, dilation, channelsLast), x, w, b);
        else
            GradientCheck.AgainstReference(op, t => Tensor.Conv1d(t[0], t[1], null, stride, (padStart, padEnd), dilation, channelsLast),
                t => Reference(t[0], t[1], null, stride, padStart, padEnd, dilation, channelsLast), x, w);
    }

    [Theory]
    [InlineData(1, 0, 1, false)]
    [InlineData(2, 1, 1, false)]
    [InlineData(1, 2, 2, false)]
    [InlineData(3, 2, 2, false)]
    [InlineData(2, 0, 3, false)]
    [InlineData(1, 0, 1, true)]
    [InlineData(2, 1, 1, true)]
    [InlineData(1, 2, 2, true)]
    [InlineData(3, 2, 2, true)]
    [InlineData(2, 0, 3, true)]
    public void Conv1d_gradients_match_finite_differences_for_stride_padding_dilation(int stride, int padding, int dilation, bool channelsLast) =>
        Check(batch: 2, inChannels: 3, length: 11, outChannels: 4, kernelSize: 3, stride, padding, padding, dilation, bias: true, channelsLast);

    [Theory]
    [InlineData(1, 0, 1, false)]
    [InlineData(2, 1, 1, false)]
    [InlineData(3, 2, 2, false)]
    [InlineData(1, 0, 1, true)]
    [InlineData(2, 1, 1, true)]
    [InlineData(3, 2, 2, true)]
    public void Conv1d_gradients_match_finite_differences_when_the_output_gradient_is_mostly_zero(int stride, int padding, int dilation,
        bool channelsLast)
    {
        // As behind max pooling: one output in eleven gets a gradient, so the backward pass visits the nonzeros only.
        var x = CheckInput.Uniform("x", 316, -1, 1, channelsLast ? [2, 11, 3] : [2, 3, 11]);
        var w = CheckInput.Uniform("weight", 317, -1, 1, 4, 3, 3);
        var b = CheckInput.Uniform("bias", 318, -1, 1, 4);
        var outShape = Reference(x.ToDouble(), w.ToDouble(), b.ToDouble(), stride, padding, padding, dilation, channelsLast).Shape;
        var mask = new float[DoubleTensor.SizeOf(outShape)];
        for (int i = 0; i < mask.Length; i += 11) mask[i] = 1;
        var maskTensor = Tensor.FromArray(mask, outShape);
        GradientCheck.AgainstReference($"conv1d stride={stride} padding={padding} dilation={dilation} channelsLast={channelsLast}, sparse dy",
            t => Tensor.Conv1d(t[0], t[1], t[2], stride, padding, dilation, channelsLast) * maskTensor,
            t => Reference(t[0], t[1], t[2], stride, padding, padding, dilation, channelsLast) * new DoubleTensor(mask.Select(m => (double)m).ToArray(), outShape),
            x, w, b);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Conv1d_without_bias_gradients_match_finite_differences(bool channelsLast) =>
        Check(2, 3, 9, 4, 3, 1, 1, 1, 1, bias: false, channelsLast);

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Conv1d_on_unbatched_input_gradients_match_finite_differences(bool channelsLast) =>
        Check(1, 3, 8, 2, 2, 1, 0, 0, 1, bias: true, channelsLast, unbatched: true);

    [Theory]
    [InlineData(4, 0, 1, false)]   // Keras "causal", dilation 2, k = 3
    [InlineData(1, 2, 1, false)]   // Keras "same", k = 4
    [InlineData(4, 0, 1, true)]
    [InlineData(1, 2, 1, true)]
    public void Conv1d_with_asymmetric_padding_gradients_match_finite_differences(int padStart, int padEnd, int stride, bool channelsLast) =>
        Check(2, 3, 7, 3, padStart == 4 ? 3 : 4, stride, padStart, padEnd, padStart == 4 ? 2 : 1, bias: true, channelsLast);

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Conv1d_with_kernel_one_and_with_kernel_spanning_the_padded_input_match_finite_differences(bool channelsLast)
    {
        Check(2, 4, 6, 3, 1, 1, 0, 0, 1, bias: true, channelsLast);
        Check(2, 3, 4, 2, 6, 1, 1, 1, 1, bias: true, channelsLast);   // L_out = 1
        Check(2, 3, 12, 2, 2, 3, 0, 0, 1, bias: true, channelsLast);  // stride beyond the kernel skips inputs
    }

    [Theory]
    [InlineData(true, false)]
    [InlineData(false, true)]
    public void Conv1d_gradients_match_finite_differences_when_input_or_weight_is_constant(bool inputConstant, bool weightConstant)
    {
        var x = CheckInput.Uniform("x", 304, -1, 1, 2, 3, 8);
        var w = CheckInput.Uniform("weight", 305, -1, 1, 4, 3, 3);
        var b = CheckInput.Uniform("bias", 306, -1, 1, 4);
        GradientCheck.AgainstReference("conv1d with a constant operand", t => Tensor.Conv1d(t[0], t[1], t[2], padding: 1),
            t => Reference(t[0], t[1], t[2], 1, 1, 1, 1, false),
            inputConstant ? x.Constant() : x, weightConstant ? w.Constant() : w, b);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Conv1d_forward_and_gradients_match_double_formulas_for_shapes_that_split_over_threads(bool channelsLast)
    {
        // 70 output channels cross the GEMM's 64-wide and 6-row tiles; B·L_out·C_out·C_in·k ≈ 11M multiply-adds splits over
        // threads. Gradients against their closed forms in double (finite differences would be too slow here).
        const int batch = 16, inChannels = 20, length = 100, outChannels = 70, taps = 5, padding = 2;
        int[] xShape = channelsLast ? [batch, length, inChannels] : [batch, inChannels, length];
        var xi = CheckInput.Uniform("x", 307, -1, 1, xShape);
        var wi = CheckInput.Uniform("weight", 308, -1, 1, outChannels, inChannels, taps);
        var bi = CheckInput.Uniform("bias", 309, -1, 1, outChannels);
        var (x, w, b) = (xi.ToTensor(), wi.ToTensor(), bi.ToTensor());
        var y = Tensor.Conv1d(x, w, b, padding: padding, channelsLast: channelsLast);
        var gi = CheckInput.Uniform("g", 310, -1, 1, y.Shape);
        y.Backward(gi.ToTensor().Detach());

        var expected = Reference(xi.ToDouble(), wi.ToDouble(), bi.ToDouble(), 1, padding, padding, 1, channelsLast);
        AssertClose("y", expected.Data, y);
        // dx[b, c, p] = Σ_o,j g[b, o, p + padding − j]·w[o, c, j];  dw[o, c, j] = Σ_b,t g[b, o, t]·x[b, c, t + j − padding];  db[o] = Σ g[·, o, ·]
        var g = gi.ToDouble().Data;
        double[] dx = new double[x.Size], dw = new double[w.Size], db = new double[outChannels];
        for (int n = 0; n < batch; n++)
            for (int o = 0; o < outChannels; o++)
                for (int t = 0; t < length; t++)
                {
                    double gy = g[channelsLast ? (n * length + t) * outChannels + o : (n * outChannels + o) * length + t];
                    db[o] += gy;
                    for (int c = 0; c < inChannels; c++)
                        for (int j = 0; j < taps; j++)
                        {
                            int p = t + j - padding;
                            if (p < 0 || p >= length) continue;
                            int xAt = channelsLast ? (n * length + p) * inChannels + c : (n * inChannels + c) * length + p;
                            dx[xAt] += gy * wi.Values[(o * inChannels + c) * taps + j];
                            dw[(o * inChannels + c) * taps + j] += gy * xi.Values[xAt];
                        }
                }
        AssertClose("dx", dx, x.Grad!);
        AssertClose("dw", dw, w.Grad!);
        AssertClose("db", db, b.Grad!);
    }

    private static void AssertClose(string what, double[] expected, Tensor actual)
    {
        var values = actual.ToArray();
        Assert.Equal(expected.Length, values.Length);
        for (int i = 0; i < values.Length; i++)
            if (Math.Abs(values[i] - expected[i]) > 1e-4 + 1e-4 * Math.Abs(expected[i]))
                Assert.Fail($"{what} at {GradientCheck.IndexText(i, actual.Shape)}: Recur {values[i]}, double {expected[i]}.");
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Conv1d_module_gradients_match_finite_differences_on_its_parameters(bool channelsLast)
    {
        var layer = new Conv1d(3, 4, 3, stride: 2, padding: 1, dilation: 2, generator: new Generator(311), channelsLast: channelsLast);
        var x = Tensor.Uniform(new Generator(312), -1, 1, channelsLast ? [2, 10, 3] : [2, 3, 10]);
        x.RequiresGrad = true;
        GradientCheck.AgainstReference($"Conv1d(3, 4, 3, stride 2, padding 1, dilation 2, channelsLast {channelsLast})", () => layer.Forward(x),
            t => Reference(t[0], t[1], t[2], 2, 1, 1, 2, channelsLast), GradientCheckOptions.Default,
            new CheckLeaf("x", x), new CheckLeaf("weight", layer.Weight), new CheckLeaf("bias", layer.Bias!));
    }

    [Fact]
    public void Conv1d_then_relu_then_global_max_pool_gradients_match_finite_differences() =>
        // The course's block as one graph: conv → relu → adaptive max pool to one step.
        GradientCheck.AgainstReference("conv1d → relu → global max",
            t => Tensor.AdaptiveMaxPool1d(Tensor.Conv1d(t[0], t[1], t[2]).Relu(), 1),
            t => PoolingGradientTests.MaxReference(Reference(t[0], t[1], t[2], 1, 0, 0, 1, false).Map(v => Math.Max(v, 0)),
                PoolingGradientTests.AdaptiveWindows(8, 1), channelsLast: false),
            CheckInput.Uniform("x", 313, -1, 1, 2, 4, 12), CheckInput.Uniform("weight", 314, -1, 1, 3, 4, 5),
            CheckInput.Uniform("bias", 315, -0.5, 0.5, 3));
}
