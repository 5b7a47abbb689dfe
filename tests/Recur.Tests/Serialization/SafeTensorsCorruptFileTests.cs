using Recur.Serialization;

namespace Recur.Tests.Serialization;

/// <summary>
/// Broken or unsupported safetensors files: each fails with an exception whose message names the file and what is wrong.
/// </summary>
public sealed class SafeTensorsCorruptFileTests : IDisposable
{
    private readonly ScratchDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    private string WriteRaw(string headerJson, byte[] data, ulong? declaredHeaderLength = null)
    {
        string path = _dir.File("broken.safetensors");
        RawSafeTensorsFile.Write(path, headerJson, data, declaredHeaderLength);
        return path;
    }

    private static void AssertMessage(Exception error, string path, params string[] fragments)
    {
        Assert.Contains(path, error.Message);
        foreach (string fragment in fragments) Assert.Contains(fragment, error.Message);
    }

    private static T LoadFails<T>(string path, params string[] fragments) where T : Exception
    {
        var error = Assert.Throws<T>(() => SafeTensors.Load(path));
        AssertMessage(error, path, fragments);
        return error;
    }

    [Fact]
    public void File_shorter_than_the_length_prefix()
    {
        string path = _dir.File("tiny.safetensors");
        File.WriteAllBytes(path, [1, 2, 3, 4, 5]);

        LoadFails<InvalidDataException>(path, "5 byte(s)", "8-byte");
    }

    [Fact]
    public void Header_length_larger_than_the_file()
    {
        string path = WriteRaw("{}", [], declaredHeaderLength: 4096);

        LoadFails<InvalidDataException>(path, "4096", "truncated");
    }

    [Fact]
    public void Header_length_absurdly_large()
    {
        string path = WriteRaw("{}", [], declaredHeaderLength: 1UL << 62);

        LoadFails<InvalidDataException>(path, "100 MB");
    }

    [Fact]
    public void File_truncated_inside_the_tensor_data()
    {
        string path = _dir.File("cut.safetensors");
        SafeTensors.Save(path, new Dictionary<string, Tensor> { ["a"] = Tensor.Ones(4), ["b"] = Tensor.Ones(10) });
        byte[] bytes = File.ReadAllBytes(path);
        File.WriteAllBytes(path, bytes[..^6]);

        LoadFails<InvalidDataException>(path, "tensor 'b'", "[16, 56]", "truncated");
    }

    [Theory]
    [InlineData("""{"a": {"dtype": "F32", """)]
    [InlineData("""{"a": 1,}""")]
    [InlineData("not json at all")]
    public void Header_that_is_not_valid_json(string header)
    {
        LoadFails<InvalidDataException>(WriteRaw(header, []), "not valid JSON");
    }

    [Fact]
    public void Header_that_is_not_valid_utf8()
    {
        string path = _dir.File("latin1.safetensors");
        byte[] header = [.. "{\"caf"u8, 0xE9, .. "\":{\"dtype\":\"F32\",\"shape\":[],\"data_offsets\":[0,4]}}"u8];
        File.WriteAllBytes(path, [.. BitConverter.GetBytes((ulong)header.Length), .. header, 0, 0, 0, 0]);

        LoadFails<InvalidDataException>(path, "not valid UTF-8");
    }

    [Fact]
    public void Header_that_is_not_a_json_object()
    {
        LoadFails<InvalidDataException>(WriteRaw("[1, 2, 3]", []), "array", "not an object");
    }

    [Theory]
    [InlineData("dtype", """{"w":{"shape":[1],"data_offsets":[0,4]}}""")]
    [InlineData("shape", """{"w":{"dtype":"F32","data_offsets":[0,4]}}""")]
    [InlineData("data_offsets", """{"w":{"dtype":"F32","shape":[1]}}""")]
    public void Entry_missing_a_field(string field, string header)
    {
        LoadFails<InvalidDataException>(WriteRaw(header, new byte[4]), "tensor 'w'", $"no \"{field}\"");
    }

    [Theory]
    [InlineData("I64", 8)]
    [InlineData("BOOL", 1)]
    [InlineData("I32", 4)]
    [InlineData("U64", 8)]
    public void Integer_or_bool_dtype_loads_as_float32(string dtype, int itemSize)
    {
        var bytes = new byte[itemSize];
        bytes[0] = 1;
        string path = WriteRaw(
            $$$"""{"num_batches_tracked":{"dtype":"{{{dtype}}}","shape":[],"data_offsets":[0,{{{itemSize}}}]}}""", bytes);

        Assert.Equal(1f, SafeTensors.Load(path)["num_batches_tracked"].Item());
    }

    [Fact]
    public void U64_beyond_long_is_refused_naming_the_tensor()
    {
        string path = WriteRaw("""{"huge":{"dtype":"U64","shape":[1],"data_offsets":[0,8]}}""", Enumerable.Repeat((byte)0xFF, 8).ToArray());

        LoadFails<NotSupportedException>(path, "tensor 'huge'", "U64", "largest 64-bit signed integer");
    }

    [Fact]
    public void Float8_dtype_is_not_supported()
    {
        string path = WriteRaw("""{"w":{"dtype":"F8_E4M3","shape":[2],"data_offsets":[0,2]}}""", new byte[2]);

        LoadFails<NotSupportedException>(path, "tensor 'w'", "F8_E4M3", "not supported", "LoadIntegers");
    }

    [Fact]
    public void Unknown_dtype()
    {
        string path = WriteRaw("""{"w":{"dtype":"F33","shape":[1],"data_offsets":[0,4]}}""", new byte[4]);

        LoadFails<InvalidDataException>(path, "tensor 'w'", "unknown dtype \"F33\"");
    }

    [Fact]
    public void Offsets_that_do_not_match_shape_times_item_size()
    {
        string path = WriteRaw("""{"w":{"dtype":"F32","shape":[2,3],"data_offsets":[0,20]}}""", new byte[24]);

        LoadFails<InvalidDataException>(path, "tensor 'w'", "[0, 20]", "[2, 3]", "needs 24 bytes");
    }

    [Fact]
    public void Offsets_past_the_end_of_the_data()
    {
        string path = WriteRaw("""{"w":{"dtype":"F32","shape":[2],"data_offsets":[8,16]}}""", new byte[8]);

        LoadFails<InvalidDataException>(path, "tensor 'w'", "only 8 bytes");
    }

    [Fact]
    public void Overlapping_tensors()
    {
        string path = WriteRaw(
            """{"a":{"dtype":"F32","shape":[2],"data_offsets":[0,8]},"b":{"dtype":"F32","shape":[2],"data_offsets":[4,12]}}""", new byte[12]);

        LoadFails<InvalidDataException>(path, "'a'", "'b'", "overlap");
    }

    [Theory]
    [InlineData("[5,1]", "end is before begin")]
    [InlineData("[0]", "exactly two")]
    [InlineData("[-4,0]", "non-negative")]
    [InlineData("[0,4.5]", "non-negative integers")]
    public void Malformed_offsets(string offsets, string fragment)
    {
        string path = WriteRaw($$$"""{"w":{"dtype":"F32","shape":[1],"data_offsets":{{{offsets}}}}}""", new byte[8]);

        LoadFails<InvalidDataException>(path, "tensor 'w'", fragment);
    }

    [Fact]
    public void Negative_dimension()
    {
        string path = WriteRaw("""{"w":{"dtype":"F32","shape":[2,-1],"data_offsets":[0,0]}}""", []);

        LoadFails<InvalidDataException>(path, "tensor 'w'", "negative dimension -1");
    }

    [Fact]
    public void Non_integer_dimension()
    {
        string path = WriteRaw("""{"w":{"dtype":"F32","shape":[1.5],"data_offsets":[0,4]}}""", new byte[4]);

        LoadFails<InvalidDataException>(path, "tensor 'w'", "must be integers");
    }

    [Fact]
    public void Tensor_named_twice()
    {
        string path = WriteRaw(
            """{"w":{"dtype":"F32","shape":[1],"data_offsets":[0,4]},"w":{"dtype":"F32","shape":[1],"data_offsets":[4,8]}}""", new byte[8]);

        LoadFails<InvalidDataException>(path, "'w' twice");
    }

    [Fact]
    public void Metadata_with_a_non_string_value()
    {
        string path = WriteRaw("""{"__metadata__":{"epoch":12}}""", []);

        var error = Assert.Throws<InvalidDataException>(() => SafeTensors.LoadMetadata(path));
        AssertMessage(error, path, "'epoch'", "must be a string");
    }

    [Fact]
    public void Missing_file()
    {
        string path = _dir.File("absent.safetensors");

        var error = Assert.Throws<FileNotFoundException>(() => SafeTensors.Load(path));
        Assert.Contains("absent.safetensors", error.Message);
    }

    [Fact]
    public void Metadata_of_a_file_with_integer_tensors_is_still_readable()
    {
        string path = WriteRaw(
            """{"__metadata__":{"format":"pt"},"step":{"dtype":"I64","shape":[],"data_offsets":[0,8]}}""", new byte[8]);

        Assert.Equal("pt", SafeTensors.LoadMetadata(path)["format"]);
    }
}
