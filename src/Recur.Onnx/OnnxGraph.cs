using Google.Protobuf;
using Onnx;

namespace Recur.Onnx;

/// <summary>
/// The graph being written: nodes in order, weights as initializers, integer constants, and fresh value names. Each
/// method adds one ONNX node and returns the name of its output, so the writers read like the forward pass they mirror.
/// Ops whose signature changed between opsets (the reductions' axes became an input at 18) are written for
/// <see cref="Opset"/>.
/// </summary>
internal sealed class OnnxGraph
{
    private readonly GraphProto _graph = new() { Name = "recur" };
    private readonly Dictionary<string, int> _used = [];
    private readonly Dictionary<string, string> _constants = [];

    public OnnxGraph(int opset) => Opset = opset;

    /// <summary>The opset the nodes are written for.</summary>
    public int Opset { get; }

    /// <summary>The graph proto the nodes and initializers go into.</summary>
    public GraphProto Proto => _graph;

    /// <summary>A value name not used yet, from <paramref name="stem"/>.</summary>
    public string Fresh(string stem)
    {
        _used.TryGetValue(stem, out int n);
        _used[stem] = n + 1;
        return n == 0 ? stem : $"{stem}_{n}";
    }

    /// <summary>Adds a graph input of element type <paramref name="type"/> with dimensions given as a number or a symbolic name.</summary>
    public string Input(string name, TensorProto.Types.DataType type, IReadOnlyList<object?> dims)
    {
        _graph.Input.Add(Value(name, type, dims));
        _used[name] = 1;
        return name;
    }

    /// <summary>Declares <paramref name="name"/> a graph output.</summary>
    public void Output(string name, TensorProto.Types.DataType type, IReadOnlyList<object?> dims) => _graph.Output.Add(Value(name, type, dims));

    /// <summary>A float weight as an initializer named after the parameter it holds.</summary>
    public string Weight(string stem, ReadOnlySpan<float> values, params long[] dims)
    {
        string name = Fresh(stem);
        var tensor = new TensorProto { Name = name, DataType = (int)TensorProto.Types.DataType.Float };
        tensor.Dims.AddRange(dims);
        // Little-endian raw bytes, as the format stores them; BitConverter would need a copy per element.
        var bytes = new byte[values.Length * sizeof(float)];
        System.Runtime.InteropServices.MemoryMarshal.AsBytes(values).CopyTo(bytes);
        if (!BitConverter.IsLittleEndian) throw new PlatformNotSupportedException("ONNX export writes little-endian weights.");
        tensor.RawData = ByteString.CopyFrom(bytes);
        _graph.Initializer.Add(tensor);
        return name;
    }

    /// <summary>A constant int64 vector (or a scalar when <paramref name="scalar"/>), shared by every node that needs it.</summary>
    public string Int64s(long[] values, bool scalar = false)
    {
        string key = (scalar ? "s:" : "v:") + string.Join(",", values);
        if (_constants.TryGetValue(key, out var existing)) return existing;
        string name = Fresh(scalar ? "const_scalar" : "const");
        var tensor = new TensorProto { Name = name, DataType = (int)TensorProto.Types.DataType.Int64 };
        if (!scalar) tensor.Dims.Add(values.Length);
        tensor.Int64Data.AddRange(values);
        _graph.Initializer.Add(tensor);
        _constants[key] = name;
        return name;
    }

    /// <summary>A constant int64 scalar.</summary>
    public string Int64(long value) => Int64s([value], scalar: true);

    /// <summary>A constant float scalar.</summary>
    public string Float(float value)
    {
        string key = "f:" + BitConverter.SingleToInt32Bits(value);
        if (_constants.TryGetValue(key, out var existing)) return existing;
        string name = Fresh("const_float");
        var tensor = new TensorProto { Name = name, DataType = (int)TensorProto.Types.DataType.Float };
        tensor.FloatData.Add(value);
        _graph.Initializer.Add(tensor);
        _constants[key] = name;
        return name;
    }

    /// <summary>Adds a node with one output and returns the output's name.</summary>
    public string Node(string op, string[] inputs, params AttributeProto[] attributes) => Node(op, inputs, 1, attributes)[0];

    /// <summary>Adds a node with <paramref name="outputs"/> outputs and returns their names.</summary>
    public string[] Node(string op, string[] inputs, int outputs, params AttributeProto[] attributes)
    {
        var node = new NodeProto { OpType = op, Name = Fresh(op) };
        node.Input.AddRange(inputs);
        var names = new string[outputs];
        for (int i = 0; i < outputs; i++) names[i] = Fresh(op.ToLowerInvariant());
        node.Output.AddRange(names);
        node.Attribute.AddRange(attributes);
        _graph.Node.Add(node);
        return names;
    }

    /// <summary>Renames the output <paramref name="from"/> of the node that made it to <paramref name="to"/> (the graph's output name).</summary>
    public void Rename(string from, string to)
    {
        foreach (var node in _graph.Node)
            for (int i = 0; i < node.Output.Count; i++)
                if (node.Output[i] == from) node.Output[i] = to;
        foreach (var node in _graph.Node)
            for (int i = 0; i < node.Input.Count; i++)
                if (node.Input[i] == from) node.Input[i] = to;
    }

    /// <summary><paramref name="x"/> with its axes permuted.</summary>
    public string Transpose(string x, params long[] perm) => Node("Transpose", [x], OnnxAttribute.Ints("perm", perm));

    /// <summary><paramref name="x"/> reshaped (0 keeps a dimension, −1 infers one).</summary>
    public string Reshape(string x, params long[] shape) => Node("Reshape", [x, Int64s(shape)]);

    /// <summary><paramref name="x"/> with size-1 axes inserted.</summary>
    public string Unsqueeze(string x, params long[] axes) => Node("Unsqueeze", [x, Int64s(axes)]);

    /// <summary><paramref name="x"/> with size-1 axes removed.</summary>
    public string Squeeze(string x, params long[] axes) => Node("Squeeze", [x, Int64s(axes)]);

    /// <summary>Element <paramref name="index"/> of axis <paramref name="axis"/>, that axis removed (negative counts from the end).</summary>
    public string Pick(string x, long index, long axis) => Node("Gather", [x, Int64(index)], OnnxAttribute.Int("axis", axis));

    /// <summary>The size of axis <paramref name="axis"/> as an int64 scalar.</summary>
    public string Size(string x, long axis) => Pick(Node("Shape", [x]), axis, 0);

    /// <summary>Concatenation along <paramref name="axis"/>.</summary>
    public string Concat(long axis, params string[] inputs) => Node("Concat", inputs, OnnxAttribute.Int("axis", axis));

    /// <summary>Cast to <paramref name="type"/>.</summary>
    public string Cast(string x, TensorProto.Types.DataType type) => Node("Cast", [x], OnnxAttribute.Int("to", (long)type));

    /// <summary>A reduction (<c>ReduceMax</c>, <c>ReduceMean</c>, <c>ReduceSum</c>) over <paramref name="axes"/>, axes given as the opset wants them.</summary>
    public string Reduce(string op, string x, long[] axes, bool keepDims)
    {
        var keep = OnnxAttribute.Int("keepdims", keepDims ? 1 : 0);
        // ReduceSum took its axes as an input from opset 13, the other reductions from 18.
        bool axesInput = op == "ReduceSum" || Opset >= 18;
        return axesInput ? Node(op, [x, Int64s(axes)], keep) : Node(op, [x], OnnxAttribute.Ints("axes", axes), keep);
    }

    private static ValueInfoProto Value(string name, TensorProto.Types.DataType type, IReadOnlyList<object?> dims)
    {
        var shape = new TensorShapeProto();
        foreach (var d in dims)
            shape.Dim.Add(d switch
            {
                int size => new TensorShapeProto.Types.Dimension { DimValue = size },
                string symbol => new TensorShapeProto.Types.Dimension { DimParam = symbol },
                _ => new TensorShapeProto.Types.Dimension(),
            });
        return new ValueInfoProto
        {
            Name = name,
            Type = new TypeProto { TensorType = new TypeProto.Types.Tensor { ElemType = (int)type, Shape = shape } },
        };
    }
}
