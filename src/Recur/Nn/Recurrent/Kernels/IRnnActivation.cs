using Recur.Kernels;

namespace Recur.Nn.Recurrent.Kernels;

/// <summary>The activation of an Elman RNN's <see cref="RnnKernel{TActivation}"/>: <c>h_t = act(a)</c> and its derivative.</summary>
internal interface IRnnActivation
{
    /// <summary>h_t = act(a).</summary>
    static abstract TV Apply<TV>(TV a) where TV : struct, IFloatVector<TV>;

    /// <summary>dL/da = dL/dh_t ⊙ act'(a), written with h_t = act(a) (what the forward keeps).</summary>
    static abstract TV Gradient<TV>(TV h, TV dh) where TV : struct, IFloatVector<TV>;
}
