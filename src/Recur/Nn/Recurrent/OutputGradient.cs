namespace Recur.Nn.Recurrent;

/// <summary>
/// dL/d(layer output) as the backward reads it: step t, row b, this direction's first column at
/// <c>Offset + t·StepStride + b·RowStride</c> of <see cref="Data"/> (time-major and batch-first layouts alike).
/// </summary>
internal readonly record struct OutputGradient(float[] Data, int Offset, int StepStride, int RowStride);
