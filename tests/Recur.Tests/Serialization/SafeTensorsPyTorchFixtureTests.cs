using System.Buffers.Binary;
using Recur.Nn;
using Recur.Serialization;

namespace Recur.Tests.Serialization;

/// <summary>
/// Files from an independent writer: <c>fixtures/safetensors/*.safetensors</c>, laid out by hand the way the reference
/// library does by <c>tools/reference/safetensors_fixtures.py</c> from PyTorch tensors.
/// </summary>
public sealed class SafeTensorsPyTorchFixtureTests : IDisposable
{
    private readonly ScratchDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    private static string FixturePath(string name)
    {
        string path = Path.Combine(AppContext.BaseDirectory, "fixtures", "safetensors", name);
        Assert.True(File.Exists(path), $"Fixture {path} is missing; regenerate with /usr/bin/python3 tools/reference/safetensors_fixtures.py.");
        return path;
    }

    private static int[] Bits(Tensor t) => t.ToArray().Select(BitConverter.SingleToInt32Bits).ToArray();

    [Fact]
    public void Linear_loads_the_pytorch_state_dict_and_reproduces_pytorch_output()
    {
        var state = SafeTensors.Load(FixturePath("linear.safetensors"));
        var io = SafeTensors.Load(FixturePath("linear_io.safetensors"));
        var layer = new Linear(3, 2);

        layer.LoadStateDict(state);
        var output = layer.Forward(io["input"]);

        Assert.Equal(["bias", "weight"], state.Keys);
        Assert.Equal([2, 3], layer.Weight.Shape);
        Assert.Equal(state["weight"].ToArray(), layer.Weight.ToArray());
        Assert.Equal([4, 2], output.Shape);
        var expected = io["output"].ToArray();
        var actual = output.ToArray();
        for (int i = 0; i < expected.Length; i++)
            Assert.True(MathF.Abs(expected[i] - actual[i]) <= 1e-6f + 1e-6f * MathF.Abs(expected[i]),
                $"output[{i}]: PyTorch {expected[i]:R}, Recur {actual[i]:R}");
    }

    [Theory]
    [InlineData("half.safetensors")]
    [InlineData("bfloat16.safetensors")]
    [InlineData("double.safetensors")]
    public void Converted_dtypes_match_pytorch_float_conversion_bit_for_bit(string file)
    {
        var loaded = SafeTensors.Load(FixturePath(file));

        Assert.Equal(loaded["expected"].Shape, loaded["values"].Shape);
        Assert.Equal(Bits(loaded["expected"]), Bits(loaded["values"]));
    }

    [Fact]
    public void Metadata_fixture_gives_metadata_a_scalar_and_an_empty_tensor()
    {
        string path = FixturePath("metadata.safetensors");

        var metadata = SafeTensors.LoadMetadata(path);
        var tensors = SafeTensors.Load(path);

        Assert.Equal(new Dictionary<string, string> { ["format"] = "pt", ["note"] = "Gewichte für Recur — µ" }, metadata);
        Assert.Equal(["scale", "table"], tensors.Keys);
        Assert.Empty(tensors["scale"].Shape);
        Assert.Equal(2.5f, tensors["scale"].Item());
        Assert.Equal([0, 3], tensors["table"].Shape);
    }

    [Theory]
    [InlineData("linear.safetensors")]
    [InlineData("linear_io.safetensors")]
    [InlineData("metadata.safetensors")]
    public void Saving_what_was_loaded_reproduces_the_independent_writer_byte_for_byte(string file)
    {
        string source = FixturePath(file);
        var metadata = SafeTensors.LoadMetadata(source);
        string copy = _dir.File(file);

        SafeTensors.Save(copy, SafeTensors.Load(source), metadata.Count > 0 ? metadata : null);

        Assert.Equal(File.ReadAllBytes(source), File.ReadAllBytes(copy));
    }

    [Fact]
    public void Half_tensor_spanning_several_read_chunks_converts_every_element()
    {
        const int n = 600_001;
        var data = new byte[2 * n];
        var expected = new float[n];
        for (int i = 0; i < n; i++)
        {
            var h = (Half)((i % 2001 - 1000) * 0.03125f);
            BinaryPrimitives.WriteHalfLittleEndian(data.AsSpan(2 * i), h);
            expected[i] = (float)h;
        }
        string path = _dir.File("big_half.safetensors");
        RawSafeTensorsFile.Write(path, $$$"""{"h":{"dtype":"F16","shape":[{{{n}}}],"data_offsets":[0,{{{2 * n}}}]}}""", data);

        Assert.Equal(expected, SafeTensors.Load(path)["h"].ToArray());
    }
}
