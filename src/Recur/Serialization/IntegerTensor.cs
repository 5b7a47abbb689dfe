namespace Recur.Serialization;

/// <summary>
/// An integer or boolean tensor of a safetensors file as it is stored (PyTorch's <c>num_batches_tracked</c>,
/// <c>position_ids</c>, lengths, masks), its values widened to 64-bit integers (a boolean is 0 or 1), row-major.
/// </summary>
/// <param name="DType">The element type in the file.</param>
/// <param name="Shape">The tensor's shape.</param>
/// <param name="Values">The elements, row-major.</param>
public sealed record IntegerTensor(SafeTensorsDType DType, int[] Shape, long[] Values);
