using System.Runtime.CompilerServices;
using Recur.Kernels;

namespace Recur.Nn.Recurrent.Kernels;

/// <summary>
/// GRU, reset-before (Cho et al. 2014; the course slides' <c>h~ = tanh(W (r ⊙ h) + U x)</c>; Keras' <c>reset_after=False</c>),
/// gate order r, z, n:
/// <code>
/// r = σ(W_ir x + b_ir + W_hr h_{t−1} + b_hr)
/// z = σ(W_iz x + b_iz + W_hz h_{t−1} + b_hz)
/// n = tanh(W_in x + b_in + W_hn (r ⊙ h_{t−1}) + b_hn)
/// h_t = (1 − z) ⊙ n + z ⊙ h_{t−1}
/// </code>
/// W_hn multiplies r ⊙ h, known only after r: the time loop's product covers r and z, and the kernel runs the n block's
/// product itself between its passes. The cache is <see cref="StepRows.ResetHidden"/> = r ⊙ h_{t−1}.
/// </summary>
internal readonly struct GruResetBeforeKernel : ICellKernel
{
    public static int Gates => 3;

    // Only r and z may take b_hh early: b_hn is added after W_hn (r ⊙ h).
    public static int FoldedBiasGates => 2;

    public static int RecurrentProductGates => 2;

    public static bool AddsRecurrentIntoGates => false;

    public static bool HasStepCache => true;

    /// <summary>dW_hn += dPreNᵀ · (r ⊙ h), over all steps: W_hn's rows of W_hh multiply the cache, not h_{t−1}.</summary>
    public static void AddCacheWeightGradient(ReadOnlySpan<float> dGates, ReadOnlySpan<float> stepCache, int rows, int hidden, Span<float> dWeightHh) =>
        Gemm.Multiply(true, false, hidden, hidden, rows, dGates[(2 * hidden)..], 3 * hidden, stepCache[..(rows * hidden)], hidden,
            dWeightHh[(2 * hidden * hidden)..], hidden, accumulate: true);

    /// <summary>
    /// Reset-before, rows [b0, b1) of one step: r and z, then <c>W_hn (r ⊙ h)</c> (one product), then n and h_t.
    /// The driver's product filled the r and z columns of HiddenProjection; this one fills its n columns.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static unsafe void Forward<TV>(in StepRows s, int b0, int b1) where TV : struct, IFloatVector<TV>
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
                StepRows.Clear(s.ResetHidden + row, hidden);
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
                TV.Store(s.ResetHidden + row + k, r * TV.Load(s.HPrev + row + k, n), n);   // r ⊙ h_{t−1}
            }
        }

        // W_hn (r ⊙ h) into the n columns of HiddenProjection.
        BatchRowsGemm.Multiply(b0, b1, s.Batch, true, hidden, hidden, s.ResetHidden, hidden, s.WeightHn, hidden,
            s.HiddenProjection + 2 * hidden, s.GateStride, accumulate: false);

        for (int b = b0; b < b1; b++)
        {
            int row = b * hidden;
            if (!s.IsActive(b))
            {
                StepRows.Copy(s.HPrev + row, s.H + row, hidden);
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
    public static unsafe void Backward<TV>(in StepRows s, int b0, int b1) where TV : struct, IFloatVector<TV>
    {
        int hidden = s.Hidden, lanes = TV.Count;
        var one = TV.Splat(1f);
        for (int b = b0; b < b1; b++)
        {
            int row = b * hidden;
            float* gz = s.Gates + b * s.GateStride + hidden, gn = gz + hidden;
            if (!s.IsActive(b))
            {
                StepRows.Clear(gz, 2 * hidden);
                StepRows.Copy(s.DhCarry + row, s.DhNext + row, hidden);
                continue;
            }
            for (int k = 0; k < hidden; k += lanes)
            {
                int n = hidden - k;
                var z = TV.Load(gz + k, n);
                var candidate = TV.Load(gn + k, n);
                var dh = s.LoadDh<TV>(b, k, n);
                var hPrev = TV.Load(s.HPrev + row + k, n);
                TV.Store(gn + k, dh * (one - z) * (one - candidate * candidate), n);   // dPreN
                TV.Store(gz + k, dh * (hPrev - candidate) * z * (one - z), n);        // dz ⊙ σ'
                TV.Store(s.DhNext + row + k, dh * z, n);
            }
        }

        // d(r ⊙ h) = dPreN · W_hn
        BatchRowsGemm.Multiply(b0, b1, s.Batch, false, hidden, hidden, s.Gates + 2 * hidden, s.GateStride, s.WeightHn, hidden,
            s.DResetHidden, hidden, accumulate: false);

        for (int b = b0; b < b1; b++)
        {
            int row = b * hidden;
            float* gr = s.Gates + b * s.GateStride;
            if (!s.IsActive(b))
            {
                StepRows.Clear(gr, hidden);
                continue;
            }
            for (int k = 0; k < hidden; k += lanes)
            {
                int n = hidden - k;
                var r = TV.Load(gr + k, n);
                var dRh = TV.Load(s.DResetHidden + row + k, n);
                TV.Store(gr + k, dRh * TV.Load(s.HPrev + row + k, n) * r * (one - r), n);    // dr ⊙ σ'
                TV.Store(s.DhNext + row + k, TV.Load(s.DhNext + row + k, n) + dRh * r, n);   // through r ⊙ h
            }
        }
    }
}
