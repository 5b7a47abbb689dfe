namespace Recur.Serialization;

/// <summary>
/// One tensor described by a safetensors header: its name, element type, shape, and where its bytes lie,
/// as offsets <c>[Begin, End)</c> relative to the data buffer that follows the header.
/// </summary>
internal sealed record SafeTensorsEntry(string Name, SafeTensorsDType DType, int[] Shape, long ElementCount, long Begin, long End);
