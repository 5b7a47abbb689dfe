namespace Recur.Training;

/// <summary>One row of a <see cref="ModelSummary"/>.</summary>
/// <param name="Name">
/// Keras' name for a layer of a <c>Sequential</c> (<c>embedding</c>, <c>simple_rnn</c>, <c>dense_1</c>), or the child's
/// name in any other module (<c>rnn</c>, <c>fc</c>).
/// </param>
/// <param name="Type">The module's type name.</param>
/// <param name="OutputShape">The output shape, batch first with null where unknown (Keras' <c>None</c>); null when not inferred.</param>
/// <param name="Parameters">Scalar parameters in this layer and its children.</param>
public sealed record SummaryRow(string Name, string Type, int?[]? OutputShape, long Parameters);
