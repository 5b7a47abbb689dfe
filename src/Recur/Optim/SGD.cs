using Recur.Kernels;

namespace Recur.Optim;

/// <summary>
/// Stochastic gradient descent with optional momentum, dampening, Nesterov momentum and L2 weight decay,
/// with PyTorch's update rule (vectorised; every element gets the bits of the plain scalar loop):
/// <c>g ← ∇ + λ·p;  b ← μ·b + (1−τ)·g (b = g on the first step);  g ← g + μ·b (Nesterov) or b;  p ← p − η·g</c>.
/// </summary>
public sealed class SGD : Optimizer
{
    private readonly float[]?[] _momentumBuffers;

    /// <summary>Creates the optimizer.</summary>
    public SGD(IEnumerable<Tensor> parameters, float lr, float momentum = 0f, float dampening = 0f, float weightDecay = 0f, bool nesterov = false)
        : base(parameters, lr)
    {
        RequireInRange(momentum, 0f, float.PositiveInfinity, nameof(momentum));
        RequireInRange(weightDecay, 0f, float.PositiveInfinity, nameof(weightDecay));
        if (nesterov && (momentum <= 0f || dampening != 0f))
            throw new ArgumentException("SGD: Nesterov momentum needs momentum > 0 and dampening = 0.");
        Momentum = momentum;
        Dampening = dampening;
        WeightDecay = weightDecay;
        Nesterov = nesterov;
        _momentumBuffers = new float[]?[Parameters.Count];
    }

    /// <summary>Momentum factor μ.</summary>
    public float Momentum { get; }

    /// <summary>Dampening τ applied to the gradient's share of the momentum.</summary>
    public float Dampening { get; }

    /// <summary>L2 penalty λ added to the gradient.</summary>
    public float WeightDecay { get; }

    /// <summary>Whether Nesterov momentum is used.</summary>
    public bool Nesterov { get; }

    /// <inheritdoc/>
    public override void Step()
    {
        var constants = new SgdConstants(LearningRate, Momentum, Dampening, WeightDecay, Nesterov);
        for (int k = 0; k < Parameters.Count; k++)
        {
            var param = Parameters[k];
            if (param.Grad is null) continue;
            var buffer = _momentumBuffers[k];
            bool first = buffer is null;
            if (Momentum != 0f && first) buffer = _momentumBuffers[k] = new float[param.Size];
            SgdKernel.Update(param.Span, param.Grad.Span, buffer, first, constants);
        }
    }

    /// <inheritdoc/>
    public override Dictionary<string, Tensor> StateDict()
    {
        var state = new Dictionary<string, Tensor>();
        for (int k = 0; k < Parameters.Count; k++)
            if (_momentumBuffers[k] is { } buffer) state[$"{k}.momentum_buffer"] = Tensor.FromArray(buffer, Parameters[k].Shape);
        return WithParameterCount(state);
    }

    /// <inheritdoc/>
    public override void LoadStateDict(IReadOnlyDictionary<string, Tensor> state)
    {
        RequireOwnState(state, "momentum_buffer");
        for (int k = 0; k < Parameters.Count; k++) _momentumBuffers[k] = ReadState(state, k, "momentum_buffer", Parameters[k].Size);
    }
}
