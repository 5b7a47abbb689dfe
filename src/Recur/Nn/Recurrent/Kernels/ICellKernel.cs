using Recur.Kernels;

namespace Recur.Nn.Recurrent.Kernels;

/// <summary>
/// One recurrent cell variant's math for one time step over a range of batch rows — <see cref="Forward{TV}"/> and
/// <see cref="Backward{TV}"/> side by side, each implementation with its equations above them — and the facts about the
/// cell that the time loop lays its buffers out by. Implementations are structs, so <see cref="CellTimeLoop{TCell, TV}"/>,
/// generic over them, is compiled once per cell variant and vector width with the facts as constants and no virtual call.
/// </summary>
/// <remarks>
/// Every buffer is batch-major: a step's gates are <c>[B, G·H]</c> with the gate blocks of a row side by side in PyTorch's
/// order (LSTM i, f, g, o; GRU r, z, n), and states are <c>[B, H]</c> — the layout of the layer's output, so h_t is
/// written where the output wants it. A row whose sequence has ended (<see cref="StepRows.IsActive"/> false) passes its
/// state through and gets no gradient.
/// </remarks>
internal interface ICellKernel
{
    /// <summary>Gates per hidden unit G (RNN 1, GRU 3, LSTM 4): W_ih is <c>[G·H, F]</c>.</summary>
    static abstract int Gates { get; }

    /// <summary>True when the cell carries a cell state c next to h (LSTM).</summary>
    static virtual bool HasCellState => false;

    /// <summary>Gate blocks of b_hh added together with b_ih once per step (the rest stay inside the cell: GRU's b_hn).</summary>
    static abstract int FoldedBiasGates { get; }

    /// <summary>Gate blocks of the per-step <c>h_{t−1} · W_hhᵀ</c> the time loop computes (GRU reset-before: r and z only).</summary>
    static abstract int RecurrentProductGates { get; }

    /// <summary>
    /// True when the per-step <c>h_{t−1} · W_hhᵀ</c> is added straight into the step's input projection (RNN, LSTM);
    /// false when the cell reads it apart from <see cref="StepRows.HiddenProjection"/> (GRU, whose n gate scales it by r).
    /// </summary>
    static virtual bool AddsRecurrentIntoGates => true;

    /// <summary>True when the gradient of the hidden-side pre-activations differs from the input side's (GRU reset-after).</summary>
    static virtual bool SeparateHiddenGradients => false;

    /// <summary>
    /// With <see cref="SeparateHiddenGradients"/>: how many leading gate blocks of the hidden-side gradients are the input
    /// side's values (GRU reset-after: r and z, 2), so their bias gradients are the same column sums, summed once.
    /// </summary>
    static virtual int SharedHiddenGradientGates => 0;

    /// <summary>True when the cell keeps a <c>[B, H]</c> block per step besides its gates (<see cref="StepRows.TanhC"/>, <see cref="StepRows.HiddenN"/>, <see cref="StepRows.ResetHidden"/>).</summary>
    static virtual bool HasStepCache => false;

    /// <summary>The forget gate's block in the gate order (LSTM 1), or −1: Keras starts that block's bias at 1.</summary>
    static virtual int ForgetGateBlock => -1;

    /// <summary>
    /// True when <see cref="Forward{TV}"/> computes <c>h_{t−1} · W_hhᵀ</c> itself and <see cref="Backward{TV}"/> adds
    /// <c>dG · W_hh</c> into dL/dh_{t−1} itself, from <see cref="StepRows.PackedWeightHh"/>; false when the time loop runs
    /// those products as GEMMs around the kernel.
    /// </summary>
    static virtual bool ComputesRecurrentProducts => false;

    /// <summary>True when the kernel can run a cell of <paramref name="hidden"/> units (all can but a fast variant for small H).</summary>
    static virtual bool Fits(int hidden) => true;

    /// <summary>Floats <see cref="PackWeights"/> writes (0 when the cell reads W_hh as it is).</summary>
    static virtual int PackedWeightLength(int hidden) => 0;

    /// <summary>Lays W_hh <c>[G·H, H]</c> out in <paramref name="packed"/> for the kernels, once per sequence.</summary>
    static virtual unsafe void PackWeights(float* weightHh, int hidden, float* packed)
    {
    }

    /// <summary>
    /// Adds the rows of dL/dW_hh that multiply the step cache rather than h_{t−1} (GRU reset-before's W_hn, which multiplies
    /// r ⊙ h), from all steps' input-side gate gradients <paramref name="dGates"/> <c>[rows, G·H]</c>: the time loop's own GEMM
    /// covers the <see cref="RecurrentProductGates"/> blocks.
    /// </summary>
    static virtual void AddCacheWeightGradient(ReadOnlySpan<float> dGates, ReadOnlySpan<float> stepCache, int rows, int hidden, Span<float> dWeightHh)
    {
    }

    /// <summary>Rows [b0, b1) of one step forward: the gate activations replace the pre-activations in <see cref="StepRows.Gates"/>; h_t (and c_t) are written.</summary>
    static abstract void Forward<TV>(in StepRows s, int b0, int b1) where TV : struct, IFloatVector<TV>;

    /// <summary>
    /// Rows [b0, b1) of one step backward, after the forward of the same step: dL/d(input-side pre-activations) replace the
    /// activations in <see cref="StepRows.Gates"/>, and dL/dh_{t−1} (the part not through W_hh, unless
    /// <see cref="ComputesRecurrentProducts"/>) and dL/dc_{t−1} are written to <see cref="StepRows.DhNext"/> and
    /// <see cref="StepRows.DcNext"/>.
    /// </summary>
    static abstract void Backward<TV>(in StepRows s, int b0, int b1) where TV : struct, IFloatVector<TV>;
}
