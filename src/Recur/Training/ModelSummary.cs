using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using Recur.Nn;
using Recur.Nn.Keras;

namespace Recur.Training;

/// <summary>
/// A model's layers, output shapes and parameter counts, as Keras' <c>model.summary()</c> prints them. Counts are
/// exact: the Keras-style layers have Keras' counts, the PyTorch-style modules PyTorch's.
/// </summary>
public sealed partial class ModelSummary
{
    // Keras' column ends for a Sequential model: 65 characters at 45 %, 85 % and 100 %.
    private const int KerasLineLength = 65;
    private static readonly int[] KerasColumnEnds = [29, 55, 65];

    private ModelSummary(string modelName, IReadOnlyList<SummaryRow> rows, Module model)
    {
        ModelName = modelName;
        Rows = rows;
        foreach (var (_, parameter) in model.NamedParameters())
        {
            TotalParameters += parameter.Size;
            if (parameter.RequiresGrad) TrainableParameters += parameter.Size;
        }
    }

    /// <summary>The model's name as Keras writes it (<c>sequential</c>, or the module's type in snake case).</summary>
    public string ModelName { get; }

    /// <summary>The layers in order.</summary>
    public IReadOnlyList<SummaryRow> Rows { get; }

    /// <summary>All scalar parameters of the model.</summary>
    public long TotalParameters { get; }

    /// <summary>The scalars that require gradients (Keras' trainable weights).</summary>
    public long TrainableParameters { get; }

    /// <summary>The scalars that are frozen (their <see cref="Tensor.RequiresGrad"/> is off).</summary>
    public long NonTrainableParameters => TotalParameters - TrainableParameters;

    /// <summary>
    /// Summarises a <see cref="Sequential"/> without running it: output shapes are inferred layer by layer from the
    /// model's <see cref="Sequential.InputShape"/> (given to <see cref="Sequential.Build"/>, seen in the data it has run
    /// on, or declared by its first layer, such as an <see cref="Embedding"/>'s input length). Keras-style layers not built
    /// yet are built for the shape that reaches them; a shape that cannot be inferred is shown as <c>?</c>.
    /// </summary>
    /// <exception cref="InvalidOperationException">A Keras-style layer is not built and the shape reaching it is unknown.</exception>
    public static ModelSummary Of(Sequential model)
    {
        ArgumentNullException.ThrowIfNull(model);
        var shape = model.InputShape;
        var names = new KerasNames();
        var rows = new List<SummaryRow>();
        for (int i = 0; i < model.Layers.Count; i++)
        {
            var layer = model.Layers[i];
            if (shape is not null)
            {
                if (layer is KerasLayer keras) keras.Build(shape);
                else if (layer is Sequential inner) inner.Build(shape);
                shape = layer.ComputeOutputShape(shape);
            }
            else if (layer is KerasLayer { Built: false })
            {
                throw new InvalidOperationException(i == 0
                    ? $"Summary: the model's input shape is unknown, so {layer} cannot be built. Call Sequential.Build with it " +
                      "(e.g. [null, 60] for ids of 60-step sequences), run one batch through the model, or give the first layer its input size."
                    : $"Summary: {layer} (layer {i}) cannot be built because the output shape of layer {i - 1} ({model.Layers[i - 1]}) is unknown; " +
                      "run one batch through the model, or use ModelSummary.Of(model, sampleInputShape).");
            }
            rows.Add(new SummaryRow(names.Next(layer), TypeName(layer), shape, layer.ParameterCount()));
        }
        return new ModelSummary("sequential", rows, model);
    }

    /// <summary>
    /// Summarises a <see cref="Sequential"/> by running a zero sample of shape <paramref name="sampleInputShape"/>
    /// (batch first, e.g. <c>[1, 60]</c> for ids of a 60-step sequence) through it without recording gradients; for models
    /// whose shapes cannot be inferred without running.
    /// </summary>
    public static ModelSummary Of(Sequential model, params int[] sampleInputShape)
    {
        ArgumentNullException.ThrowIfNull(model);
        var names = new KerasNames();
        var rows = new List<SummaryRow>();
        bool wasTraining = model.Training;
        model.Eval();
        try
        {
            using var _ = new NoGradScope();
            var x = Tensor.Zeros(sampleInputShape);
            foreach (var layer in model.Layers)
            {
                x = layer.Forward(x);
                rows.Add(new SummaryRow(names.Next(layer), TypeName(layer), LayerShape.Of(x), layer.ParameterCount()));
            }
        }
        finally
        {
            model.Train(wasTraining);
        }
        return new ModelSummary("sequential", rows, model);
    }

    /// <summary>Summarises any module by its direct children, named as the module names them (no output shapes).</summary>
    public static ModelSummary Of(Module model)
    {
        ArgumentNullException.ThrowIfNull(model);
        if (model is Sequential sequential) return Of(sequential);
        var rows = model.NamedChildren().Select(c => new SummaryRow(c.Name, c.Module.GetType().Name, null, c.Module.ParameterCount())).ToList();
        long own = model.ParameterCount() - rows.Sum(r => r.Parameters);
        if (own > 0 || rows.Count == 0) rows.Insert(0, new SummaryRow("(own)", model.GetType().Name, null, own));
        return new ModelSummary(SnakeCase(model.GetType().Name), rows, model);
    }

    /// <summary>
    /// Keras' table for a Sequential model: <c>Model: "sequential"</c>, then a row per layer —
    /// <c>name (Type)</c>, output shape, parameter count — and the total, trainable and non-trainable counts. Columns are
    /// Keras' (ending at 29, 55 and 65 characters), widened where a field would not fit; trailing spaces are trimmed.
    /// </summary>
    public override string ToString()
    {
        var table = Rows.Select(r => new[]
        {
            $"{r.Name} ({r.Type})",
            r.OutputShape is null ? "?" : LayerShape.Format(r.OutputShape),
            r.Parameters.ToString(CultureInfo.InvariantCulture),
        }).ToList();
        string[] header = ["Layer (type)", "Output Shape", "Param #"];
        var ends = (int[])KerasColumnEnds.Clone();
        int start = 0;
        for (int c = 0; c < ends.Length; c++)
        {
            // Keras leaves at least one space after a field; a longer field widens its column instead of being cut.
            int widest = table.Select(t => t[c]).Append(header[c]).Max(f => f.Length) + 1;
            int shift = Math.Max(0, start + widest - ends[c]);
            for (int k = c; k < ends.Length; k++) ends[k] += shift;
            start = ends[c];
        }
        int width = Math.Max(KerasLineLength, ends[^1]);
        var text = new StringBuilder();
        void Line(string line) => text.Append(line.TrimEnd()).Append('\n');
        string Row(string[] fields)
        {
            var line = new StringBuilder();
            for (int c = 0; c < fields.Length; c++) line.Append(fields[c].PadRight(ends[c] - line.Length));
            return line.ToString();
        }
        Line($"Model: \"{ModelName}\"");
        Line(new string('_', width));
        Line(Row(header));
        Line(new string('=', width));
        for (int i = 0; i < table.Count; i++)
        {
            Line(Row(table[i]));
            Line(new string(i == table.Count - 1 ? '=' : '_', width));
        }
        if (table.Count == 0) Line(new string('=', width));
        Line($"Total params: {TotalParameters.ToString("N0", CultureInfo.InvariantCulture)}");
        Line($"Trainable params: {TrainableParameters.ToString("N0", CultureInfo.InvariantCulture)}");
        Line($"Non-trainable params: {NonTrainableParameters.ToString("N0", CultureInfo.InvariantCulture)}");
        text.Append(new string('_', width));
        return text.ToString();
    }

    /// <summary>A shape with the batch dimension shown as <c>None</c>, as Keras does: <c>(None, 60, 32)</c>.</summary>
    public static string FormatShape(int[] shape)
    {
        ArgumentNullException.ThrowIfNull(shape);
        return LayerShape.Format(shape.Select((d, i) => i == 0 ? null : (int?)d).ToArray());
    }

    /// <summary>Keras' conversion of a class name to a layer name: <c>SimpleRNN</c> → <c>simple_rnn</c>, <c>Conv1D</c> → <c>conv1d</c>.</summary>
    public static string SnakeCase(string typeName)
    {
        ArgumentNullException.ThrowIfNull(typeName);
        var words = CapitalisedWord().Replace(typeName, "$1_$2");
        return LowerThenUpper().Replace(words, "$1_$2").ToLowerInvariant();
    }

    /// <summary>
    /// A layer's type as the table shows it: a <see cref="RecurrentLayer"/> shows the module it runs (<c>GRU</c>), a
    /// Keras-style layer Keras' class name (<see cref="KerasLSTM"/> is Keras' <c>LSTM</c>).
    /// </summary>
    private static string TypeName(Layer layer) => layer switch
    {
        RecurrentLayer recurrent => recurrent.Recurrent.GetType().Name,
        KerasLayer when layer.GetType().Name is ['K', 'e', 'r', 'a', 's', .. var kerasName] => kerasName,
        _ => layer.GetType().Name,
    };

    [GeneratedRegex("(.)([A-Z][a-z0-9]+)")]
    private static partial Regex CapitalisedWord();

    [GeneratedRegex("([a-z])([A-Z])")]
    private static partial Regex LowerThenUpper();

    /// <summary>Keras' default layer names within one model: <c>dense</c>, then <c>dense_1</c>, <c>dense_2</c>, ….</summary>
    private sealed class KerasNames
    {
        private readonly Dictionary<string, int> _seen = [];

        public string Next(Layer layer)
        {
            string name = SnakeCase(TypeName(layer));
            int count = _seen.GetValueOrDefault(name);
            _seen[name] = count + 1;
            return count == 0 ? name : $"{name}_{count.ToString(CultureInfo.InvariantCulture)}";
        }
    }
}
