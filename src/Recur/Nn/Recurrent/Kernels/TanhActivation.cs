using System.Runtime.CompilerServices;
using Recur.Kernels;

namespace Recur.Nn.Recurrent.Kernels;

/// <summary>tanh (PyTorch's and Keras' default): <c>h_t = tanh(a)</c>, <c>d tanh = 1 − h_t²</c>.</summary>
internal readonly struct TanhActivation : IRnnActivation
{
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static TV Apply<TV>(TV a) where TV : struct, IFloatVector<TV> => FloatVector.Tanh(a);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static TV Gradient<TV>(TV h, TV dh) where TV : struct, IFloatVector<TV> => dh * (TV.Splat(1f) - h * h);
}
