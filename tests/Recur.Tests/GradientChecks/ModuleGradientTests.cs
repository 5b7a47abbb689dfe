using Recur.Losses;
using Recur.Nn;
using Xunit;

namespace Recur.Tests.GradientChecks;

/// <summary>Modules checked on their own parameters (the leaves the optimiser updates), and a small composite network.</summary>
public class ModuleGradientTests
{
    private static Tensor Input(int seed, float low, float high, params int[] shape)
    {
        var t = Tensor.Uniform(new Generator((ulong)seed), low, high, shape);
        t.RequiresGrad = true;
        return t;
    }

    /// <summary>y[…, o] = Σ_i x[…, i]·W[o, i] + b[o].</summary>
    internal static DoubleTensor LinearReference(DoubleTensor x, DoubleTensor w, DoubleTensor? b)
    {
        var shape = (int[])x.Shape.Clone();
        shape[^1] = w.Shape[0];
        var y = DoubleTensor.Zeros(shape);
        foreach (var index in DoubleTensor.Indices(shape))
        {
            var xi = (int[])index.Clone();
            double s = b is null ? 0 : b[index[^1]];
            for (int i = 0; i < w.Shape[1]; i++) { xi[^1] = i; s += x[xi] * w[index[^1], i]; }
            y[index] = s;
        }
        return y;
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void Linear_module_gradient_matches_finite_differences(bool bias)
    {
        var layer = new Linear(4, 3, bias, new Generator(101));
        Assert.Equal([3, 4], layer.Weight.Shape);
        Assert.Equal(bias, layer.Bias is not null);
        var x = Input(102, -1, 1, 2, 5, 4);
        var leaves = new List<CheckLeaf> { new("x", x), new("weight", layer.Weight) };
        if (layer.Bias is not null) leaves.Add(new("bias", layer.Bias));
        GradientCheck.AgainstReference($"Linear(4, 3, bias: {bias})", () => layer.Forward(x),
            t => LinearReference(t[0], t[1], bias ? t[2] : null), GradientCheckOptions.Default, [.. leaves]);
    }

    [Fact]
    public void Embedding_module_gradient_accumulates_into_repeated_ids()
    {
        var embedding = new Embedding(6, 3, generator: new Generator(103));
        float[] idValues = [1, 4, 1, 0, 5, 1];
        var ids = Tensor.FromArray(idValues, 2, 3);
        GradientCheck.AgainstReference("Embedding(6, 3) ids [2, 3]", () => embedding.Forward(ids), t =>
        {
            var y = DoubleTensor.Zeros(2, 3, 3);
            for (int i = 0; i < 2; i++)
                for (int j = 0; j < 3; j++)
                    for (int d = 0; d < 3; d++)
                        y[i, j, d] = t[0][(int)idValues[i * 3 + j], d];
            return y;
        }, GradientCheckOptions.Default, new CheckLeaf("weight", embedding.Weight));
    }

    [Fact]
    public void Embedding_module_with_span_ids_gradient_matches_finite_differences()
    {
        var embedding = new Embedding(5, 2, generator: new Generator(104));
        int[] ids = [3, 3, 0, 2];
        GradientCheck.AgainstReference("Embedding(5, 2) span ids", () => embedding.Forward(ids), t =>
        {
            var y = DoubleTensor.Zeros(ids.Length, 2);
            for (int i = 0; i < ids.Length; i++)
                for (int d = 0; d < 2; d++)
                    y[i, d] = t[0][ids[i], d];
            return y;
        }, GradientCheckOptions.Default, new CheckLeaf("weight", embedding.Weight));
    }

    [Fact]
    public void Embedding_padding_row_starts_at_zero_and_gets_no_gradient()
    {
        const int pad = 2;
        var embedding = new Embedding(4, 3, paddingIdx: pad, generator: new Generator(105));
        Assert.All(embedding.Weight.ToArray().Skip(pad * 3).Take(3), v => Assert.Equal(0f, v));
        int[] ids = [pad, 1, pad, 3];
        // PyTorch's padding_idx: the padding row is held constant, so its numeric gradient is zero as well.
        var frozen = embedding.Weight.ToArray().Skip(pad * 3).Take(3).Select(v => (double)v).ToArray();
        GradientCheck.AgainstReference("Embedding padding", () => embedding.Forward(ids), t =>
        {
            var y = DoubleTensor.Zeros(ids.Length, 3);
            for (int i = 0; i < ids.Length; i++)
                for (int d = 0; d < 3; d++)
                    y[i, d] = ids[i] == pad ? frozen[d] : t[0][ids[i], d];
            return y;
        }, GradientCheckOptions.Default, new CheckLeaf("weight", embedding.Weight));
        Assert.All(embedding.Weight.Grad!.ToArray().Skip(pad * 3).Take(3), v => Assert.Equal(0f, v));
    }

    [Fact]
    public void Activation_modules_gradients_match_finite_differences()
    {
        var x = CheckInput.AwayFromZero("x", 106, 0.05, 3, 2, 3, 4);
        GradientCheck.AgainstReference("Nn.Sigmoid", t => new Nn.Sigmoid().Forward(t[0]), t => t[0].Map(v => 1 / (1 + Math.Exp(-v))), x);
        GradientCheck.AgainstReference("Nn.Tanh", t => new Nn.Tanh().Forward(t[0]), t => t[0].Map(Math.Tanh), x);
        GradientCheck.AgainstReference("Nn.ReLU", t => new ReLU().Forward(t[0]), t => t[0].Map(v => Math.Max(0, v)), x);
        GradientCheck.AgainstReference("Nn.Flatten", t => new Flatten().Forward(t[0]).Tanh(), t => t[0].Reshape(2, 12).Map(Math.Tanh), x);
        GradientCheck.AgainstReference("Nn.Softmax(1)", t => new Nn.Softmax(1).Forward(t[0]), t => t[0].MapLanes(1, lane =>
        {
            double m = lane.Max();
            double s = lane.Sum(v => Math.Exp(v - m));
            return lane.Select(v => Math.Exp(v - m) / s).ToArray();
        }), x);
        GradientCheck.AgainstReference("Nn.LogSoftmax()", t => new Nn.LogSoftmax().Forward(t[0]), t => t[0].MapLanes(-1, lane =>
        {
            double m = lane.Max();
            double l = m + Math.Log(lane.Sum(v => Math.Exp(v - m)));
            return lane.Select(v => v - l).ToArray();
        }), x);
    }

    [Fact]
    public void Dropout_module_in_training_gradient_is_its_mask_and_in_evaluation_the_identity()
    {
        var x = CheckInput.AwayFromZero("x", 107, 0.5, 2, 5, 8);
        Tensor probe;
        using (new NoGradScope())
            probe = new Nn.Dropout(0.4f, new Generator(108)).Forward(x.ToTensor());
        double scale = 1 / (1 - 0.4);
        var mask = probe.ToArray().Select(v => v == 0 ? 0 : scale).ToArray();
        Assert.Contains(0.0, mask);
        Assert.Contains(scale, mask);
        GradientCheck.AgainstReference("Nn.Dropout training", t => new Nn.Dropout(0.4f, new Generator(108)).Forward(t[0]),
            t => new DoubleTensor(t[0].Data.Select((v, i) => v * mask[i]).ToArray(), t[0].Shape), x);
        GradientCheck.AgainstReference("Nn.Dropout eval", t =>
        {
            var dropout = new Nn.Dropout(0.4f, new Generator(108));
            dropout.Eval();
            return dropout.Forward(t[0]);
        }, t => t[0].Map(v => v), x);
    }

    /// <summary>The XOR network of the course: 2 → 3 (sigmoid) → 1 (sigmoid), with binary cross-entropy on the four points.</summary>
    private static (Sequential Net, Linear Hidden, Linear Output) XorNet()
    {
        var g = new Generator(109);
        var hidden = new Linear(2, 3, generator: g);
        var output = new Linear(3, 1, generator: g);
        return (new Sequential(hidden, new Nn.Sigmoid(), output, new Nn.Sigmoid()), hidden, output);
    }

    private static readonly Tensor XorInputs = Tensor.FromArray([0, 0, 0, 1, 1, 0, 1, 1], 4, 2);
    private static readonly Tensor XorTargets = Tensor.FromArray([0, 1, 1, 0], 4, 1);

    [Fact]
    public void Xor_network_with_bce_gradient_matches_finite_differences()
    {
        var (net, hidden, output) = XorNet();
        Assert.Equal(["0.weight", "0.bias", "2.weight", "2.bias"], net.NamedParameters().Select(p => p.Name));
        var loss = new BCELoss();
        static double Sigmoid(double v) => 1 / (1 + Math.Exp(-v));
        double[] x = [0, 0, 0, 1, 1, 0, 1, 1];
        double[] y = [0, 1, 1, 0];
        GradientCheck.AgainstReference("XOR 2-3-1 sigmoid + BCE", () => loss.Forward(net.Forward(XorInputs), XorTargets), t =>
        {
            var (w1, b1, w2, b2) = (t[0], t[1], t[2], t[3]);
            double total = 0;
            for (int n = 0; n < 4; n++)
            {
                double z = b2[0];
                for (int j = 0; j < 3; j++)
                {
                    double a = b1[j] + w1[j, 0] * x[2 * n] + w1[j, 1] * x[2 * n + 1];
                    z += w2[0, j] * Sigmoid(a);
                }
                double p = Sigmoid(z);
                total += -(y[n] * Math.Log(p) + (1 - y[n]) * Math.Log(1 - p));
            }
            return DoubleTensor.Scalar(total / 4);
        }, GradientCheckOptions.Default,
            new("0.weight", hidden.Weight), new("0.bias", hidden.Bias!), new("2.weight", output.Weight), new("2.bias", output.Bias!));
    }

    [Fact]
    public void Xor_network_with_bce_gradient_matches_finite_differences_of_its_own_forward()
    {
        var (net, hidden, output) = XorNet();
        var loss = new BCELoss();
        GradientCheck.AgainstOwnForward("XOR 2-3-1 float forward", () => loss.Forward(net.Forward(XorInputs), XorTargets),
            GradientCheckOptions.Float32,
            new("0.weight", hidden.Weight), new("0.bias", hidden.Bias!), new("2.weight", output.Weight), new("2.bias", output.Bias!));
    }

    [Fact]
    public void Composite_of_ops_gradient_matches_finite_differences_of_its_own_forward() =>
        // A hand-built recurrent step h' = tanh(x·Wᵀ + h·Uᵀ + b), twice, then a softmax read-out and cross-entropy.
        GradientCheck.AgainstOwnForward("two-step tanh RNN + cross-entropy", t =>
        {
            var (x, w, u, b, v) = (t[0], t[1], t[2], t[3], t[4]);
            var h = Tensor.Zeros(2, 3);
            for (int step = 0; step < 2; step++)
                h = (Tensor.Linear(x.Select(0, step), w, b) + Tensor.MatMul(h, u, transposeB: true)).Tanh();
            return new CrossEntropyLoss().Forward(Tensor.Linear(h, v, null), [1, 0]);
        },
        CheckInput.Uniform("x", 110, -1, 1, 2, 2, 4), CheckInput.Uniform("W", 111, -0.5, 0.5, 3, 4),
        CheckInput.Uniform("U", 112, -0.5, 0.5, 3, 3), CheckInput.Uniform("b", 113, -0.5, 0.5, 3),
        CheckInput.Uniform("V", 114, -1, 1, 2, 3));
}
