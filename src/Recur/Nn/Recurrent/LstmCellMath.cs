using System.Runtime.CompilerServices;
using Recur.Kernels;

namespace Recur.Nn.Recurrent;

/// <summary>
/// LSTM: <c>i, f, g, o = σ, σ, tanh, σ(W_ih x + b_ih + W_hh h + b_hh)</c>; <c>c_t = f ⊙ c_{t−1} + i ⊙ g</c>;
/// <c>h_t = o ⊙ tanh(c_t)</c>.
/// </summary>
internal sealed class LstmCellMath : CellMath
{
    public override int Gates => 4;

    public override bool HasCellState => true;

    internal override CellKind Kind => CellKind.Lstm;

    // Aux: tanh(c_t).
    public override bool HasAux => true;

    /// <summary>Rows [b0, b1) of one step: the gate activations replace the pre-activations in Gates.</summary>
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
                CellRows.Copy(s.HPrev + row, s.H + row, hidden);
                CellRows.Copy(s.CPrev + row, s.C + row, hidden);
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
                TV.Store(s.Aux + row + k, tc, n);
                TV.Store(s.H + row + k, o * tc, n);
            }
        }
    }

    /// <summary>Rows [b0, b1) of one step backward: the gate gradients replace the activations in Gates.</summary>
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
                CellRows.Clear(gi, 4 * hidden);
                CellRows.Copy(s.DH + row, s.DHPrev + row, hidden);
                CellRows.Copy(s.DC + row, s.DCPrev + row, hidden);
                continue;
            }
            for (int k = 0; k < hidden; k += lanes)
            {
                int n = hidden - k;
                var i = TV.Load(gi + k, n);
                var f = TV.Load(gf + k, n);
                var g = TV.Load(gg + k, n);
                var o = TV.Load(go + k, n);
                var tc = TV.Load(s.Aux + row + k, n);
                var dh = CellRows.LoadDh<TV>(s, b, k, n);
                // dc_t = dc from step t+1 + dh_t ⊙ o ⊙ (1 − tanh² c_t)
                var dc = TV.Load(s.DC + row + k, n) + dh * o * (one - tc * tc);
                TV.Store(gi + k, dc * g * i * (one - i), n);                              // di ⊙ σ'
                TV.Store(gf + k, dc * TV.Load(s.CPrev + row + k, n) * f * (one - f), n);  // df ⊙ σ'
                TV.Store(gg + k, dc * i * (one - g * g), n);                              // dg ⊙ tanh'
                TV.Store(go + k, dh * tc * o * (one - o), n);                             // do ⊙ σ'
                TV.Store(s.DCPrev + row + k, dc * f, n);                                  // dc_{t−1} = dc_t ⊙ f
                TV.Store(s.DHPrev + row + k, TV.Splat(0f), n);                            // h_{t−1} acts only through W_hh
            }
        }
    }
}
