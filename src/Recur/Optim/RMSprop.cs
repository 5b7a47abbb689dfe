using System.Numerics.Tensors;

namespace Recur.Optim;

/// <summary>
/// RMSprop (Hinton's lecture 6e) with PyTorch's arithmetic:
/// <c>g ← ∇ + λ·p;  v ← α·v + (1−α)·g²;  d ← √v + ε</c> (centered: <c>ḡ ← α·ḡ + (1−α)·g;  d ← √(v − ḡ²) + ε</c>);
/// <c>b ← μ·b + g/d;  p ← p − η·b</c> with momentum μ, else <c>p ← p − η·g/d</c>. Keras' <c>RMSprop</c> is the same
/// update with its defaults <c>α = ρ = 0.9</c>, <c>ε = 1e-7</c>, <c>η = 0.001</c>.
/// </summary>
public sealed class RMSprop : Optimizer
{
    private readonly float[]?[] _squareAverages;
    private readonly float[]?[] _gradientAverages;
    private readonly float[]?[] _momentumBuffers;
    private float[] _scratch = [];

    /// <summary>Creates the optimizer with PyTorch's defaults.</summary>
    public RMSprop(IEnumerable<Tensor> parameters, float lr = 0.01f, float alpha = 0.99f, float eps = 1e-8f, float weightDecay = 0f,
        float momentum = 0f, bool centered = false)
        : base(parameters, lr)
    {
        RequireInRange(alpha, 0f, 1f, nameof(alpha));
        RequireInRange(eps, 0f, float.PositiveInfinity, nameof(eps));
        RequireInRange(weightDecay, 0f, float.PositiveInfinity, nameof(weightDecay));
        RequireInRange(momentum, 0f, float.PositiveInfinity, nameof(momentum));
        Alpha = alpha;
        Eps = eps;
        WeightDecay = weightDecay;
        Momentum = momentum;
        Centered = centered;
        _squareAverages = new float[]?[Parameters.Count];
        _gradientAverages = new float[]?[Parameters.Count];
        _momentumBuffers = new float[]?[Parameters.Count];
    }

    /// <summary>Decay α of the running average of squared gradients (Keras' ρ).</summary>
    public float Alpha { get; }

    /// <summary>Added to the root for stability.</summary>
    public float Eps { get; }

    /// <summary>L2 penalty λ added to the gradient.</summary>
    public float WeightDecay { get; }

    /// <summary>Momentum μ on the normalised step; 0 for none.</summary>
    public float Momentum { get; }

    /// <summary>Whether the squared average is centred by the running mean of the gradient.</summary>
    public bool Centered { get; }

    /// <inheritdoc/>
    public override void Step()
    {
        float lr = LearningRate;
        for (int k = 0; k < Parameters.Count; k++)
        {
            var param = Parameters[k];
            if (param.Grad is null) continue;
            var p = param.Span;
            int n = p.Length;
            if (_scratch.Length < 2 * n) _scratch = new float[2 * n];
            var g = _scratch.AsSpan(0, n);
            var d = _scratch.AsSpan(n, n);
            var v = _squareAverages[k] ??= new float[n];

            // g = ∇ + λ·p
            if (WeightDecay != 0f) TensorPrimitives.MultiplyAdd(p, WeightDecay, param.Grad.Span, g);
            else param.Grad.Span.CopyTo(g);
            // v = α·v + (1−α)·g²
            TensorPrimitives.Multiply(g, g, d);
            TensorPrimitives.Multiply(v, Alpha, v);
            TensorPrimitives.MultiplyAdd(d, 1f - Alpha, v, v);
            if (Centered)
            {
                // ḡ = α·ḡ + (1−α)·g;  d = √(v − ḡ²) + ε
                var mean = _gradientAverages[k] ??= new float[n];
                TensorPrimitives.Multiply(mean, Alpha, mean);
                TensorPrimitives.MultiplyAdd(g, 1f - Alpha, mean, mean);
                TensorPrimitives.Multiply(mean, mean, d);
                TensorPrimitives.Subtract(v, d, d);
                TensorPrimitives.Sqrt(d, d);
            }
            else TensorPrimitives.Sqrt(v, d);
            TensorPrimitives.Add(d, Eps, d);
            // g/d, then either p −= η·(μ·b + g/d) or p −= η·g/d
            TensorPrimitives.Divide(g, d, g);
            if (Momentum > 0f)
            {
                var b = _momentumBuffers[k] ??= new float[n];
                TensorPrimitives.MultiplyAdd(b, Momentum, g, b);
                TensorPrimitives.MultiplyAdd(b, -lr, p, p);
            }
            else TensorPrimitives.MultiplyAdd(g, -lr, p, p);
        }
    }

    /// <inheritdoc/>
    public override Dictionary<string, Tensor> StateDict()
    {
        var state = new Dictionary<string, Tensor>();
        for (int k = 0; k < Parameters.Count; k++)
        {
            var shape = Parameters[k].Shape;
            if (_squareAverages[k] is { } v) state[$"{k}.square_avg"] = Tensor.FromArray(v, shape);
            if (_gradientAverages[k] is { } mean) state[$"{k}.grad_avg"] = Tensor.FromArray(mean, shape);
            if (_momentumBuffers[k] is { } b) state[$"{k}.momentum_buffer"] = Tensor.FromArray(b, shape);
        }
        return WithParameterCount(state);
    }

    /// <inheritdoc/>
    public override void LoadStateDict(IReadOnlyDictionary<string, Tensor> state)
    {
        RequireOwnState(state, "square_avg", "grad_avg", "momentum_buffer");
        for (int k = 0; k < Parameters.Count; k++)
        {
            int size = Parameters[k].Size;
            _squareAverages[k] = ReadState(state, k, "square_avg", size);
            _gradientAverages[k] = ReadState(state, k, "grad_avg", size);
            _momentumBuffers[k] = ReadState(state, k, "momentum_buffer", size);
        }
    }
}
