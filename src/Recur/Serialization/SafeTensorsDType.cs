namespace Recur.Serialization;

/// <summary>
/// The element types a safetensors header can name (the <c>"dtype"</c> field), with the byte size of one element.
/// Recur reads the floating-point ones (<see cref="SafeTensorsDTypes.IsReadable"/>) and converts them to float32.
/// </summary>
internal enum SafeTensorsDType
{
    BOOL, U8, I8, F8_E5M2, F8_E4M3, F8_E8M0, I16, U16, F16, BF16, I32, U32, F32, F64, I64, U64, C64,
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

    /// <summary>True for the dtypes Recur loads: F32 as is, F64, F16 and BF16 converted to float32.</summary>
    public static bool IsReadable(this SafeTensorsDType dtype) =>
        dtype is SafeTensorsDType.F32 or SafeTensorsDType.F64 or SafeTensorsDType.F16 or SafeTensorsDType.BF16;

    /// <summary>True for integer and boolean dtypes (e.g. BatchNorm's <c>num_batches_tracked</c> is I64).</summary>
    public static bool IsIntegerOrBool(this SafeTensorsDType dtype) =>
        dtype is SafeTensorsDType.BOOL or SafeTensorsDType.U8 or SafeTensorsDType.I8 or SafeTensorsDType.I16
            or SafeTensorsDType.U16 or SafeTensorsDType.I32 or SafeTensorsDType.U32 or SafeTensorsDType.I64 or SafeTensorsDType.U64;
}
