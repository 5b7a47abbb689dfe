namespace Recur.Tasks.Foundations;

/// <summary>
/// Rosenblatt's perceptron with a step activation, trained by the perceptron learning rule
/// <c>w ← w + η·x·(t − f(net))</c>, where <c>net = w·x + b</c> and <c>f(net) = 1</c> if <c>net ≥ 0</c>, else 0.
/// The bias is a weight on a constant input of 1.
/// </summary>
public sealed class Perceptron
{
    private readonly float[] _weights;

    /// <summary>A perceptron with <paramref name="inputs"/> inputs and all weights and the bias at zero.</summary>
    public Perceptron(int inputs)
    {
        if (inputs <= 0) throw new ArgumentOutOfRangeException(nameof(inputs), inputs, "A perceptron needs at least one input.");
        _weights = new float[inputs];
    }

    /// <summary>The input weights.</summary>
    public IReadOnlyList<float> Weights => _weights;

    /// <summary>The bias (the weight of the constant input).</summary>
    public float Bias { get; private set; }

    /// <summary>net = w·x + b.</summary>
    public float Net(ReadOnlySpan<float> x)
    {
        if (x.Length != _weights.Length)
            throw new ArgumentException($"Perceptron expects {_weights.Length} inputs but got {x.Length}.");
        float net = Bias;
        for (int i = 0; i < x.Length; i++) net += _weights[i] * x[i];
        return net;
    }

    /// <summary>The step activation f(net): 1 when net ≥ 0, else 0.</summary>
    public float Predict(ReadOnlySpan<float> x) => Net(x) >= 0f ? 1f : 0f;

    /// <summary>
    /// Runs epochs of the learning rule over the samples, in order, until an epoch makes no mistake or
    /// <paramref name="maxEpochs"/> have run. Returns the number of mistakes in each epoch.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="learningRate"/> is not positive and finite, or <paramref name="maxEpochs"/> is below 1.</exception>
    public IReadOnlyList<int> Train(float[][] inputs, float[] targets, float learningRate = 0.1f, int maxEpochs = 100)
    {
        if (inputs.Length != targets.Length)
            throw new ArgumentException($"Perceptron.Train: {inputs.Length} inputs but {targets.Length} targets.");
        // With η ≤ 0 the rule moves the weights away from the targets (or not at all): it can never learn.
        if (!(learningRate > 0f && float.IsFinite(learningRate)))
            throw new ArgumentOutOfRangeException(nameof(learningRate), learningRate, "Perceptron.Train: the learning rate must be a positive finite number.");
        if (maxEpochs < 1)
            throw new ArgumentOutOfRangeException(nameof(maxEpochs), maxEpochs, "Perceptron.Train: maxEpochs must be at least 1.");
        var mistakesPerEpoch = new List<int>();
        for (int epoch = 0; epoch < maxEpochs; epoch++)
        {
            int mistakes = 0;
            for (int s = 0; s < inputs.Length; s++)
            {
                float error = targets[s] - Predict(inputs[s]);   // t − f(net)
                if (error == 0f) continue;
                mistakes++;
                for (int i = 0; i < _weights.Length; i++) _weights[i] += learningRate * inputs[s][i] * error;
                Bias += learningRate * error;
            }
            mistakesPerEpoch.Add(mistakes);
            if (mistakes == 0) break;
        }
        return mistakesPerEpoch;
    }
}
