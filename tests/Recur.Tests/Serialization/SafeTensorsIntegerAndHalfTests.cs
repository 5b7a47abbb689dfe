using Recur.Nn;
using Recur.Serialization;

namespace Recur.Tests.Serialization;

/// <summary>
/// PyTorch state dicts with integer and boolean buffers load (as float32 where exact, or as integers), a module takes
/// what it owns with <c>strict: false</c>, and F16 / BF16 files are written byte for byte as PyTorch's tensors laid out by
/// the reference library (<c>tools/reference/safetensors_fixtures.py</c>).
/// </summary>
public sealed class SafeTensorsIntegerAndHalfTests : IDisposable
{
    private readonly ScratchDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    private static string Fixture(string name) => Path.Combine(AppContext.BaseDirectory, "fixtures", "safetensors", name);

    [Fact]
    public void A_state_dict_with_integer_and_boolean_buffers_loads_as_exact_floats()
    {
        var state = SafeTensors.Load(Fixture("integers.safetensors"));

        Assert.Equal(7f, state["bn.num_batches_tracked"].Item());
        Assert.Equal([1, 5], state["position_ids"].Shape);
        Assert.Equal([0f, 1f, 2f, 3f, 4f], state["position_ids"].ToArray());
        Assert.Equal([5f, 2f, 0f], state["lengths"].ToArray());
        Assert.Equal([1f, 0f, 1f, 0f, 0f, 1f], state["mask"].ToArray());
        Assert.Equal([0f, 1f, 128f, 255f], state["levels"].ToArray());
        Assert.Equal([-128f, 0f, 127f], state["offsets"].ToArray());
        Assert.Equal([-32768f, 32767f], state["shorts"].ToArray());
    }

    [Fact]
    public void Load_state_dict_not_strict_ignores_the_buffers_a_module_does_not_own()
    {
        var state = SafeTensors.Load(Fixture("integers.safetensors"));
        var lstm = new LSTM(2, 3);

        var strict = Assert.Throws<ArgumentException>(() => lstm.LoadStateDict(state));
        Assert.Contains("unexpected key(s) 'bn.num_batches_tracked'", strict.Message);

        lstm.LoadStateDict(state, strict: false);
        Assert.Equal(state["weight_ih_l0"].ToArray(), lstm.StateDict()["weight_ih_l0"].ToArray());
        Assert.Equal(state["bias_hh_l0"].ToArray(), lstm.StateDict()["bias_hh_l0"].ToArray());
    }

    [Fact]
    public void Integers_float32_cannot_hold_are_refused_on_load_and_read_as_they_are_with_load_integers()
    {
        var e = Assert.Throws<NotSupportedException>(() => SafeTensors.Load(Fixture("inexact.safetensors")));
        Assert.Contains("tensor 'big' (I64) holds 16777217 at element 0", e.Message);
        Assert.Contains("SafeTensors.LoadIntegers", e.Message);

        var big = SafeTensors.LoadIntegers(Fixture("inexact.safetensors"))["big"];
        Assert.Equal(SafeTensorsDType.I64, big.DType);
        Assert.Equal([2], big.Shape);
        Assert.Equal([(1L << 24) + 1, -(1L << 40)], big.Values);

        var integers = SafeTensors.LoadIntegers(Fixture("integers.safetensors"));
        Assert.DoesNotContain("weight_ih_l0", integers.Keys);
        Assert.Equal(SafeTensorsDType.BOOL, integers["mask"].DType);
        Assert.Equal([1L, 0, 1, 0, 0, 1], integers["mask"].Values);
        Assert.Equal([5L, 2, 0], integers["lengths"].Values);
    }

    [Theory]
    [InlineData(SafeTensorsDType.F16, "to_half_f16.safetensors")]
    [InlineData(SafeTensorsDType.BF16, "to_half_bf16.safetensors")]
    public void Half_precision_files_are_written_byte_for_byte_as_pytorch_rounds_and_the_reference_lays_them_out(SafeTensorsDType dtype, string expected)
    {
        var source = SafeTensors.Load(Fixture("to_half_source.safetensors"));
        string path = _dir.File("half.safetensors");

        SafeTensors.Save(path, source, dtype: dtype);

        Assert.Equal(File.ReadAllBytes(Fixture(expected)), File.ReadAllBytes(path));
        var back = SafeTensors.Load(path);
        var reference = SafeTensors.Load(Fixture(expected));
        Assert.Equal(reference["a"].ToArray(), back["a"].ToArray());
        Assert.Equal(reference["b"].ToArray().Select(BitConverter.SingleToInt32Bits), back["b"].ToArray().Select(BitConverter.SingleToInt32Bits));
    }

    [Theory]
    [InlineData(SafeTensorsDType.F16)]
    [InlineData(SafeTensorsDType.BF16)]
    public void Nan_stays_nan_in_half_precision(SafeTensorsDType dtype)
    {
        string path = _dir.File("nan.safetensors");
        SafeTensors.Save(path, new Dictionary<string, Tensor> { ["w"] = Tensor.FromArray([float.NaN, -float.NaN, 1f], 3) }, dtype: dtype);
        var back = SafeTensors.Load(path)["w"].ToArray();
        Assert.True(float.IsNaN(back[0]) && float.IsNaN(back[1]));
        Assert.Equal(1f, back[2]);
    }

    [Fact]
    public void A_dtype_save_does_not_write_is_refused()
    {
        var e = Assert.Throws<ArgumentOutOfRangeException>(() =>
            SafeTensors.Save(_dir.File("x.safetensors"), new Dictionary<string, Tensor> { ["w"] = Tensor.Zeros(2) }, dtype: SafeTensorsDType.I64));
        Assert.Contains("F32, F16 or BF16", e.Message);
    }
}
