using Recur.Kernels;

namespace Recur.Optim;

/// <summary>
/// Adam (Kingma and Ba) with PyTorch's arithmetic: with t the step count,
/// <c>g ← ∇ + λ·p;  m ← β₁·m + (1−β₁)·g;  v ← β₂·v + (1−β₂)·g²;
/// p ← p − (η / (1−β₁ᵗ)) · m / (√v / √(1−β₂ᵗ) + ε)</c> — ε is added outside the square root.
/// </summary>
public sealed class Adam : Optimizer
{
    private readonly float[]?[] _firstMoments;
    private readonly float[]?[] _secondMoments;
    private readonly int[] _steps;

    /// <summary>Creates the optimizer.</summary>
    public Adam(IEnumerable<Tensor> parameters, float lr = 1e-3f, float beta1 = 0.9f, float beta2 = 0.999f, float eps = 1e-8f, float weightDecay = 0f)
        : base(parameters, lr)
    {
        RequireInRange(beta1, 0f, 1f, nameof(beta1));
        RequireInRange(beta2, 0f, 1f, nameof(beta2));
        RequireInRange(eps, 0f, float.PositiveInfinity, nameof(eps));
        RequireInRange(weightDecay, 0f, float.PositiveInfinity, nameof(weightDecay));
        Beta1 = beta1;
        Beta2 = beta2;
        Eps = eps;
        WeightDecay = weightDecay;
        _firstMoments = new float[]?[Parameters.Count];
        _secondMoments = new float[]?[Parameters.Count];
        _steps = new int[Parameters.Count];
    }

    /// <summary>Decay of the first moment.</summary>
    public float Beta1 { get; }

    /// <summary>Decay of the second moment.</summary>
    public float Beta2 { get; }

    /// <summary>Added to the denominator for stability.</summary>
    public float Eps { get; }

    /// <summary>L2 penalty added to the gradient (not decoupled: that is AdamW).</summary>
    public float WeightDecay { get; }

    /// <inheritdoc/>
    public override void Step()
    {
        for (int k = 0; k < Parameters.Count; k++)
        {
            var param = Parameters[k];
            if (param.Grad is null) continue;
            var p = param.Span;
            var grad = param.Grad.Span;
            var m = _firstMoments[k] ??= new float[p.Length];
            var v = _secondMoments[k] ??= new float[p.Length];
            int t = ++_steps[k];
            // Bias corrections in double, as PyTorch computes them in Python floats.
            double biasCorrection1 = 1.0 - Math.Pow(Beta1, t);
            double biasCorrection2 = 1.0 - Math.Pow(Beta2, t);
            float stepSize = (float)(LearningRate / biasCorrection1);
            float sqrtBiasCorrection2 = (float)Math.Sqrt(biasCorrection2);
            AdamKernel.Update(p, grad, m, v, new AdamConstants(Beta1, Beta2, Eps, WeightDecay, stepSize, sqrtBiasCorrection2));
        }
    }

    /// <inheritdoc/>
    public override Dictionary<string, Tensor> StateDict()
    {
        var state = new Dictionary<string, Tensor>();
        for (int k = 0; k < Parameters.Count; k++)
        {
            if (_firstMoments[k] is not { } m) continue;
            state[$"{k}.exp_avg"] = Tensor.FromArray(m, Parameters[k].Shape);
            state[$"{k}.exp_avg_sq"] = Tensor.FromArray(_secondMoments[k]!, Parameters[k].Shape);
            state[$"{k}.step"] = Tensor.Scalar(_steps[k]);
        }
        return WithParameterCount(state);
    }

    /// <inheritdoc/>
    public override void LoadStateDict(IReadOnlyDictionary<string, Tensor> state)
    {
        RequireOwnState(state, "exp_avg", "exp_avg_sq", "step");
        for (int k = 0; k < Parameters.Count; k++)
        {
            int size = Parameters[k].Size;
            _firstMoments[k] = ReadState(state, k, "exp_avg", size);
            _secondMoments[k] = ReadState(state, k, "exp_avg_sq", size);
            _steps[k] = (int)(ReadState(state, k, "step", 1)?[0] ?? 0);
            if ((_firstMoments[k] is null) != (_secondMoments[k] is null))
                throw new ArgumentException($"Adam.LoadStateDict: parameter {k} has only one of exp_avg and exp_avg_sq.");
        }
    }
}
