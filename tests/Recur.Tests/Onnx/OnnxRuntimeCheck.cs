using Microsoft.ML.OnnxRuntime;
using Microsoft.ML.OnnxRuntime.Tensors;
using Recur.Autograd;
using Recur.Nn;
using Recur.Onnx;

namespace Recur.Tests.Onnx;

/// <summary>
/// Exports a model, runs the ONNX model in ONNX Runtime and compares it with Recur's forward pass (evaluation mode, no
/// gradients) on inputs of other batch sizes and lengths than the sample's, so the dynamic axes are exercised too.
/// </summary>
internal static class OnnxRuntimeCheck
{
    /// <summary>The tolerance the issue asks for: float32 kernels of two libraries, compared elementwise.</summary>
    public const float Tolerance = 1e-5f;

    /// <summary>
    /// Exports <paramref name="model"/> with <paramref name="sample"/> and checks every case within <see cref="Tolerance"/>;
    /// returns the largest absolute difference seen.
    /// </summary>
    public static float AssertMatches(Layer model, Tensor sample, IEnumerable<(Tensor Input, SequenceLengths? Lengths)> cases, int opset = OnnxExport.DefaultOpset,
        OnnxSequenceLengths? lengths = null)
    {
        var bytes = OnnxExport.ToBytes(model, sample, opset, lengths);
        using var session = new InferenceSession(bytes);
        bool ids = session.InputMetadata["input"].ElementDataType == TensorElementType.Int64;
        float worst = 0f;
        model.Eval();
        foreach (var (input, sequenceLengths) in cases)
        {
            Tensor expected;
            using (new NoGradScope())
                expected = sequenceLengths is not null && model is ISequenceLayer sequenceLayer ? sequenceLayer.Forward(input, sequenceLengths) : model.Forward(input);
            var (actual, shape) = Run(session, input, ids, lengths?.PaddingId is null ? sequenceLengths : null);
            Assert.Equal(expected.Shape, shape);
            var e = expected.Span;
            for (int i = 0; i < actual.Length; i++)
            {
                float difference = MathF.Abs(actual[i] - e[i]);
                Assert.True(difference <= Tolerance, $"element {i} of {Tensor.ShapeText(shape)}: ONNX Runtime {actual[i]}, Recur {e[i]} (input {Tensor.ShapeText(input.Shape)}).");
                worst = MathF.Max(worst, difference);
            }
        }
        return worst;
    }

    /// <summary>Checks the sample itself and the other inputs, without lengths.</summary>
    public static float AssertMatches(Layer model, Tensor sample, params Tensor[] others) =>
        AssertMatches(model, sample, [(sample, null), .. others.Select(o => (o, (SequenceLengths?)null))]);

    /// <summary>Runs <paramref name="session"/> on <paramref name="input"/> (and its lengths, when the graph takes them).</summary>
    public static (float[] Output, int[] Shape) Run(InferenceSession session, Tensor input, bool ids, SequenceLengths? lengths)
    {
        var values = new List<NamedOnnxValue>
        {
            ids
                ? NamedOnnxValue.CreateFromTensor("input", new DenseTensor<long>(input.ToArray().Select(v => (long)v).ToArray(), input.Shape))
                : NamedOnnxValue.CreateFromTensor("input", new DenseTensor<float>(input.ToArray(), input.Shape)),
        };
        if (lengths is not null && session.InputMetadata.ContainsKey("lengths"))
            values.Add(NamedOnnxValue.CreateFromTensor("lengths", new DenseTensor<long>(lengths.Select(l => (long)l).ToArray(), [lengths.Count])));
        using var results = session.Run(values);
        var output = results.First(r => r.Name == "output").AsTensor<float>();
        return (output.ToArray(), output.Dimensions.ToArray());
    }

    /// <summary>Ids in [1, vocabulary) stored as floats, as Recur's embedding reads them.</summary>
    public static Tensor Ids(Generator generator, int vocabulary, params int[] shape)
    {
        var t = Tensor.Uniform(generator, 1f, vocabulary, shape);
        var s = t.Span;
        for (int i = 0; i < s.Length; i++) s[i] = MathF.Min(MathF.Floor(s[i]), vocabulary - 1);
        return t;
    }
}
