using System.Runtime.CompilerServices;
using Recur.Kernels;

namespace Recur.Nn.Recurrent.Kernels;

/// <summary>
/// LSTM for a hidden size that fits one vector (H ≤ <see cref="FloatVector.Lanes"/>, e.g. the course's stock model with
/// H = 10): the equations of <see cref="LstmKernel"/>, the reference, in another order. There the general path is slow
/// for two reasons: a GEMM tile for <c>h_{t−1} · W_hhᵀ</c> (k = H, n = 4H) wastes most of its width, and a row at a time
/// leaves 6 of 16 lanes idle while each row is one long chain of dependent operations (recurrent product → σ/tanh → c →
/// tanh c) that the CPU cannot overlap with the next row's. So the batch rows go in blocks of <see cref="BlockRows"/>,
/// each block in short passes whose work is independent: the recurrent product per row (this kernel computes it, from W_hh
/// packed once per sequence), then σ over all the block's gates as one flat array (every lane busy, with
/// tanh g = 2σ(2g) − 1 so that one formula covers i, f, g, o), then c per row, then tanh c flat, then h per row.
/// </summary>
internal readonly unsafe struct LstmOneVectorKernel : ICellKernel
{
    /// <summary>Rows per block: the block's gates (≤ 16 · 64 floats) stay in L1 between passes.</summary>
    public const int BlockRows = 16;

    public static int Gates => 4;

    public static bool HasCellState => true;

    public static int FoldedBiasGates => 4;

    public static int RecurrentProductGates => 4;

    public static bool HasStepCache => true;

    public static int ForgetGateBlock => 1;

    public static bool ComputesRecurrentProducts => true;

    /// <summary>True when this kernel can run an LSTM of <paramref name="hidden"/> units: H fits one vector.</summary>
    public static bool Fits(int hidden) => hidden <= FloatVector.Lanes;

    /// <summary>Floats <see cref="PackWeights"/> writes: the packed W_hh, its rows padded to a vector, then the gate pattern.</summary>
    public static int PackedWeightLength(int hidden) => 8 * hidden * FloatVector.Lanes + 4 * hidden + FloatVector.Lanes;

    /// <summary>
    /// Fills <paramref name="packed"/>: W_hh <c>[4H, H]</c> as one vector per (k, gate), lanes j of vector (k, q) holding
    /// W_hh[q·H + j, k] (other lanes 0), so a gate's pre-activation row gains <c>Σ_k h_{t−1}[k] · vector(k, q)</c>; then
    /// W_hh's 4H rows each padded to a vector (for the backward product, without masks); then the gate pattern:
    /// element i is 2 where position i mod 4H of a row is a g-gate unit, else 1.
    /// </summary>
    public static void PackWeights(float* weightHh, int hidden, float* packed)
    {
        int lanes = FloatVector.Lanes, gates = 4 * hidden;
        new Span<float>(packed, PackedWeightLength(hidden)).Clear();
        for (int k = 0; k < hidden; k++)
            for (int q = 0; q < 4; q++)
                for (int j = 0; j < hidden; j++)
                    packed[(k * 4 + q) * lanes + j] = weightHh[(q * hidden + j) * hidden + k];
        float* rows = PaddedRows(packed, hidden);
        for (int r = 0; r < gates; r++)
            new ReadOnlySpan<float>(weightHh + r * hidden, hidden).CopyTo(new Span<float>(rows + r * lanes, hidden));
        float* pattern = Pattern(packed, hidden);
        for (int i = 0; i < gates + lanes; i++)
            pattern[i] = i % gates >= 2 * hidden && i % gates < 3 * hidden ? 2f : 1f;
    }

    private static float* PaddedRows(float* packed, int hidden) => packed + 4 * hidden * FloatVector.Lanes;

    private static float* Pattern(float* packed, int hidden) => packed + 8 * hidden * FloatVector.Lanes;

    /// <summary>Rows [b0, b1) of one step; Gates hold <c>W_ih x_t</c> and receive the activations, as in <see cref="LstmKernel.Forward{TV}"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Forward<TV>(in StepRows s, int b0, int b1) where TV : struct, IFloatVector<TV>
    {
        float* packed = s.PackedWeightHh;
        for (int r0 = b0; r0 < b1; r0 += BlockRows)
        {
            int r1 = Math.Min(b1, r0 + BlockRows);
            PreActivations<TV>(s, r0, r1, packed);
            ActivateGates<TV>(s.Gates + r0 * s.GateStride, (r1 - r0) * s.GateStride, Pattern(packed, s.Hidden), s.GateStride);
            CellStates<TV>(s, r0, r1);
            int hidden = s.Hidden;
            FlatTanh<TV>(s.C + r0 * hidden, s.TanhC + r0 * hidden, (r1 - r0) * hidden);
            Outputs<TV>(s, r0, r1);
        }
    }

    /// <summary>
    /// a_q = W_ih x + b + Σ_k h_{t−1}[k] · W_hh[q·H + ·, k], written over the gates (rows that have ended are skipped).
    /// Four rows at a time share each load of the packed weight, so a multiply-add needs about half a load instead of two.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void PreActivations<TV>(in StepRows s, int r0, int r1, float* panel) where TV : struct, IFloatVector<TV>
    {
        int hidden = s.Hidden;
        float* bias = s.Bias;
        var bi = bias == null ? TV.Splat(0f) : TV.Load(bias, hidden);
        var bf = bias == null ? TV.Splat(0f) : TV.Load(bias + hidden, hidden);
        var bg = bias == null ? TV.Splat(0f) : TV.Load(bias + 2 * hidden, hidden);
        var bo = bias == null ? TV.Splat(0f) : TV.Load(bias + 3 * hidden, hidden);
        int b = r0;
        for (; b + 4 <= r1; b += 4)
        {
            if (s.IsActive(b) && s.IsActive(b + 1) && s.IsActive(b + 2) && s.IsActive(b + 3))
                FourRows<TV>(s, b, panel, bi, bf, bg, bo);
            else
                for (int r = b; r < b + 4; r++)
                    if (s.IsActive(r)) OneRow<TV>(s, r, panel, bi, bf, bg, bo);
        }
        for (; b < r1; b++)
            if (s.IsActive(b)) OneRow<TV>(s, b, panel, bi, bf, bg, bo);
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void OneRow<TV>(in StepRows s, int b, float* panel, TV bi, TV bf, TV bg, TV bo) where TV : struct, IFloatVector<TV>
    {
        int hidden = s.Hidden, lanes = TV.Count;
        float* gi = s.Gates + b * s.GateStride, gf = gi + hidden, gg = gf + hidden, go = gg + hidden;
        var ai = TV.Load(gi, hidden) + bi;
        var af = TV.Load(gf, hidden) + bf;
        var ag = TV.Load(gg, hidden) + bg;
        var ao = TV.Load(go, hidden) + bo;
        float* hPrev = s.HPrev + b * hidden;
        float* w = panel;
        for (int k = 0; k < hidden; k++, w += 4 * lanes)
        {
            var hk = TV.Splat(hPrev[k]);
            ai = TV.MultiplyAdd(hk, TV.Load(w, lanes), ai);
            af = TV.MultiplyAdd(hk, TV.Load(w + lanes, lanes), af);
            ag = TV.MultiplyAdd(hk, TV.Load(w + 2 * lanes, lanes), ag);
            ao = TV.MultiplyAdd(hk, TV.Load(w + 3 * lanes, lanes), ao);
        }
        TV.Store(gi, ai, hidden);
        TV.Store(gf, af, hidden);
        TV.Store(gg, ag, hidden);
        TV.Store(go, ao, hidden);
    }

    /// <summary>Rows b … b+3 (all active), the same arithmetic as <see cref="OneRow{TV}"/> row by row.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void FourRows<TV>(in StepRows s, int b, float* panel, TV bi, TV bf, TV bg, TV bo) where TV : struct, IFloatVector<TV>
    {
        int hidden = s.Hidden, lanes = TV.Count, stride = s.GateStride;
        float* g0 = s.Gates + b * stride, g1 = g0 + stride, g2 = g1 + stride, g3 = g2 + stride;
        var a0i = TV.Load(g0, hidden) + bi; var a0f = TV.Load(g0 + hidden, hidden) + bf; var a0g = TV.Load(g0 + 2 * hidden, hidden) + bg; var a0o = TV.Load(g0 + 3 * hidden, hidden) + bo;
        var a1i = TV.Load(g1, hidden) + bi; var a1f = TV.Load(g1 + hidden, hidden) + bf; var a1g = TV.Load(g1 + 2 * hidden, hidden) + bg; var a1o = TV.Load(g1 + 3 * hidden, hidden) + bo;
        var a2i = TV.Load(g2, hidden) + bi; var a2f = TV.Load(g2 + hidden, hidden) + bf; var a2g = TV.Load(g2 + 2 * hidden, hidden) + bg; var a2o = TV.Load(g2 + 3 * hidden, hidden) + bo;
        var a3i = TV.Load(g3, hidden) + bi; var a3f = TV.Load(g3 + hidden, hidden) + bf; var a3g = TV.Load(g3 + 2 * hidden, hidden) + bg; var a3o = TV.Load(g3 + 3 * hidden, hidden) + bo;
        float* h0 = s.HPrev + b * hidden, h1 = h0 + hidden, h2 = h1 + hidden, h3 = h2 + hidden;
        float* w = panel;
        for (int k = 0; k < hidden; k++, w += 4 * lanes)
        {
            var wi = TV.Load(w, lanes);
            var wf = TV.Load(w + lanes, lanes);
            var wg = TV.Load(w + 2 * lanes, lanes);
            var wo = TV.Load(w + 3 * lanes, lanes);
            var x = TV.Splat(h0[k]);
            a0i = TV.MultiplyAdd(x, wi, a0i); a0f = TV.MultiplyAdd(x, wf, a0f); a0g = TV.MultiplyAdd(x, wg, a0g); a0o = TV.MultiplyAdd(x, wo, a0o);
            x = TV.Splat(h1[k]);
            a1i = TV.MultiplyAdd(x, wi, a1i); a1f = TV.MultiplyAdd(x, wf, a1f); a1g = TV.MultiplyAdd(x, wg, a1g); a1o = TV.MultiplyAdd(x, wo, a1o);
            x = TV.Splat(h2[k]);
            a2i = TV.MultiplyAdd(x, wi, a2i); a2f = TV.MultiplyAdd(x, wf, a2f); a2g = TV.MultiplyAdd(x, wg, a2g); a2o = TV.MultiplyAdd(x, wo, a2o);
            x = TV.Splat(h3[k]);
            a3i = TV.MultiplyAdd(x, wi, a3i); a3f = TV.MultiplyAdd(x, wf, a3f); a3g = TV.MultiplyAdd(x, wg, a3g); a3o = TV.MultiplyAdd(x, wo, a3o);
        }
        TV.Store(g0, a0i, hidden); TV.Store(g0 + hidden, a0f, hidden); TV.Store(g0 + 2 * hidden, a0g, hidden); TV.Store(g0 + 3 * hidden, a0o, hidden);
        TV.Store(g1, a1i, hidden); TV.Store(g1 + hidden, a1f, hidden); TV.Store(g1 + 2 * hidden, a1g, hidden); TV.Store(g1 + 3 * hidden, a1o, hidden);
        TV.Store(g2, a2i, hidden); TV.Store(g2 + hidden, a2f, hidden); TV.Store(g2 + 2 * hidden, a2g, hidden); TV.Store(g2 + 3 * hidden, a2o, hidden);
        TV.Store(g3, a3i, hidden); TV.Store(g3 + hidden, a3f, hidden); TV.Store(g3 + 2 * hidden, a3g, hidden); TV.Store(g3 + 3 * hidden, a3o, hidden);
    }

    /// <summary>
    /// σ over <paramref name="count"/> gate values starting at a row boundary, with tanh on the g units as 2σ(2g) − 1
    /// (m = 2 there, else 1: y = m·σ(m·x) − (m − 1)); its error is an absolute ~2e-7, far inside the parity tolerance.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void ActivateGates<TV>(float* gates, int count, float* pattern, int rowWidth) where TV : struct, IFloatVector<TV>
    {
        int lanes = TV.Count, phase = 0;
        var one = TV.Splat(1f);
        for (int p = 0; p < count; p += lanes)
        {
            int n = count - p;
            var m = TV.Load(pattern + phase, lanes);
            var y = FloatVector.Sigmoid(m * TV.Load(gates + p, n));
            TV.Store(gates + p, TV.MultiplyAdd(m, y, one - m), n);
            phase += lanes;
            while (phase >= rowWidth) phase -= rowWidth;   // a vector can span several rows when 4H < lanes
        }
    }

    /// <summary>c_t = f ⊙ c_{t−1} + i ⊙ g per row; rows that have ended carry h and c through.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void CellStates<TV>(in StepRows s, int r0, int r1) where TV : struct, IFloatVector<TV>
    {
        int hidden = s.Hidden;
        for (int b = r0; b < r1; b++)
        {
            int row = b * hidden;
            if (!s.IsActive(b))
            {
                StepRows.Copy(s.HPrev + row, s.H + row, hidden);
                StepRows.Copy(s.CPrev + row, s.C + row, hidden);
                continue;
            }
            float* gi = s.Gates + b * s.GateStride;
            var c = TV.Load(gi + hidden, hidden) * TV.Load(s.CPrev + row, hidden) + TV.Load(gi, hidden) * TV.Load(gi + 2 * hidden, hidden);
            TV.Store(s.C + row, c, hidden);
        }
    }

    /// <summary>target = tanh(source) over a flat run of floats.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void FlatTanh<TV>(float* source, float* target, int count) where TV : struct, IFloatVector<TV>
    {
        for (int p = 0; p < count; p += TV.Count)
        {
            int n = count - p;
            TV.Store(target + p, FloatVector.Tanh(TV.Load(source + p, n)), n);
        }
    }

    /// <summary>h_t = o ⊙ tanh c_t per row that is still active.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void Outputs<TV>(in StepRows s, int r0, int r1) where TV : struct, IFloatVector<TV>
    {
        int hidden = s.Hidden;
        for (int b = r0; b < r1; b++)
        {
            if (!s.IsActive(b)) continue;
            int row = b * hidden;
            float* go = s.Gates + b * s.GateStride + 3 * hidden;
            TV.Store(s.H + row, TV.Load(go, hidden) * TV.Load(s.TanhC + row, hidden), hidden);
        }
    }

    /// <summary>
    /// Rows [b0, b1) of one step backward, as <see cref="LstmKernel.Backward{TV}"/> followed by dL/dh_{t−1} = dG · W_hh
    /// (<c>Σ_{q,j} dG_q[j] · W_hh[q·H + j, :]</c>, rows of W_hh read as they are), in blocks so that the gate gradients a
    /// row's product reads back were stored a block earlier.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Backward<TV>(in StepRows s, int b0, int b1) where TV : struct, IFloatVector<TV>
    {
        float* rows = PaddedRows(s.PackedWeightHh, s.Hidden);
        for (int r0 = b0; r0 < b1; r0 += BlockRows)
        {
            int r1 = Math.Min(b1, r0 + BlockRows);
            LstmKernel.Backward<TV>(s, r0, r1);
            int r = r0;
            for (; r + 4 <= r1; r += 4)
            {
                if (s.IsActive(r) && s.IsActive(r + 1) && s.IsActive(r + 2) && s.IsActive(r + 3))
                    PreviousHiddenFour<TV>(s, r, rows);
                else
                    for (int q = r; q < r + 4; q++)
                        if (s.IsActive(q)) PreviousHiddenOne<TV>(s, q, rows);   // an ended row's dh was carried by the cell
            }
            for (; r < r1; r++)
                if (s.IsActive(r)) PreviousHiddenOne<TV>(s, r, rows);
        }
    }

    /// <summary>
    /// dL/dh_{t−1} of row b = Σ_j (dI[j] W_i[j] + dG[j] W_g[j]) + Σ_j (dF[j] W_f[j] + dO[j] W_o[j]), with W_q[j] row q·H + j
    /// of W_hh: two running sums, so two short dependency chains per row instead of one 4H long.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void PreviousHiddenOne<TV>(in StepRows s, int b, float* rows) where TV : struct, IFloatVector<TV>
    {
        int hidden = s.Hidden, lanes = TV.Count, block = hidden * lanes;
        float* d = s.Gates + b * s.GateStride;
        var p = TV.Splat(0f);
        var q = p;
        for (int j = 0; j < hidden; j++)
        {
            float* w = rows + j * lanes;
            p = TV.MultiplyAdd(TV.Splat(d[j]), TV.Load(w, lanes), p);
            q = TV.MultiplyAdd(TV.Splat(d[hidden + j]), TV.Load(w + block, lanes), q);
            p = TV.MultiplyAdd(TV.Splat(d[2 * hidden + j]), TV.Load(w + 2 * block, lanes), p);
            q = TV.MultiplyAdd(TV.Splat(d[3 * hidden + j]), TV.Load(w + 3 * block, lanes), q);
        }
        TV.Store(s.DhNext + b * hidden, p + q, hidden);
    }

    /// <summary>Rows b … b+3 (all active) sharing each load of W_hh's rows; the same arithmetic as <see cref="PreviousHiddenOne{TV}"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void PreviousHiddenFour<TV>(in StepRows s, int b, float* rows) where TV : struct, IFloatVector<TV>
    {
        int hidden = s.Hidden, lanes = TV.Count, block = hidden * lanes, stride = s.GateStride;
        float* d0 = s.Gates + b * stride, d1 = d0 + stride, d2 = d1 + stride, d3 = d2 + stride;
        var p0 = TV.Splat(0f);
        TV q0 = p0, p1 = p0, q1 = p0, p2 = p0, q2 = p0, p3 = p0, q3 = p0;
        for (int j = 0; j < hidden; j++)
        {
            float* w = rows + j * lanes;
            var wi = TV.Load(w, lanes);
            var wf = TV.Load(w + block, lanes);
            var wg = TV.Load(w + 2 * block, lanes);
            var wo = TV.Load(w + 3 * block, lanes);
            int jf = hidden + j, jg = 2 * hidden + j, jo = 3 * hidden + j;
            p0 = TV.MultiplyAdd(TV.Splat(d0[j]), wi, p0); q0 = TV.MultiplyAdd(TV.Splat(d0[jf]), wf, q0);
            p0 = TV.MultiplyAdd(TV.Splat(d0[jg]), wg, p0); q0 = TV.MultiplyAdd(TV.Splat(d0[jo]), wo, q0);
            p1 = TV.MultiplyAdd(TV.Splat(d1[j]), wi, p1); q1 = TV.MultiplyAdd(TV.Splat(d1[jf]), wf, q1);
            p1 = TV.MultiplyAdd(TV.Splat(d1[jg]), wg, p1); q1 = TV.MultiplyAdd(TV.Splat(d1[jo]), wo, q1);
            p2 = TV.MultiplyAdd(TV.Splat(d2[j]), wi, p2); q2 = TV.MultiplyAdd(TV.Splat(d2[jf]), wf, q2);
            p2 = TV.MultiplyAdd(TV.Splat(d2[jg]), wg, p2); q2 = TV.MultiplyAdd(TV.Splat(d2[jo]), wo, q2);
            p3 = TV.MultiplyAdd(TV.Splat(d3[j]), wi, p3); q3 = TV.MultiplyAdd(TV.Splat(d3[jf]), wf, q3);
            p3 = TV.MultiplyAdd(TV.Splat(d3[jg]), wg, p3); q3 = TV.MultiplyAdd(TV.Splat(d3[jo]), wo, q3);
        }
        int h = hidden;
        TV.Store(s.DhNext + b * h, p0 + q0, h);
        TV.Store(s.DhNext + (b + 1) * h, p1 + q1, h);
        TV.Store(s.DhNext + (b + 2) * h, p2 + q2, h);
        TV.Store(s.DhNext + (b + 3) * h, p3 + q3, h);
    }
}
