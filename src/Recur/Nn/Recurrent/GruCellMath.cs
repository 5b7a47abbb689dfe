using System.Runtime.CompilerServices;
using Recur.Kernels;

namespace Recur.Nn.Recurrent;

/// <summary>
/// GRU, gate order r, z, n. Reset-after (PyTorch, Keras' default):
/// <c>r = σ(W_ir x + b_ir + W_hr h + b_hr)</c>, <c>z = σ(W_iz x + b_iz + W_hz h + b_hz)</c>,
/// <c>n = tanh(W_in x + b_in + r ⊙ (W_hn h + b_hn))</c>, <c>h_t = (1 − z) ⊙ n + z ⊙ h_{t−1}</c>.
/// Reset-before (Cho et al. 2014, the course slides' <c>h~ = tanh(W (r ⊙ h) + U x)</c>):
/// <c>n = tanh(W_in x + b_in + W_hn (r ⊙ h) + b_hn)</c>, the rest alike.
/// </summary>
internal sealed class GruCellMath(bool resetAfter) : CellMath
{
    public override int Gates => 3;

    internal override CellKind Kind => resetAfter ? CellKind.GruResetAfter : CellKind.GruResetBefore;

    // Only r and z may take b_hh early: b_hn sits inside r ⊙ (…) (reset-after) or after W_hn (reset-before).
    public override int FoldedHiddenBiasRows(int hidden) => 2 * hidden;

    // Reset-before multiplies W_hn by r ⊙ h, known only after r: the driver's product covers r and z.
    public override int RecurrentRows(int hidden) => resetAfter ? 3 * hidden : 2 * hidden;

    public override bool AddsRecurrentIntoGates => false;

    // Reset-after: the hidden side of n gets dPreN ⊙ r, the input side dPreN. Reset-before: both sides alike.
    public override bool SeparateHiddenGradients => resetAfter;

    // Aux: W_hn h + b_hn (reset-after) or r ⊙ h (reset-before).
    public override bool HasAux => true;

    /// <summary>Reset-after, rows [b0, b1) of one step: r, z, n replace the input-side pre-activations in Gates.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static unsafe void ForwardResetAfter<TV>(in StepRows s, int b0, int b1) where TV : struct, IFloatVector<TV>
    {
        int hidden = s.Hidden, lanes = TV.Count;
        float* bias = s.Bias;
        for (int b = b0; b < b1; b++)
        {
            int row = b * hidden;
            if (!s.IsActive(b))
            {
                CellRows.Copy(s.HPrev + row, s.H + row, hidden);
                CellRows.Clear(s.Aux + row, hidden);
                continue;
            }
            float* xr = s.Gates + b * s.GateStride, xz = xr + hidden, xn = xz + hidden;
            float* hr = s.HiddenProjection + b * s.GateStride, hz = hr + hidden, hn = hz + hidden;
            for (int k = 0; k < hidden; k += lanes)
            {
                int n = hidden - k;
                var ar = TV.Load(xr + k, n) + TV.Load(hr + k, n);
                var az = TV.Load(xz + k, n) + TV.Load(hz + k, n);
                var an = TV.Load(xn + k, n);
                if (bias != null)
                {
                    ar += TV.Load(bias + k, n);
                    az += TV.Load(bias + hidden + k, n);
                    an += TV.Load(bias + 2 * hidden + k, n);
                }
                // r, z = σ(x-part + h-part);  hn = W_hn h + b_hn;  n = tanh(x_n + r ⊙ hn)
                var r = FloatVector.Sigmoid(ar);
                var z = FloatVector.Sigmoid(az);
                var hiddenN = TV.Load(hn + k, n);
                if (s.BiasHn != null) hiddenN += TV.Load(s.BiasHn + k, n);
                var candidate = FloatVector.Tanh(an + r * hiddenN);
                // h_t = n + z ⊙ (h_{t−1} − n)
                var hPrev = TV.Load(s.HPrev + row + k, n);
                TV.Store(xr + k, r, n);
                TV.Store(xz + k, z, n);
                TV.Store(xn + k, candidate, n);
                TV.Store(s.Aux + row + k, hiddenN, n);
                TV.Store(s.H + row + k, candidate + z * (hPrev - candidate), n);
            }
        }
    }

    /// <summary>
    /// Reset-after backward, rows [b0, b1): input-side gradients [dr, dz, dPreN] replace r, z, n in Gates; the hidden side
    /// [dr, dz, dPreN ⊙ r] goes to DGatesHidden.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static unsafe void BackwardResetAfter<TV>(in StepRows s, int b0, int b1) where TV : struct, IFloatVector<TV>
    {
        int hidden = s.Hidden, lanes = TV.Count;
        var one = TV.Splat(1f);
        for (int b = b0; b < b1; b++)
        {
            int row = b * hidden;
            float* gr = s.Gates + b * s.GateStride, gz = gr + hidden, gn = gz + hidden;
            float* hr = s.DGatesHidden + b * s.GateStride, hz = hr + hidden, hn = hz + hidden;
            if (!s.IsActive(b))
            {
                CellRows.Clear(gr, 3 * hidden);
                CellRows.Clear(hr, 3 * hidden);
                CellRows.Copy(s.DH + row, s.DHPrev + row, hidden);
                continue;
            }
            for (int k = 0; k < hidden; k += lanes)
            {
                int n = hidden - k;
                var r = TV.Load(gr + k, n);
                var z = TV.Load(gz + k, n);
                var candidate = TV.Load(gn + k, n);
                var dh = CellRows.LoadDh<TV>(s, b, k, n);
                var hPrev = TV.Load(s.HPrev + row + k, n);
                var dPreN = dh * (one - z) * (one - candidate * candidate);      // dn ⊙ tanh'
                var dz = dh * (hPrev - candidate) * z * (one - z);                // dz ⊙ σ'
                var dr = dPreN * TV.Load(s.Aux + row + k, n) * r * (one - r);   // dr = dPreN ⊙ (W_hn h + b_hn) ⊙ σ'
                TV.Store(gr + k, dr, n);
                TV.Store(gz + k, dz, n);
                TV.Store(gn + k, dPreN, n);
                TV.Store(hr + k, dr, n);
                TV.Store(hz + k, dz, n);
                TV.Store(hn + k, dPreN * r, n);                                   // d(W_hn h + b_hn) = dPreN ⊙ r
                TV.Store(s.DHPrev + row + k, dh * z, n);                          // h_{t−1} enters h_t directly with weight z
            }
        }
    }

    /// <summary>
    /// Reset-before, rows [b0, b1) of one step: r and z, then <c>W_hn (r ⊙ h)</c> (one product), then n and h_t.
    /// The driver's product filled the r and z columns of HiddenProjection; this one fills its n columns.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static unsafe void ForwardResetBefore<TV>(in StepRows s, int b0, int b1) where TV : struct, IFloatVector<TV>
    {
        int hidden = s.Hidden, lanes = TV.Count;
        float* bias = s.Bias;
        for (int b = b0; b < b1; b++)
        {
            int row = b * hidden;
            float* xr = s.Gates + b * s.GateStride, xz = xr + hidden;
            float* hr = s.HiddenProjection + b * s.GateStride, hz = hr + hidden;
            if (!s.IsActive(b))
            {
                CellRows.Clear(s.Aux + row, hidden);
                continue;
            }
            for (int k = 0; k < hidden; k += lanes)
            {
                int n = hidden - k;
                var ar = TV.Load(xr + k, n) + TV.Load(hr + k, n);
                var az = TV.Load(xz + k, n) + TV.Load(hz + k, n);
                if (bias != null)
                {
                    ar += TV.Load(bias + k, n);
                    az += TV.Load(bias + hidden + k, n);
                }
                var r = FloatVector.Sigmoid(ar);
                TV.Store(xr + k, r, n);
                TV.Store(xz + k, FloatVector.Sigmoid(az), n);
                TV.Store(s.Aux + row + k, r * TV.Load(s.HPrev + row + k, n), n);   // r ⊙ h_{t−1}
            }
        }

        // W_hn (r ⊙ h) into the n columns of HiddenProjection.
        CellRows.Gemm(b0, b1, s.Batch, true, hidden, hidden, s.Aux, hidden, s.WeightHn, hidden,
            s.HiddenProjection + 2 * hidden, s.GateStride, accumulate: false);

        for (int b = b0; b < b1; b++)
        {
            int row = b * hidden;
            if (!s.IsActive(b))
            {
                CellRows.Copy(s.HPrev + row, s.H + row, hidden);
                continue;
            }
            float* xz = s.Gates + b * s.GateStride + hidden, xn = xz + hidden;
            float* hn = s.HiddenProjection + b * s.GateStride + 2 * hidden;
            for (int k = 0; k < hidden; k += lanes)
            {
                int n = hidden - k;
                // n = tanh(x_n + b_in + W_hn (r ⊙ h) + b_hn)
                var an = TV.Load(xn + k, n) + TV.Load(hn + k, n);
                if (bias != null) an += TV.Load(bias + 2 * hidden + k, n);
                if (s.BiasHn != null) an += TV.Load(s.BiasHn + k, n);
                var candidate = FloatVector.Tanh(an);
                var z = TV.Load(xz + k, n);
                TV.Store(xn + k, candidate, n);
                TV.Store(s.H + row + k, candidate + z * (TV.Load(s.HPrev + row + k, n) - candidate), n);
            }
        }
    }

    /// <summary>
    /// Reset-before backward, rows [b0, b1): dPreN and dz, then <c>d(r ⊙ h) = dPreN · W_hn</c> (one product), then dr.
    /// Input- and hidden-side gradients are the same [dr, dz, dPreN], in Gates.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static unsafe void BackwardResetBefore<TV>(in StepRows s, int b0, int b1) where TV : struct, IFloatVector<TV>
    {
        int hidden = s.Hidden, lanes = TV.Count;
        var one = TV.Splat(1f);
        for (int b = b0; b < b1; b++)
        {
            int row = b * hidden;
            float* gz = s.Gates + b * s.GateStride + hidden, gn = gz + hidden;
            if (!s.IsActive(b))
            {
                CellRows.Clear(gz, 2 * hidden);
                CellRows.Copy(s.DH + row, s.DHPrev + row, hidden);
                continue;
            }
            for (int k = 0; k < hidden; k += lanes)
            {
                int n = hidden - k;
                var z = TV.Load(gz + k, n);
                var candidate = TV.Load(gn + k, n);
                var dh = CellRows.LoadDh<TV>(s, b, k, n);
                var hPrev = TV.Load(s.HPrev + row + k, n);
                TV.Store(gn + k, dh * (one - z) * (one - candidate * candidate), n);   // dPreN
                TV.Store(gz + k, dh * (hPrev - candidate) * z * (one - z), n);        // dz ⊙ σ'
                TV.Store(s.DHPrev + row + k, dh * z, n);
            }
        }

        // d(r ⊙ h) = dPreN · W_hn
        CellRows.Gemm(b0, b1, s.Batch, false, hidden, hidden, s.Gates + 2 * hidden, s.GateStride, s.WeightHn, hidden,
            s.Scratch, hidden, accumulate: false);

        for (int b = b0; b < b1; b++)
        {
            int row = b * hidden;
            float* gr = s.Gates + b * s.GateStride;
            if (!s.IsActive(b))
            {
                CellRows.Clear(gr, hidden);
                continue;
            }
            for (int k = 0; k < hidden; k += lanes)
            {
                int n = hidden - k;
                var r = TV.Load(gr + k, n);
                var dRh = TV.Load(s.Scratch + row + k, n);
                TV.Store(gr + k, dRh * TV.Load(s.HPrev + row + k, n) * r * (one - r), n);    // dr ⊙ σ'
                TV.Store(s.DHPrev + row + k, TV.Load(s.DHPrev + row + k, n) + dRh * r, n);   // through r ⊙ h
            }
        }
    }
}
