using System.Globalization;
using System.Text;
using Recur.Nn;

namespace Recur.Training;

/// <summary>One row of a <see cref="ModelSummary"/>.</summary>
/// <param name="Name">The child's name (<c>0</c>, <c>1</c>, … in a <see cref="Sequential"/>).</param>
/// <param name="Type">The module's type name.</param>
/// <param name="OutputShape">The output shape for the sample input, batch dimension first; null where unknown.</param>
/// <param name="Parameters">Trainable scalars in this layer and its children.</param>
public sealed record SummaryRow(string Name, string Type, int[]? OutputShape, long Parameters);

/// <summary>
/// A model's layers, output shapes and parameter counts, as Keras' <c>model.summary()</c> prints them. Counts are
/// exact: the Keras-style layers have Keras' counts, the PyTorch-style modules PyTorch's.
/// </summary>
public sealed class ModelSummary
{
    private ModelSummary(IReadOnlyList<SummaryRow> rows, long total)
    {
        Rows = rows;
        TotalParameters = total;
    }

    /// <summary>The layers in order.</summary>
    public IReadOnlyList<SummaryRow> Rows { get; }

    /// <summary>All trainable scalars of the model.</summary>
    public long TotalParameters { get; }

    /// <summary>
    /// Summarises a <see cref="Sequential"/> by running a zero sample of shape <paramref name="sampleInputShape"/>
    /// (batch first, e.g. <c>[1, 60]</c> for ids of a 60-step sequence) through it without recording gradients.
    /// </summary>
    public static ModelSummary Of(Sequential model, params int[] sampleInputShape)
    {
        ArgumentNullException.ThrowIfNull(model);
        var rows = new List<SummaryRow>();
        bool wasTraining = model.Training;
        model.Eval();
        try
        {
            using var _ = new NoGradScope();
            var x = Tensor.Zeros(sampleInputShape);
            foreach (var (name, child) in model.NamedChildren())
            {
                var layer = (Layer)child;
                x = layer.Forward(x);
                rows.Add(new SummaryRow(name, child.GetType().Name, x.Shape, child.ParameterCount()));
            }
        }
        finally
        {
            model.Train(wasTraining);
        }
        return new ModelSummary(rows, model.ParameterCount());
    }

    /// <summary>Summarises any module by its direct children (no output shapes).</summary>
    public static ModelSummary Of(Module model)
    {
        ArgumentNullException.ThrowIfNull(model);
        var rows = model.NamedChildren().Select(c => new SummaryRow(c.Name, c.Module.GetType().Name, null, c.Module.ParameterCount())).ToList();
        long own = model.ParameterCount() - rows.Sum(r => r.Parameters);
        if (own > 0 || rows.Count == 0) rows.Insert(0, new SummaryRow("(own)", model.GetType().Name, null, own));
        return new ModelSummary(rows, model.ParameterCount());
    }

    /// <summary>A plain-text table: layer, output shape, parameters, and the total.</summary>
    public override string ToString()
    {
        var table = Rows.Select(r => (Layer: $"{r.Name} ({r.Type})", Shape: r.OutputShape is null ? "" : FormatShape(r.OutputShape),
            Params: r.Parameters.ToString("N0", CultureInfo.InvariantCulture))).ToList();
        int w1 = Math.Max("Layer (type)".Length, table.Max(t => (int?)t.Layer.Length) ?? 0);
        int w2 = Math.Max("Output shape".Length, table.Max(t => (int?)t.Shape.Length) ?? 0);
        int w3 = Math.Max("Params".Length, table.Max(t => (int?)t.Params.Length) ?? 0);
        var text = new StringBuilder();
        text.AppendLine($"{"Layer (type)".PadRight(w1)}  {"Output shape".PadRight(w2)}  {"Params".PadLeft(w3)}");
        text.AppendLine(new string('-', w1 + w2 + w3 + 4));
        foreach (var t in table) text.AppendLine($"{t.Layer.PadRight(w1)}  {t.Shape.PadRight(w2)}  {t.Params.PadLeft(w3)}");
        text.AppendLine(new string('-', w1 + w2 + w3 + 4));
        text.Append($"Total params: {TotalParameters.ToString("N0", CultureInfo.InvariantCulture)}");
        return text.ToString();
    }

    /// <summary>A shape with the batch dimension shown as <c>None</c>, as Keras does: <c>(None, 60, 32)</c>.</summary>
    public static string FormatShape(int[] shape) =>
        "(" + string.Join(", ", shape.Select((d, i) => i == 0 ? "None" : d.ToString(CultureInfo.InvariantCulture))) + ")";
}
