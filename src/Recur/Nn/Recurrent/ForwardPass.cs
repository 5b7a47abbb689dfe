namespace Recur.Nn.Recurrent;

/// <summary>Everything a part of the forward time loop needs, as an unmanaged struct the worker threads share by pointer.</summary>
internal unsafe struct ForwardPass
{
    public bool Reverse;
    public int Steps, Batch, Hidden, GateStride, RecurrentRows, Parts;
    /// <summary><c>[T·B, G·H]</c>: the input projections, which the kernels turn into gate activations.</summary>
    public float* Gates;
    /// <summary><c>[B, G·H]</c>: the per-step recurrent product when the cell keeps it apart (GRU).</summary>
    public float* HiddenProjection;
    /// <summary>The folded biases <c>[G·H]</c> (null for none) and GRU's b_hn <c>[H]</c> (null for none).</summary>
    public float* Bias, BiasHn;
    /// <summary>The state blocks <c>[(T+1)·B, H]</c> (see <see cref="StateBlocks"/>); CStates null without a cell state.</summary>
    public float* HStates, CStates;
    /// <summary>The cell's per-step cache <c>[T·B, H]</c>, or null.</summary>
    public float* StepCache;
    /// <summary>W_hh <c>[G·H, H]</c>.</summary>
    public float* WeightHh;
    /// <summary>The first RecurrentRows rows of W_hh transposed, <c>[H, RecurrentRows]</c>, or null to read W_hh itself.</summary>
    public float* WeightHhTransposed;
    /// <summary>The first RecurrentRows rows of W_hh packed for h·W_hhᵀ (<see cref="Recur.Kernels.GemmPackedB"/>), or null.</summary>
    public float* WeightHhPacked;
    /// <summary>The first RecurrentRows rows of W_hh packed in 16-row panels for a batch of one (<see cref="Recur.Kernels.PackedRowDot512"/>), or null.</summary>
    public float* WeightHhPanels;
    /// <summary>W_hh as the cell packed it.</summary>
    public float* PackedWeightHh;
    public int* Lengths;
}
