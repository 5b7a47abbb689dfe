namespace Recur.Training;

/// <summary>
/// A measure of a model's outputs against the targets, accumulated over the batches of an epoch (Keras' stateful
/// <c>Metric</c>): <see cref="Update"/> adds a batch, <see cref="Value"/> is the figure over every batch added since
/// <see cref="Reset"/>. The <see cref="Trainer"/> resets its metrics at the start of each epoch and before validating,
/// and calls <see cref="Update"/> with the outputs and targets the loss saw, outside the tape.
/// </summary>
/// <remarks>
/// A metric counts what it needs (correct predictions, true positives…) so its value over an epoch is exact, not an
/// average of per-batch values. <see cref="Update"/> reads the tensors' values and should allocate nothing.
/// </remarks>
public abstract class Metric
{
    /// <summary>A metric reported under <paramref name="name"/>.</summary>
    protected Metric(string name)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        Name = name;
    }

    /// <summary>The name the value is reported under (Keras' names: <c>accuracy</c>, <c>precision</c>, …).</summary>
    public string Name { get; }

    /// <summary>The value over every batch added since the last <see cref="Reset"/>.</summary>
    public abstract double Value { get; }

    /// <summary>Adds one batch: the model's <paramref name="outputs"/> and the <paramref name="targets"/> as the loss takes them.</summary>
    public abstract void Update(Tensor outputs, Tensor targets);

    /// <summary>Forgets every batch added.</summary>
    public abstract void Reset();
}
