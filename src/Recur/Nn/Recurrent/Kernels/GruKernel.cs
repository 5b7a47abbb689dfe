using System.Runtime.CompilerServices;
using Recur.Kernels;

namespace Recur.Nn.Recurrent.Kernels;

/// <summary>
/// GRU, reset-after (PyTorch's form and Keras' default), gate order r, z, n:
/// <code>
/// r = σ(W_ir x + b_ir + W_hr h_{t−1} + b_hr)
/// z = σ(W_iz x + b_iz + W_hz h_{t−1} + b_hz)
/// n = tanh(W_in x + b_in + r ⊙ (W_hn h_{t−1} + b_hn))
/// h_t = (1 − z) ⊙ n + z ⊙ h_{t−1}
/// </code>
/// The time loop's product <c>h_{t−1} · W_hhᵀ</c> stays apart in <see cref="StepRows.HiddenProjection"/> (its n block is
/// scaled by r); the cache is <see cref="StepRows.HiddenN"/> = W_hn h_{t−1} + b_hn.
/// </summary>
internal readonly struct GruKernel : ICellKernel
{
    public static int Gates => 3;

    // Only r and z may take b_hh early: b_hn sits inside r ⊙ (…).
    public static int FoldedBiasGates => 2;

    public static int RecurrentProductGates => 3;

    public static bool AddsRecurrentIntoGates => false;

    // The hidden side of n gets dPreN ⊙ r, the input side dPreN.
    public static bool SeparateHiddenGradients => true;

    // Backward stores dr and dz to both sides.
    public static int SharedHiddenGradientGates => 2;

    public static bool HasStepCache => true;

    /// <summary>Reset-after, rows [b0, b1) of one step: r, z, n replace the input-side pre-activations in Gates.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static unsafe void Forward<TV>(in StepRows s, int b0, int b1) where TV : struct, IFloatVector<TV>
    {
        int hidden = s.Hidden, lanes = TV.Count;
        float* bias = s.Bias;
        for (int b = b0; b < b1; b++)
        {
            int row = b * hidden;
            if (!s.IsActive(b))
            {
                StepRows.Copy(s.HPrev + row, s.H + row, hidden);
                StepRows.Clear(s.HiddenN + row, hidden);
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
                TV.Store(s.HiddenN + row + k, hiddenN, n);
                TV.Store(s.H + row + k, candidate + z * (hPrev - candidate), n);
            }
        }
    }

    /// <summary>
    /// Reset-after backward, rows [b0, b1): input-side gradients [dr, dz, dPreN] replace r, z, n in Gates; the hidden side
    /// [dr, dz, dPreN ⊙ r] goes to DGatesHidden.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static unsafe void Backward<TV>(in StepRows s, int b0, int b1) where TV : struct, IFloatVector<TV>
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
                StepRows.Clear(gr, 3 * hidden);
                StepRows.Clear(hr, 3 * hidden);
                StepRows.Copy(s.DhCarry + row, s.DhNext + row, hidden);
                continue;
            }
            for (int k = 0; k < hidden; k += lanes)
            {
                int n = hidden - k;
                var r = TV.Load(gr + k, n);
                var z = TV.Load(gz + k, n);
                var candidate = TV.Load(gn + k, n);
                var dh = s.LoadDh<TV>(b, k, n);
                var hPrev = TV.Load(s.HPrev + row + k, n);
                var dPreN = dh * (one - z) * (one - candidate * candidate);      // dn ⊙ tanh'
                var dz = dh * (hPrev - candidate) * z * (one - z);                // dz ⊙ σ'
                var dr = dPreN * TV.Load(s.HiddenN + row + k, n) * r * (one - r);   // dr = dPreN ⊙ (W_hn h + b_hn) ⊙ σ'
                TV.Store(gr + k, dr, n);
                TV.Store(gz + k, dz, n);
                TV.Store(gn + k, dPreN, n);
                TV.Store(hr + k, dr, n);
                TV.Store(hz + k, dz, n);
                TV.Store(hn + k, dPreN * r, n);                                   // d(W_hn h + b_hn) = dPreN ⊙ r
                TV.Store(s.DhNext + row + k, dh * z, n);                          // h_{t−1} enters h_t directly with weight z
            }
        }
    }
}
