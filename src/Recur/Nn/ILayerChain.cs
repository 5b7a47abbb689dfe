namespace Recur.Nn;

/// <summary>
/// A layer whose forward pass is its <see cref="Layers"/> applied one after another (a <see cref="Sequential"/>, or a
/// model such as a forecaster written as a custom module), so tools that describe a model layer by layer — ONNX export —
/// can look inside it.
/// </summary>
public interface ILayerChain
{
    /// <summary>The layers in the order the forward pass applies them.</summary>
    IReadOnlyList<Layer> Layers { get; }
}
