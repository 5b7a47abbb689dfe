using Recur.Kernels;

namespace Recur.Nn.Recurrent.Kernels;

/// <summary>
/// One time step's buffers for a cell kernel, as pointers at row 0 of the batch (the time loop pins or owns them). Gate
/// rows are <see cref="GateStride"/> = G·H apart, state rows H apart, output-gradient rows <see cref="DOutRowStride"/> apart.
/// </summary>
internal unsafe struct StepRows
{
    /// <summary>B, all the rows of the step (a part of the time loop runs some of them).</summary>
    public int Batch;
    /// <summary>H.</summary>
    public int Hidden;
    /// <summary>G·H.</summary>
    public int GateStride;
    /// <summary>
    /// Forward: the pre-activations from the input side (plus W_hh h_{t−1} when the cell adds it there); the kernel overwrites
    /// them with the gate activations, which backward reads and overwrites with dL/d(input-side pre-activations).
    /// </summary>
    public float* Gates;
    /// <summary><c>h_{t−1} · W_hhᵀ</c> when kept apart (GRU), <c>[B, G·H]</c>.</summary>
    public float* HiddenProjection;
    /// <summary>b_ih + the folded rows of b_hh, <c>[G·H]</c>, or null.</summary>
    public float* Bias;
    /// <summary>GRU's b_hn <c>[H]</c>, or null.</summary>
    public float* BiasHn;
    /// <summary>W_hn, rows 2H..3H of W_hh, <c>[H, H]</c> (GRU reset-before).</summary>
    public float* WeightHn;
    /// <summary>W_hh as the cell's <see cref="ICellKernel.PackWeights"/> laid it out.</summary>
    public float* PackedWeightHh;
    /// <summary>h_{t−1}.</summary>
    public float* HPrev;
    /// <summary>h_t: written by forward, read by backward.</summary>
    public float* H;
    /// <summary>c_{t−1} (LSTM).</summary>
    public float* CPrev;
    /// <summary>c_t (LSTM): written by forward.</summary>
    public float* C;
    /// <summary>LSTM's cache: tanh(c_t), <c>[B, H]</c> (the same storage as the other caches: a cell keeps one).</summary>
    public float* TanhC;
    /// <summary>GRU reset-after's cache: W_hn h_{t−1} + b_hn, <c>[B, H]</c>.</summary>
    public float* HiddenN;
    /// <summary>GRU reset-before's cache: r ⊙ h_{t−1}, <c>[B, H]</c>.</summary>
    public float* ResetHidden;

    /// <summary>dL/dh_t carried from step t+1.</summary>
    public float* DhCarry;
    /// <summary>dL/d(output at step t), row b at <c>DOut + b·DOutRowStride</c>; null for none.</summary>
    public float* DOut;
    /// <summary>Floats between rows of <see cref="DOut"/>.</summary>
    public int DOutRowStride;
    /// <summary>dL/dc_t carried from step t+1.</summary>
    public float* DcCarry;
    /// <summary>Written: dL/dh_{t−1}, the carry of the next step backward (the part not through the time loop's <c>dG_h · W_hh</c>).</summary>
    public float* DhNext;
    /// <summary>Written: dL/dc_{t−1}, the carry of the next step backward.</summary>
    public float* DcNext;
    /// <summary>Written: dL/d(hidden-side pre-activations) when <see cref="ICellKernel.SeparateHiddenGradients"/>.</summary>
    public float* DGatesHidden;
    /// <summary><c>[B, H]</c> scratch for dL/d(r ⊙ h_{t−1}) (GRU reset-before).</summary>
    public float* DResetHidden;

    /// <summary>Real lengths of the sequences, or null when all are full.</summary>
    public int* Lengths;
    /// <summary>The time index of this step.</summary>
    public int Time;

    /// <summary>False where sequence b has ended: the step passes its state through and gets no gradient.</summary>
    public readonly bool IsActive(int b) => Lengths == null || Time < Lengths[b];

    /// <summary>dL/dh_t at row b, chunk k: the carry plus the output's gradient.</summary>
    public readonly TV LoadDh<TV>(int b, int k, int n) where TV : struct, IFloatVector<TV>
    {
        var dh = TV.Load(DhCarry + b * Hidden + k, n);
        return DOut == null ? dh : dh + TV.Load(DOut + (long)b * DOutRowStride + k, n);
    }

    /// <summary>Copies <paramref name="count"/> floats (a row passed through).</summary>
    public static void Copy(float* source, float* target, int count) =>
        new ReadOnlySpan<float>(source, count).CopyTo(new Span<float>(target, count));

    /// <summary>Zeroes <paramref name="count"/> floats.</summary>
    public static void Clear(float* target, int count) => new Span<float>(target, count).Clear();
}
