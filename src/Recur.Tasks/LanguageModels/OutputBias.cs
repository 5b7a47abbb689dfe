using Recur.Nn;

namespace Recur.Tasks.LanguageModels;

/// <summary>
/// The output layer of a language model whose weight is the embedding's (tied): only its bias is its own, kept under
/// <c>decoder.bias</c> as in PyTorch's example, whose state_dict lists the shared matrix a second time as
/// <c>decoder.weight</c>.
/// </summary>
internal sealed class OutputBias : Module
{
    public OutputBias(int outputs, float initScale, Generator generator)
    {
        Bias = RegisterParameter("bias", Tensor.Uniform(generator, -initScale, initScale, outputs));
    }

    public Tensor Bias { get; }
}
