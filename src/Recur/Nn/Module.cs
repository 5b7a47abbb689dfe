namespace Recur.Nn;

/// <summary>
/// Base of every network part: owns named parameters and child modules, switches between training and
/// evaluation, and saves or loads its parameters under PyTorch's <c>state_dict</c> names.
/// </summary>
public abstract class Module
{
    private readonly List<(string Name, Tensor Parameter)> _parameters = [];
    private readonly List<(string Name, Module Child)> _children = [];
    private readonly List<(string Name, Generator Generator)> _generators = [];

    /// <summary>True in training mode (dropout active), false after <see cref="Eval"/>.</summary>
    public bool Training { get; private set; } = true;

    /// <summary>Sets training mode on this module and every descendant; returns this module.</summary>
    public Module Train(bool mode = true)
    {
        Training = mode;
        foreach (var (_, child) in _children) child.Train(mode);
        return this;
    }

    /// <summary>Sets evaluation mode (dropout off) on this module and every descendant; returns this module.</summary>
    public Module Eval() => Train(false);

    /// <summary>Registers a parameter under <paramref name="name"/>; it is made to require grad.</summary>
    protected Tensor RegisterParameter(string name, Tensor parameter)
    {
        ValidateName(name);
        parameter.RequiresGrad = true;
        _parameters.Add((name, parameter));
        return parameter;
    }

    /// <summary>Registers a child module under <paramref name="name"/>; its parameters appear as <c>name.param</c>.</summary>
    protected T RegisterModule<T>(string name, T child) where T : Module
    {
        ValidateName(name);
        ArgumentNullException.ThrowIfNull(child);
        _children.Add((name, child));
        return child;
    }

    /// <summary>
    /// Registers a generator this module draws from while it trains (dropout masks) under <paramref name="name"/>, so a
    /// checkpoint can save its state and a resumed run continue the same random stream.
    /// </summary>
    protected Generator RegisterGenerator(string name, Generator generator)
    {
        ArgumentNullException.ThrowIfNull(generator);
        if (string.IsNullOrEmpty(name) || name.Contains('.'))
            throw new ArgumentException($"Generator name '{name}' must be non-empty and contain no '.'.", nameof(name));
        if (_generators.Any(g => g.Name == name))
            throw new ArgumentException($"{GetType().Name} already has a generator named '{name}'.", nameof(name));
        _generators.Add((name, generator));
        return generator;
    }

    /// <summary>
    /// Every generator this module and its descendants draw from while training, with dotted names
    /// (<c>rnn.generator</c>, <c>2.generator</c>); one generator shared by several modules appears under each name.
    /// </summary>
    public IEnumerable<(string Name, Generator Generator)> NamedGenerators()
    {
        foreach (var g in _generators) yield return g;
        foreach (var (childName, child) in _children)
            foreach (var (name, generator) in child.NamedGenerators())
                yield return ($"{childName}.{name}", generator);
    }

    /// <summary>The direct children with their names.</summary>
    public IEnumerable<(string Name, Module Module)> NamedChildren() => _children.Select(c => (c.Name, c.Child));

    /// <summary>Every parameter of this module and its descendants, with dotted PyTorch names (<c>0.weight</c>, <c>fc.bias</c>).</summary>
    /// <exception cref="InvalidOperationException">
    /// A Keras-style layer in the model is not built yet, so its parameters do not exist (build the model, or run a batch
    /// through it, before creating an optimizer).
    /// </exception>
    public IEnumerable<(string Name, Tensor Parameter)> NamedParameters()
    {
        RequireParametersKnown();
        foreach (var p in _parameters) yield return p;
        foreach (var (childName, child) in _children)
            foreach (var (name, parameter) in child.NamedParameters())
                yield return ($"{childName}.{name}", parameter);
    }

    /// <summary>Every parameter, in registration order.</summary>
    public IEnumerable<Tensor> Parameters() => NamedParameters().Select(p => p.Parameter);

    /// <summary>The number of scalar parameters.</summary>
    public long ParameterCount() => Parameters().Sum(p => (long)p.Size);

    /// <summary>
    /// The parameters by name, as tensors sharing the parameters' storage but cut off the tape (PyTorch's
    /// <c>state_dict()</c>). Insertion order is registration order.
    /// </summary>
    public Dictionary<string, Tensor> StateDict()
    {
        var state = new Dictionary<string, Tensor>();
        foreach (var (name, parameter) in NamedParameters()) state[name] = parameter.Detach();
        return state;
    }

    /// <summary>
    /// Copies values from <paramref name="state"/> into the parameters of the same names. With <paramref name="strict"/>,
    /// a missing or unexpected key is an error; a shape mismatch always is. Nothing is changed when it fails, except that
    /// Keras-style layers not built yet are first built for the input size the state's weights have.
    /// </summary>
    public void LoadStateDict(IReadOnlyDictionary<string, Tensor> state, bool strict = true)
    {
        ArgumentNullException.ThrowIfNull(state);
        BuildFromState(state, "");
        var own = NamedParameters().ToList();
        var ownNames = own.Select(p => p.Name).ToHashSet();
        string kind = GetType().Name;
        if (strict)
        {
            var missing = own.Where(p => !state.ContainsKey(p.Name)).Select(p => p.Name).ToList();
            var unexpected = state.Keys.Where(k => !ownNames.Contains(k)).ToList();
            if (missing.Count > 0 || unexpected.Count > 0)
                throw new ArgumentException(
                    $"LoadStateDict into {kind}: " +
                    (missing.Count > 0 ? $"missing key(s) {string.Join(", ", missing.Select(k => $"'{k}'"))}" : "") +
                    (missing.Count > 0 && unexpected.Count > 0 ? "; " : "") +
                    (unexpected.Count > 0 ? $"unexpected key(s) {string.Join(", ", unexpected.Select(k => $"'{k}'"))}" : "") +
                    $". Expected keys: {string.Join(", ", own.Select(p => p.Name))}.");
        }
        foreach (var (name, parameter) in own)
        {
            if (!state.TryGetValue(name, out var value)) continue;
            if (!value.ShapeRef.AsSpan().SequenceEqual(parameter.ShapeRef))
                throw new ArgumentException(
                    $"LoadStateDict into {kind}: '{name}' expects shape {Tensor.ShapeText(parameter.ShapeRef)} but the state has {Tensor.ShapeText(value.ShapeRef)}.");
        }
        foreach (var (name, parameter) in own)
            if (state.TryGetValue(name, out var value))
                value.Data.CopyTo(parameter.Data, 0);
    }

    /// <summary>Clears the gradient of every parameter.</summary>
    public void ZeroGrad()
    {
        foreach (var p in Parameters()) p.ZeroGrad();
    }

    /// <summary>Throws when this module's parameters do not exist yet (a Keras-style layer before it is built).</summary>
    private protected virtual void RequireParametersKnown()
    {
    }

    /// <summary>
    /// Builds every Keras-style layer below this module that is not built yet for the input size its weights have in
    /// <paramref name="state"/>, whose keys for this module start with <paramref name="prefix"/>.
    /// </summary>
    private protected virtual void BuildFromState(IReadOnlyDictionary<string, Tensor> state, string prefix)
    {
        foreach (var (name, child) in _children) child.BuildFromState(state, $"{prefix}{name}.");
    }

    private void ValidateName(string name)
    {
        if (string.IsNullOrEmpty(name) || name.Contains('.'))
            throw new ArgumentException($"Module name '{name}' must be non-empty and contain no '.'.", nameof(name));
        if (_parameters.Any(p => p.Name == name) || _children.Any(c => c.Name == name))
            throw new ArgumentException($"{GetType().Name} already has a parameter or child named '{name}'.", nameof(name));
    }
}
