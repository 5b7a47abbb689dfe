using System.Runtime.CompilerServices;
using Recur.Kernels;

namespace Recur.Nn.Recurrent.Kernels;

/// <summary>
/// LSTM, gate order i, f, g, o — the reference kernel, one row and one vector of hidden units at a time:
/// <code>
/// i, f, g, o = σ, σ, tanh, σ(W_ih x_t + b_ih + W_hh h_{t−1} + b_hh)
/// c_t = f ⊙ c_{t−1} + i ⊙ g
/// h_t = o ⊙ tanh(c_t)
/// </code>
/// It runs when H is wider than one vector (H &gt; <see cref="FloatVector.Lanes"/>: 16 lanes with AVX-512, 8 with AVX2);
/// below that <see cref="LstmOneVectorKernel"/> runs instead (the course's stock model, H = 10), computing the same
/// equations in another order. <c>LstmOneVectorKernelTests.Matches_the_reference_kernel</c> holds the two equal.
/// </summary>
internal readonly struct LstmKernel : ICellKernel
{
    public static int Gates => 4;

    public static bool HasCellState => true;

    public static int FoldedBiasGates => 4;

    public static int RecurrentProductGates => 4;

    public static bool HasStepCache => true;

    public static int ForgetGateBlock => 1;

    /// <summary>Rows [b0, b1) of one step: Gates hold <c>W_ih x_t + W_hh h_{t−1}</c> and receive i, f, g, o; c_t, tanh c_t and h_t are written.</summary>
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
                StepRows.Copy(s.CPrev + row, s.C + row, hidden);
                continue;
            }
            float* gi = s.Gates + b * s.GateStride, gf = gi + hidden, gg = gf + hidden, go = gg + hidden;
            for (int k = 0; k < hidden; k += lanes)
            {
                int n = hidden - k;
                var ai = TV.Load(gi + k, n);
                var af = TV.Load(gf + k, n);
                var ag = TV.Load(gg + k, n);
                var ao = TV.Load(go + k, n);
                if (bias != null)
                {
                    ai += TV.Load(bias + k, n);
                    af += TV.Load(bias + hidden + k, n);
                    ag += TV.Load(bias + 2 * hidden + k, n);
                    ao += TV.Load(bias + 3 * hidden + k, n);
                }
                var i = FloatVector.Sigmoid(ai);
                var f = FloatVector.Sigmoid(af);
                var g = FloatVector.Tanh(ag);
                var o = FloatVector.Sigmoid(ao);
                // c_t = f ⊙ c_{t−1} + i ⊙ g;  h_t = o ⊙ tanh(c_t)
                var c = f * TV.Load(s.CPrev + row + k, n) + i * g;
                var tc = FloatVector.Tanh(c);
                TV.Store(gi + k, i, n);
                TV.Store(gf + k, f, n);
                TV.Store(gg + k, g, n);
                TV.Store(go + k, o, n);
                TV.Store(s.C + row + k, c, n);
                TV.Store(s.TanhC + row + k, tc, n);
                TV.Store(s.H + row + k, o * tc, n);
            }
        }
    }

    /// <summary>
    /// Rows [b0, b1) of one step backward: dL/d(pre-activations) of i, f, g, o replace the activations in Gates;
    /// dL/dc_{t−1} is written, and dL/dh_{t−1} is zero here (h_{t−1} acts only through W_hh, the time loop's product).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static unsafe void Backward<TV>(in StepRows s, int b0, int b1) where TV : struct, IFloatVector<TV>
    {
        int hidden = s.Hidden, lanes = TV.Count;
        var one = TV.Splat(1f);
        for (int b = b0; b < b1; b++)
        {
            int row = b * hidden;
            float* gi = s.Gates + b * s.GateStride, gf = gi + hidden, gg = gf + hidden, go = gg + hidden;
            if (!s.IsActive(b))
            {
                StepRows.Clear(gi, 4 * hidden);
                StepRows.Copy(s.DhCarry + row, s.DhNext + row, hidden);
                StepRows.Copy(s.DcCarry + row, s.DcNext + row, hidden);
                continue;
            }
            for (int k = 0; k < hidden; k += lanes)
            {
                int n = hidden - k;
                var i = TV.Load(gi + k, n);
                var f = TV.Load(gf + k, n);
                var g = TV.Load(gg + k, n);
                var o = TV.Load(go + k, n);
                var tc = TV.Load(s.TanhC + row + k, n);
                var dh = s.LoadDh<TV>(b, k, n);
                // dc_t = dc from step t+1 + dh_t ⊙ o ⊙ (1 − tanh² c_t)
                var dc = TV.Load(s.DcCarry + row + k, n) + dh * o * (one - tc * tc);
                TV.Store(gi + k, dc * g * i * (one - i), n);                              // di ⊙ σ'
                TV.Store(gf + k, dc * TV.Load(s.CPrev + row + k, n) * f * (one - f), n);  // df ⊙ σ'
                TV.Store(gg + k, dc * i * (one - g * g), n);                              // dg ⊙ tanh'
                TV.Store(go + k, dh * tc * o * (one - o), n);                             // do ⊙ σ'
                TV.Store(s.DcNext + row + k, dc * f, n);                                  // dc_{t−1} = dc_t ⊙ f
                TV.Store(s.DhNext + row + k, TV.Splat(0f), n);                            // h_{t−1} acts only through W_hh
            }
        }
    }
}
