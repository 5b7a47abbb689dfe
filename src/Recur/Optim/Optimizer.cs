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

    /// <summary>
    /// The key under which <see cref="StateDict"/> records how many parameters the optimizer had, so that a state is never
    /// empty and one saved for another parameter list is refused (PyTorch checks its <c>param_groups</c> alike).
    /// </summary>
    public const string ParameterCountKey = "param_count";

    /// <summary>Adds <see cref="ParameterCountKey"/> to a state being saved; returns <paramref name="state"/>.</summary>
    protected Dictionary<string, Tensor> WithParameterCount(Dictionary<string, Tensor> state)
    {
        state[ParameterCountKey] = Tensor.Scalar(Parameters.Count);
        return state;
    }

    /// <summary>
    /// Refuses a state this optimizer cannot have written: an empty one, one recorded for another number of parameters,
    /// or one with a key other than <see cref="ParameterCountKey"/> and <c>{index}.{name}</c> for a parameter index and one
    /// of <paramref name="names"/>. Loading an unrelated file would otherwise silently start from fresh moments.
    /// </summary>
    protected void RequireOwnState(IReadOnlyDictionary<string, Tensor> state, params string[] names)
    {
        ArgumentNullException.ThrowIfNull(state);
        string kind = GetType().Name;
        if (state.Count == 0)
            throw new ArgumentException($"{kind}.LoadStateDict: the state is empty; a {kind} state holds at least '{ParameterCountKey}'.", nameof(state));
        if (state.TryGetValue(ParameterCountKey, out var count) && (count.Size != 1 || count.Data[0] != Parameters.Count))
            throw new ArgumentException(
                $"{kind}.LoadStateDict: the state was saved for {(count.Size == 1 ? count.Data[0] : "an unknown number of")} parameters but this optimizer has {Parameters.Count}.",
                nameof(state));
        foreach (string key in state.Keys)
        {
            if (key == ParameterCountKey) continue;
            int dot = key.IndexOf('.');
            bool known = dot > 0 && int.TryParse(key.AsSpan(0, dot), System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out int index)
                && index < Parameters.Count && names.Contains(key[(dot + 1)..]);
            if (!known)
                throw new ArgumentException(
                    $"{kind}.LoadStateDict: unexpected key '{Serialization.QuotedText.Cap(key)}'; a {kind} state has '{ParameterCountKey}' and " +
                    $"{string.Join(", ", names.Select(n => $"'{{index}}.{n}'"))} for parameter indices below {Parameters.Count}.", nameof(state));
        }
    }

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
