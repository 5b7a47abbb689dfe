namespace Recur.Optim;

/// <summary>Updates parameters from their gradients. Parameters whose <see cref="Tensor.Grad"/> is null are left alone.</summary>
public abstract class Optimizer
{
    /// <summary>Takes the parameters to update (typically <c>model.Parameters()</c>).</summary>
    protected Optimizer(IEnumerable<Tensor> parameters, float learningRate)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        Parameters = parameters.ToArray();
        if (Parameters.Count == 0)
            throw new ArgumentException($"{GetType().Name} got an empty parameter list.", nameof(parameters));
        LearningRate = learningRate;
    }

    /// <summary>The parameters this optimizer updates.</summary>
    public IReadOnlyList<Tensor> Parameters { get; }

    /// <summary>The step size; schedules change it between steps.</summary>
    public float LearningRate
    {
        get;
        set
        {
            if (!(value >= 0f) || float.IsInfinity(value))
                throw new ArgumentOutOfRangeException(nameof(value), value, $"{GetType().Name}: learning rate must be finite and non-negative.");
            field = value;
        }
    }

    /// <summary>Applies one update from the current gradients.</summary>
    public abstract void Step();

    /// <summary>Clears every parameter's gradient.</summary>
    public void ZeroGrad()
    {
        foreach (var p in Parameters) p.ZeroGrad();
    }

    /// <summary>Throws unless <paramref name="value"/> lies in [<paramref name="low"/>, <paramref name="high"/>).</summary>
    protected void RequireInRange(float value, float low, float high, string name)
    {
        if (!(value >= low && value < high))
            throw new ArgumentOutOfRangeException(name, value, $"{GetType().Name}: {name} must be in [{low}, {high}).");
    }

    /// <summary>
    /// The optimizer's per-parameter state (moments, step counts) as named tensors, keyed <c>{index}.{name}</c> with the
    /// parameter's index in <see cref="Parameters"/> — what a checkpoint needs to resume exactly. Parameters with no
    /// state yet are absent.
    /// </summary>
    public abstract Dictionary<string, Tensor> StateDict();

    /// <summary>Restores state produced by <see cref="StateDict"/> for an optimizer over parameters of the same shapes.</summary>
    public abstract void LoadStateDict(IReadOnlyDictionary<string, Tensor> state);

    /// <summary>Reads <c>{index}.{name}</c> from <paramref name="state"/>, checking it has <paramref name="size"/> elements.</summary>
    protected float[]? ReadState(IReadOnlyDictionary<string, Tensor> state, int index, string name, int size)
    {
        ArgumentNullException.ThrowIfNull(state);
        if (!state.TryGetValue($"{index}.{name}", out var tensor)) return null;
        if (tensor.Size != size)
            throw new ArgumentException(
                $"{GetType().Name}.LoadStateDict: '{index}.{name}' has {tensor.Size} elements but parameter {index} has {size}.");
        return tensor.ToArray();
    }
}
