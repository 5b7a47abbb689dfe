namespace Recur.Serialization;

/// <summary>
/// The element types a safetensors header can name (its <c>"dtype"</c> field, spelled as the format spells it).
/// <see cref="SafeTensors.Load"/> reads the floating-point ones as float32 and the integer and boolean ones as float32
/// where every value is exact (<see cref="SafeTensors.LoadIntegers"/> reads those as they are);
/// <see cref="SafeTensors.Save"/> writes <see cref="F32"/>, <see cref="F16"/> or <see cref="BF16"/>.
/// </summary>
public enum SafeTensorsDType
{
    /// <summary>Boolean, one byte (0 or 1).</summary>
    BOOL,
    /// <summary>Unsigned 8-bit integer.</summary>
    U8,
    /// <summary>Signed 8-bit integer.</summary>
    I8,
    /// <summary>8-bit float, 5 exponent bits (not read).</summary>
    F8_E5M2,
    /// <summary>8-bit float, 4 exponent bits (not read).</summary>
    F8_E4M3,
    /// <summary>8-bit exponent-only scale (not read).</summary>
    F8_E8M0,
    /// <summary>Signed 16-bit integer.</summary>
    I16,
    /// <summary>Unsigned 16-bit integer.</summary>
    U16,
    /// <summary>IEEE half precision.</summary>
    F16,
    /// <summary>bfloat16: the top 16 bits of a float32.</summary>
    BF16,
    /// <summary>Signed 32-bit integer.</summary>
    I32,
    /// <summary>Unsigned 32-bit integer.</summary>
    U32,
    /// <summary>IEEE single precision, Recur's own.</summary>
    F32,
    /// <summary>IEEE double precision (rounded to float32 on load).</summary>
    F64,
    /// <summary>Signed 64-bit integer (PyTorch's <c>long</c>: <c>num_batches_tracked</c>, <c>position_ids</c>).</summary>
    I64,
    /// <summary>Unsigned 64-bit integer.</summary>
    U64,
    /// <summary>Complex of two float32 (not read).</summary>
    C64,
}

/// <summary>Parsing and facts about <see cref="SafeTensorsDType"/>.</summary>
internal static class SafeTensorsDTypes
{
    private static readonly Dictionary<string, SafeTensorsDType> ByName =
        Enum.GetValues<SafeTensorsDType>().ToDictionary(d => d.ToString(), StringComparer.Ordinal);

    /// <summary>The dtype named <paramref name="name"/> (case-sensitive, as the format spells it), or false.</summary>
    public static bool TryParse(string name, out SafeTensorsDType dtype) => ByName.TryGetValue(name, out dtype);

    /// <summary>Bytes per element.</summary>
    public static int ItemSize(this SafeTensorsDType dtype) => dtype switch
    {
        SafeTensorsDType.BOOL or SafeTensorsDType.U8 or SafeTensorsDType.I8
            or SafeTensorsDType.F8_E5M2 or SafeTensorsDType.F8_E4M3 or SafeTensorsDType.F8_E8M0 => 1,
        SafeTensorsDType.I16 or SafeTensorsDType.U16 or SafeTensorsDType.F16 or SafeTensorsDType.BF16 => 2,
        SafeTensorsDType.I32 or SafeTensorsDType.U32 or SafeTensorsDType.F32 => 4,
        SafeTensorsDType.F64 or SafeTensorsDType.I64 or SafeTensorsDType.U64 or SafeTensorsDType.C64 => 8,
        _ => throw new ArgumentOutOfRangeException(nameof(dtype), dtype, null),
    };

    /// <summary>True for the floating-point dtypes Recur loads: F32 as is, F64, F16 and BF16 converted to float32.</summary>
    public static bool IsFloat(this SafeTensorsDType dtype) =>
        dtype is SafeTensorsDType.F32 or SafeTensorsDType.F64 or SafeTensorsDType.F16 or SafeTensorsDType.BF16;

    /// <summary>True for integer and boolean dtypes (e.g. BatchNorm's <c>num_batches_tracked</c> is I64).</summary>
    public static bool IsIntegerOrBool(this SafeTensorsDType dtype) =>
        dtype is SafeTensorsDType.BOOL or SafeTensorsDType.U8 or SafeTensorsDType.I8 or SafeTensorsDType.I16
            or SafeTensorsDType.U16 or SafeTensorsDType.I32 or SafeTensorsDType.U32 or SafeTensorsDType.I64 or SafeTensorsDType.U64;
}
