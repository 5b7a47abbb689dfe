using System.Runtime.CompilerServices;
using Recur.Kernels;

namespace Recur.Nn.Recurrent.Kernels;

/// <summary>
/// Elman RNN, with <typeparamref name="TActivation"/> <see cref="TanhActivation"/> or <see cref="ReluActivation"/>:
/// <code>
/// a = W_ih x_t + b_ih + W_hh h_{t−1} + b_hh
/// h_t = act(a)
/// </code>
/// h_t itself is the cache backward needs.
/// </summary>
internal readonly struct RnnKernel<TActivation> : ICellKernel where TActivation : struct, IRnnActivation
{
    public static int Gates => 1;

    public static int FoldedBiasGates => 1;

    public static int RecurrentProductGates => 1;

    /// <summary>Rows [b0, b1) of one step: Gates hold <c>W_ih x_t + W_hh h_{t−1}</c>; h_t is written.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static unsafe void Forward<TV>(in StepRows s, int b0, int b1) where TV : struct, IFloatVector<TV>
    {
        int hidden = s.Hidden, lanes = TV.Count;
        for (int b = b0; b < b1; b++)
        {
            float* h = s.H + b * hidden;
            if (!s.IsActive(b))
            {
                StepRows.Copy(s.HPrev + b * hidden, h, hidden);
                continue;
            }
            float* pre = s.Gates + b * s.GateStride;
            for (int k = 0; k < hidden; k += lanes)
            {
                int n = hidden - k;
                // a = W_ih x + W_hh h + b_ih + b_hh;  h_t = act(a)
                var a = TV.Load(pre + k, n);
                if (s.Bias != null) a += TV.Load(s.Bias + k, n);
                TV.Store(h + k, TActivation.Apply(a), n);
            }
        }
    }

    /// <summary>Rows [b0, b1) of one step backward: dL/da = dL/dh_t ⊙ act'(a) into Gates; h_{t−1} reaches h_t only through W_hh.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static unsafe void Backward<TV>(in StepRows s, int b0, int b1) where TV : struct, IFloatVector<TV>
    {
        int hidden = s.Hidden, lanes = TV.Count;
        for (int b = b0; b < b1; b++)
        {
            float* da = s.Gates + b * s.GateStride;
            float* dhNext = s.DhNext + b * hidden;
            if (!s.IsActive(b))
            {
                StepRows.Clear(da, hidden);
                StepRows.Copy(s.DhCarry + b * hidden, dhNext, hidden);
                continue;
            }
            float* h = s.H + b * hidden;
            for (int k = 0; k < hidden; k += lanes)
            {
                int n = hidden - k;
                TV.Store(da + k, TActivation.Gradient(TV.Load(h + k, n), s.LoadDh<TV>(b, k, n)), n);
                TV.Store(dhNext + k, TV.Splat(0f), n);
            }
        }
    }
}
