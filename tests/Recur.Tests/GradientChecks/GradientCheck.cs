using System.Globalization;
using Xunit;

namespace Recur.Tests.GradientChecks;

/// <summary>One input of a checked computation: its values, its shape, and whether it is differentiated.</summary>
public sealed record CheckInput(string Name, float[] Values, int[] Shape, bool RequiresGrad = true)
{
    /// <summary>Values uniform in [<paramref name="low"/>, <paramref name="high"/>), reproducible from <paramref name="seed"/>.</summary>
    public static CheckInput Uniform(string name, int seed, double low, double high, params int[] shape)
    {
        var random = new Random(seed);
        var values = new float[DoubleTensor.SizeOf(shape)];
        for (int i = 0; i < values.Length; i++) values[i] = (float)(low + (high - low) * random.NextDouble());
        return new CheckInput(name, values, shape);
    }

    /// <summary>Values of random sign with magnitude in [<paramref name="minAbs"/>, <paramref name="maxAbs"/>): away from a kink or pole at 0.</summary>
    public static CheckInput AwayFromZero(string name, int seed, double minAbs, double maxAbs, params int[] shape)
    {
        var random = new Random(seed);
        var values = new float[DoubleTensor.SizeOf(shape)];
        for (int i = 0; i < values.Length; i++)
        {
            double magnitude = minAbs + (maxAbs - minAbs) * random.NextDouble();
            values[i] = (float)(random.Next(2) == 0 ? -magnitude : magnitude);
        }
        return new CheckInput(name, values, shape);
    }

    /// <summary>The same input, not differentiated (a target, a mask, a constant operand).</summary>
    public CheckInput Constant() => this with { RequiresGrad = false };

    public Tensor ToTensor()
    {
        var t = Tensor.FromArray(Values, Shape);
        t.RequiresGrad = RequiresGrad;
        return t;
    }

    public DoubleTensor ToDouble() => new(Values.Select(v => (double)v).ToArray(), (int[])Shape.Clone());
}

/// <summary>Tolerances and step of a gradient check: an analytic value a passes against a numeric n when |a − n| ≤ atol + rtol·|n|.</summary>
public sealed record GradientCheckOptions
{
    public static readonly GradientCheckOptions Default = new();

    /// <summary>Settings for <c>GradientCheck.AgainstOwnForward</c>: a float32 forward needs a big step and loose tolerances.</summary>
    public static readonly GradientCheckOptions Float32 = new()
    {
        Step = 3e-3, RelativeTolerance = 2e-2, AbsoluteTolerance = 2e-3,
    };

    public double Step { get; init; } = 1e-6;
    public double RelativeTolerance { get; init; } = 1e-4;
    public double AbsoluteTolerance { get; init; } = 1e-5;
    public double ForwardRelativeTolerance { get; init; } = 1e-4;
    public double ForwardAbsoluteTolerance { get; init; } = 1e-5;

    /// <summary>Seed of the fixed random weights w in loss = Σ w ⊙ out.</summary>
    public int WeightSeed { get; init; } = 20240917;
}

/// <summary>A tensor the check differentiates by (or holds constant when it does not require grad), with a name for messages.</summary>
public sealed record CheckLeaf(string Name, Tensor Tensor);

/// <summary>
/// Finite-difference gradient checks. The scalar checked is loss = Σ w ⊙ out with fixed random weights w, so every
/// output element contributes with a different weight. Recur's analytic gradient comes from
/// <c>out.Backward(w)</c> (which is exactly d loss/d out = w, without relying on Recur's own mul/sum).
/// </summary>
/// <remarks>
/// Two ways to supply the computation: from <see cref="CheckInput"/>s, where the checker makes fresh leaves and
/// passes them to the function; or from existing leaves (a module's parameters, say) that the function closes over.
/// Leaves that do not require grad are constants: passed to the reference, never perturbed, and must get no gradient.
/// </remarks>
public static class GradientCheck
{
    /// <summary>
    /// Checks Recur against a double-precision reference forward: the float forward must match the reference, and the
    /// analytic gradient of every differentiated input must match central differences of the reference (in double).
    /// </summary>
    public static void AgainstReference(string op, Func<Tensor[], Tensor> recur, Func<DoubleTensor[], DoubleTensor> reference,
        params CheckInput[] inputs) => AgainstReference(op, recur, reference, GradientCheckOptions.Default, inputs);

    /// <inheritdoc cref="AgainstReference(string, Func{Tensor[], Tensor}, Func{DoubleTensor[], DoubleTensor}, CheckInput[])"/>
    public static void AgainstReference(string op, Func<Tensor[], Tensor> recur, Func<DoubleTensor[], DoubleTensor> reference,
        GradientCheckOptions options, params CheckInput[] inputs)
    {
        var leaves = inputs.Select(i => i.ToTensor()).ToArray();
        AgainstReference(op, () => recur(leaves), reference, options, Named(inputs, leaves));
    }

    /// <summary>As above, on existing leaves that <paramref name="recur"/> closes over (e.g. a module's parameters and its input).</summary>
    public static void AgainstReference(string op, Func<Tensor> recur, Func<DoubleTensor[], DoubleTensor> reference,
        GradientCheckOptions options, params CheckLeaf[] leaves)
    {
        var (output, weights) = RunRecur(op, recur, leaves, options);

        var doubles = leaves.Select(l => new DoubleTensor(l.Tensor.ToArray().Select(v => (double)v).ToArray(), l.Tensor.Shape)).ToArray();
        var expected = reference(doubles);
        if (!expected.Shape.AsSpan().SequenceEqual(output.Shape))
            Assert.Fail($"{op}: Recur's output has shape {Tensor.ShapeText(output.Shape)} but the reference has {Tensor.ShapeText(expected.Shape)}.");
        var actual = output.ToArray();
        for (int i = 0; i < actual.Length; i++)
        {
            if (!Close(actual[i], expected.Data[i], options.ForwardRelativeTolerance, options.ForwardAbsoluteTolerance))
                Assert.Fail($"{op}: forward differs from the reference at {IndexText(i, output.Shape)}: " +
                    $"Recur {Num(actual[i])}, reference {Num(expected.Data[i])}.");
        }

        double Loss()
        {
            var o = reference(doubles);
            double s = 0;
            for (int i = 0; i < o.Data.Length; i++) s += weights[i] * o.Data[i];
            return s;
        }

        for (int k = 0; k < leaves.Length; k++)
        {
            if (!leaves[k].Tensor.RequiresGrad) continue;
            var values = doubles[k].Data;
            var numeric = new double[values.Length];
            double h = options.Step;
            for (int i = 0; i < values.Length; i++)
            {
                double saved = values[i];
                values[i] = saved + h;
                double plus = Loss();
                values[i] = saved - h;
                double minus = Loss();
                values[i] = saved;
                numeric[i] = (plus - minus) / (2 * h);
            }
            CompareGradient(op, leaves[k], numeric, options);
        }
    }

    /// <summary>
    /// Checks Recur's analytic gradients against central differences of Recur's own float32 forward, for composite
    /// graphs where a double reference would be clumsy. Only a loose check: a float forward limits the precision.
    /// </summary>
    public static void AgainstOwnForward(string op, Func<Tensor[], Tensor> recur, params CheckInput[] inputs) =>
        AgainstOwnForward(op, recur, GradientCheckOptions.Float32, inputs);

    /// <inheritdoc cref="AgainstOwnForward(string, Func{Tensor[], Tensor}, CheckInput[])"/>
    public static void AgainstOwnForward(string op, Func<Tensor[], Tensor> recur, GradientCheckOptions options, params CheckInput[] inputs)
    {
        var leaves = inputs.Select(i => i.ToTensor()).ToArray();
        AgainstOwnForward(op, () => recur(leaves), options, Named(inputs, leaves));
    }

    /// <summary>
    /// As above, on existing leaves that <paramref name="recur"/> closes over. The leaves are perturbed in place (through
    /// <see cref="Tensor.Span"/>) and restored exactly; <paramref name="recur"/> must compute afresh from them on each call.
    /// </summary>
    public static void AgainstOwnForward(string op, Func<Tensor> recur, GradientCheckOptions options, params CheckLeaf[] leaves)
    {
        var (_, weights) = RunRecur(op, recur, leaves, options);

        double Loss()
        {
            Tensor o;
            using (new NoGradScope())
                o = recur();
            var data = o.ToArray();
            double s = 0;
            for (int i = 0; i < data.Length; i++) s += weights[i] * data[i];
            return s;
        }

        for (int k = 0; k < leaves.Length; k++)
        {
            if (!leaves[k].Tensor.RequiresGrad) continue;
            var numeric = new double[leaves[k].Tensor.Size];
            for (int i = 0; i < numeric.Length; i++)
            {
                var v = leaves[k].Tensor.Span;
                float saved = v[i];
                // The step actually taken in float, so rounding of x ± h does not bias the quotient.
                float up = (float)(saved + options.Step), down = (float)(saved - options.Step);
                v[i] = up;
                double plus = Loss();
                leaves[k].Tensor.Span[i] = down;
                double minus = Loss();
                leaves[k].Tensor.Span[i] = saved;
                numeric[i] = (plus - minus) / ((double)up - down);
            }
            CompareGradient(op, leaves[k], numeric, options);
        }
    }

    private static CheckLeaf[] Named(CheckInput[] inputs, Tensor[] leaves) =>
        inputs.Select((input, k) => new CheckLeaf(input.Name, leaves[k])).ToArray();

    /// <summary>Runs Recur's forward once and back-propagates w; returns the output and w.</summary>
    private static (Tensor Output, double[] Weights) RunRecur(string op, Func<Tensor> recur, CheckLeaf[] leaves, GradientCheckOptions options)
    {
        foreach (var leaf in leaves)
        {
            if (!leaf.Tensor.IsLeaf)
                throw new ArgumentException($"{op}: '{leaf.Name}' is the result of an operation, not a leaf.");
            leaf.Tensor.Grad = null;
        }
        var output = recur();
        var random = new Random(options.WeightSeed);
        var weights = new double[output.Size];
        var w = new float[output.Size];
        for (int i = 0; i < w.Length; i++)
        {
            // Magnitudes in [0.5, 1.5) with random sign: no output is ignored, none dominates.
            w[i] = (float)((0.5 + random.NextDouble()) * (random.Next(2) == 0 ? -1 : 1));
            weights[i] = w[i];
        }
        if (!output.RequiresGrad)
            Assert.Fail($"{op}: the output does not require grad although an input does.");
        output.Backward(Tensor.FromArray(w, output.Shape));
        foreach (var leaf in leaves)
            if (!leaf.Tensor.RequiresGrad && leaf.Tensor.Grad is not null)
                Assert.Fail($"{op}: '{leaf.Name}' does not require grad but received a gradient.");
        return (output, weights);
    }

    private static void CompareGradient(string op, CheckLeaf leaf, double[] numeric, GradientCheckOptions options)
    {
        var grad = leaf.Tensor.Grad;
        var shape = leaf.Tensor.Shape;
        string name = leaf.Name;
        if (grad is null)
        {
            int nonZero = Array.FindIndex(numeric, n => Math.Abs(n) > options.AbsoluteTolerance);
            if (nonZero < 0) return;
            Assert.Fail($"{op}: input '{name}' received no gradient, but the numeric gradient at " +
                $"{IndexText(nonZero, shape)} is {Num(numeric[nonZero])}.");
        }
        if (!grad.Shape.AsSpan().SequenceEqual(shape))
            Assert.Fail($"{op}: gradient of '{name}' has shape {Tensor.ShapeText(grad.Shape)} but the input has {Tensor.ShapeText(shape)}.");
        var analytic = grad.ToArray();
        var values = leaf.Tensor.ToArray();
        for (int i = 0; i < analytic.Length; i++)
        {
            if (!Close(analytic[i], numeric[i], options.RelativeTolerance, options.AbsoluteTolerance))
                Assert.Fail($"{op}: gradient of input '{name}' {Tensor.ShapeText(shape)} at {IndexText(i, shape)}: " +
                    $"analytic {Num(analytic[i])}, numeric {Num(numeric[i])} (input value {Num(values[i])}).");
        }
    }
    private static bool Close(double actual, double expected, double rtol, double atol) =>
        Math.Abs(actual - expected) <= atol + rtol * Math.Abs(expected) || (double.IsNaN(actual) && double.IsNaN(expected));

    private static string Num(double v) => v.ToString("G9", CultureInfo.InvariantCulture);

    /// <summary>"[1, 2] (flat 6)" for flat index 6 of shape [3, 4].</summary>
    internal static string IndexText(int flat, int[] shape)
    {
        var index = new int[shape.Length];
        int rest = flat;
        for (int d = shape.Length - 1; d >= 0; d--)
        {
            if (shape[d] == 0) break;
            index[d] = rest % shape[d];
            rest /= shape[d];
        }
        return $"{Tensor.ShapeText(index)} (flat {flat})";
    }
}
