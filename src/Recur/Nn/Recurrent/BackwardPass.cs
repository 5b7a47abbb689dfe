namespace Recur.Nn.Recurrent;

/// <summary>Everything a part of the backward time loop needs, as an unmanaged struct the worker threads share by pointer.</summary>
internal unsafe struct BackwardPass
{
    public bool Reverse;
    public int Steps, Batch, Hidden, GateStride, RecurrentRows, Parts;
    /// <summary><c>[T·B, G·H]</c>: the gate activations, which the kernels turn into dL/d(input-side pre-activations).</summary>
    public float* Gates;
    /// <summary><c>[T·B, G·H]</c>: dL/d(hidden-side pre-activations) (the same storage as Gates unless they differ).</summary>
    public float* DGatesHidden;
    /// <summary>The forward's state blocks and per-step cache (see <see cref="ForwardPass"/>).</summary>
    public float* HStates, CStates, StepCache;
    /// <summary>W_hh <c>[G·H, H]</c>, and as the cell packed it.</summary>
    public float* WeightHh, PackedWeightHh;
    /// <summary>The first RecurrentRows rows of W_hh packed for dG_h · W_hh (<see cref="Recur.Kernels.GemmPackedB"/>), or null.</summary>
    public float* WeightHhPacked;
    /// <summary><c>[B, H]</c> scratch for the cell.</summary>
    public float* DResetHidden;
    /// <summary>dL/d(output) at step 0, row 0 (null for none); steps and rows the given strides apart.</summary>
    public float* DOut;
    public int DOutStepStride, DOutRowStride;
    /// <summary>The carried gradients, ping-pong: the step reads the carry and writes the next.</summary>
    public float* DhCarry, DhNext, DcCarry, DcNext;
    public int* Lengths;
}
