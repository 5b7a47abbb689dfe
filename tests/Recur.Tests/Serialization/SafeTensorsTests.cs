using System.Buffers.Binary;
using System.Text;
using Recur.Serialization;

namespace Recur.Tests.Serialization;

/// <summary>
/// <see cref="SafeTensors"/> save and load: values, shapes, key order, metadata, the reference byte layout,
/// and the all-or-nothing write.
/// </summary>
public sealed class SafeTensorsTests : IDisposable
{
    private readonly ScratchDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    private static int[] Bits(Tensor t) => t.ToArray().Select(BitConverter.SingleToInt32Bits).ToArray();

    [Fact]
    public void Round_trip_keeps_names_shapes_and_exact_bits_including_scalar_and_empty_tensors()
    {
        var tensors = new Dictionary<string, Tensor>
        {
            ["weight_ih_l0"] = Tensor.FromArray([1f, -2.5f, 3.25f, float.MaxValue, float.Epsilon, -0f], 2, 3),
            ["bias"] = Tensor.FromArray([float.NaN, float.PositiveInfinity, float.NegativeInfinity], 3),
            ["scale"] = Tensor.Scalar(0.1f),
            ["empty"] = Tensor.Zeros(0, 4),
            ["cube"] = Tensor.FromArray(Enumerable.Range(0, 24).Select(i => i * 0.5f - 3f).ToArray(), 2, 3, 4),
        };
        string path = _dir.File("model.safetensors");

        SafeTensors.Save(path, tensors);
        var loaded = SafeTensors.Load(path);

        Assert.Equal(tensors.Keys.Order(StringComparer.Ordinal), loaded.Keys);
        foreach (var (name, expected) in tensors)
        {
            Assert.Equal(expected.Shape, loaded[name].Shape);
            Assert.Equal(Bits(expected), Bits(loaded[name]));
            Assert.False(loaded[name].RequiresGrad);
        }
        Assert.Empty(loaded["scale"].Shape);
        Assert.Equal([0, 4], loaded["empty"].Shape);
    }

    [Fact]
    public void Save_sorts_tensors_by_utf8_name_and_lays_offsets_out_contiguously()
    {
        var tensors = new Dictionary<string, Tensor>
        {
            ["weight"] = Tensor.Ones(2),
            ["ä"] = Tensor.Ones(1),
            ["bias"] = Tensor.Ones(3),
            ["Z"] = Tensor.Ones(0),
            ["a.b"] = Tensor.Ones(1, 1),
        };
        string path = _dir.File("sorted.safetensors");

        SafeTensors.Save(path, tensors);

        Assert.Equal(["Z", "a.b", "bias", "weight", "ä"], SafeTensors.Load(path).Keys);
        string header = Header(path);
        Assert.Contains("\"Z\":{\"dtype\":\"F32\",\"shape\":[0],\"data_offsets\":[0,0]}", header);
        Assert.Contains("\"a.b\":{\"dtype\":\"F32\",\"shape\":[1,1],\"data_offsets\":[0,4]}", header);
        Assert.Contains("\"bias\":{\"dtype\":\"F32\",\"shape\":[3],\"data_offsets\":[4,16]}", header);
        Assert.Contains("\"weight\":{\"dtype\":\"F32\",\"shape\":[2],\"data_offsets\":[16,24]}", header);
        Assert.Contains("\"ä\":{\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":[24,28]}", header);
    }

    [Fact]
    public void Load_keeps_the_order_the_file_lists_tensors_in_even_when_unsorted()
    {
        string path = _dir.File("unsorted.safetensors");
        RawSafeTensorsFile.Write(path,
            """{"zeta":{"dtype":"F32","shape":[1],"data_offsets":[4,8]},"alpha":{"dtype":"F32","shape":[1],"data_offsets":[0,4]}}""",
            RawSafeTensorsFile.Floats(1f, 2f));

        var loaded = SafeTensors.Load(path);

        Assert.Equal(["zeta", "alpha"], loaded.Keys);
        Assert.Equal(2f, loaded["zeta"].Item());
        Assert.Equal(1f, loaded["alpha"].Item());
    }

    [Fact]
    public void Metadata_round_trips_and_is_empty_when_absent()
    {
        var metadata = new Dictionary<string, string> { ["format"] = "pt", ["epoch"] = "12", ["note"] = "Gewichte für Recur — µ \"quoted\"" };
        string with = _dir.File("with.safetensors"), without = _dir.File("without.safetensors");

        SafeTensors.Save(with, new Dictionary<string, Tensor> { ["w"] = Tensor.Ones(2) }, metadata);
        SafeTensors.Save(without, new Dictionary<string, Tensor> { ["w"] = Tensor.Ones(2) });

        var loaded = SafeTensors.LoadMetadata(with);
        Assert.Equal(metadata.OrderBy(kv => kv.Key, StringComparer.Ordinal), loaded);
        Assert.Equal(["w"], SafeTensors.Load(with).Keys);
        Assert.StartsWith("{\"__metadata__\":{", Header(with));
        Assert.Empty(SafeTensors.LoadMetadata(without));
        Assert.DoesNotContain("__metadata__", Header(without));
    }

    // Byte layouts the reference implementation (huggingface/safetensors) documents in its own serialization tests.
    [Theory]
    [InlineData("attn.0", new[] { 1, 2, 3 }, "{\"attn.0\":{\"dtype\":\"F32\",\"shape\":[1,2,3],\"data_offsets\":[0,24]}}")]
    [InlineData("attn0", new[] { 1, 1, 2, 3 }, "{\"attn0\":{\"dtype\":\"F32\",\"shape\":[1,1,2,3],\"data_offsets\":[0,24]}}       ")]
    public void Save_writes_the_reference_byte_layout(string name, int[] shape, string expectedHeader)
    {
        string path = _dir.File("reference.safetensors");

        SafeTensors.Save(path, new Dictionary<string, Tensor> { [name] = Tensor.FromArray([0f, 1f, 2f, 3f, 4f, 5f], shape) });

        byte[] bytes = File.ReadAllBytes(path);
        Assert.Equal((ulong)expectedHeader.Length, BinaryPrimitives.ReadUInt64LittleEndian(bytes));
        Assert.Equal(0, expectedHeader.Length % 8);
        Assert.Equal(expectedHeader, Encoding.UTF8.GetString(bytes, 8, expectedHeader.Length));
        Assert.Equal(RawSafeTensorsFile.Floats(0f, 1f, 2f, 3f, 4f, 5f), bytes[(8 + expectedHeader.Length)..]);
    }

    [Fact]
    public void Save_of_nothing_writes_the_reference_empty_file_with_and_without_metadata()
    {
        string empty = _dir.File("empty.safetensors"), tagged = _dir.File("tagged.safetensors");

        SafeTensors.Save(empty, new Dictionary<string, Tensor>());
        SafeTensors.Save(tagged, new Dictionary<string, Tensor>(), new Dictionary<string, string> { ["framework"] = "pt" });

        Assert.Equal([8, 0, 0, 0, 0, 0, 0, 0, .. "{}      "u8.ToArray()], File.ReadAllBytes(empty));
        Assert.Equal([40, 0, 0, 0, 0, 0, 0, 0, .. "{\"__metadata__\":{\"framework\":\"pt\"}}     "u8.ToArray()], File.ReadAllBytes(tagged));
        Assert.Empty(SafeTensors.Load(empty));
        Assert.Equal("pt", SafeTensors.LoadMetadata(tagged)["framework"]);
    }

    [Fact]
    public void Save_of_a_module_state_dict_loads_back_into_a_fresh_module()
    {
        var source = new Recur.Nn.Linear(4, 3, generator: new Generator(1));
        var target = new Recur.Nn.Linear(4, 3, generator: new Generator(2));
        string path = _dir.File("linear.safetensors");

        SafeTensors.Save(path, source.StateDict());
        target.LoadStateDict(SafeTensors.Load(path));

        Assert.Equal(source.Weight.ToArray(), target.Weight.ToArray());
        Assert.Equal(source.Bias!.ToArray(), target.Bias!.ToArray());
    }

    [Theory]
    [InlineData("")]
    [InlineData("__metadata__")]
    public void Save_rejects_a_bad_tensor_name_and_leaves_the_existing_file_untouched(string badName)
    {
        string path = _dir.File("keep.safetensors");
        SafeTensors.Save(path, new Dictionary<string, Tensor> { ["good"] = Tensor.Ones(3) });
        byte[] before = File.ReadAllBytes(path);

        var error = Assert.Throws<ArgumentException>(() =>
            SafeTensors.Save(path, new Dictionary<string, Tensor> { ["good"] = Tensor.Zeros(3), [badName] = Tensor.Zeros(1) }));

        Assert.Contains("name", error.Message);
        Assert.Equal(before, File.ReadAllBytes(path));
        Assert.Equal(["keep.safetensors"], _dir.FileNames());
    }

    [Fact]
    public void Save_into_a_missing_directory_fails_and_creates_nothing()
    {
        string path = Path.Combine(_dir.Path, "no-such-dir", "model.safetensors");

        var error = Assert.Throws<DirectoryNotFoundException>(() => SafeTensors.Save(path, new Dictionary<string, Tensor> { ["w"] = Tensor.Ones(1) }));

        Assert.Contains("no-such-dir", error.Message);
        Assert.Empty(Directory.GetFileSystemEntries(_dir.Path));
    }

    [Fact]
    public void Save_onto_a_directory_fails_without_leaving_a_temporary_file()
    {
        string path = _dir.File("a-directory");
        Directory.CreateDirectory(path);

        Assert.Throws<IOException>(() => SafeTensors.Save(path, new Dictionary<string, Tensor> { ["w"] = Tensor.Ones(1) }));

        Assert.Empty(_dir.FileNames());
    }

    [Fact]
    public void A_write_that_fails_midway_leaves_the_old_file_and_removes_the_temporary_one()
    {
        string path = _dir.File("model.safetensors");
        SafeTensors.Save(path, new Dictionary<string, Tensor> { ["w"] = Tensor.Ones(3) });
        byte[] before = File.ReadAllBytes(path);

        var error = Assert.Throws<InvalidOperationException>(() => AtomicFile.Write(path, stream =>
        {
            stream.Write(new byte[1000]);
            throw new InvalidOperationException("disk full (simulated)");
        }));

        Assert.Equal("disk full (simulated)", error.Message);
        Assert.Equal(before, File.ReadAllBytes(path));
        Assert.Equal(["model.safetensors"], _dir.FileNames());
    }

    [Fact]
    public void Save_replaces_an_existing_file()
    {
        string path = _dir.File("model.safetensors");
        SafeTensors.Save(path, new Dictionary<string, Tensor> { ["old"] = Tensor.Ones(100) });

        SafeTensors.Save(path, new Dictionary<string, Tensor> { ["new"] = Tensor.Full(2f, 1) });

        var loaded = SafeTensors.Load(path);
        Assert.Equal(["new"], loaded.Keys);
        Assert.Equal(2f, loaded["new"].Item());
        Assert.Equal(["model.safetensors"], _dir.FileNames());
    }

    [Fact]
    public void Round_trip_of_a_tensor_larger_than_one_read_chunk()
    {
        var values = Enumerable.Range(0, 700_001).Select(i => MathF.Sin(i)).ToArray();
        string path = _dir.File("big.safetensors");

        SafeTensors.Save(path, new Dictionary<string, Tensor> { ["big"] = Tensor.FromArray(values, values.Length) });

        Assert.Equal(values, SafeTensors.Load(path)["big"].ToArray());
    }

    private static string Header(string path)
    {
        byte[] bytes = File.ReadAllBytes(path);
        int n = checked((int)BinaryPrimitives.ReadUInt64LittleEndian(bytes));
        return Encoding.UTF8.GetString(bytes, 8, n);
    }
}
