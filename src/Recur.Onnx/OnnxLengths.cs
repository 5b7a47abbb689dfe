using Recur.Nn;

namespace Recur.Onnx;

/// <summary>The sequence lengths inside the graph: int64 <c>[B]</c>, the int32 copy ONNX's recurrent operators take, and their padding side.</summary>
internal sealed record OnnxLengths(string Int64, string Int32, SequenceSide Side);
