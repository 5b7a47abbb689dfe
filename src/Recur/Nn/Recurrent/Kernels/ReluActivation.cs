using System.Runtime.CompilerServices;
using Recur.Kernels;

namespace Recur.Nn.Recurrent.Kernels;

/// <summary>ReLU: <c>h_t = max(a, 0)</c>, <c>d relu = [h_t &gt; 0]</c>.</summary>
internal readonly struct ReluActivation : IRnnActivation
{
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static TV Apply<TV>(TV a) where TV : struct, IFloatVector<TV> => TV.Max(a, TV.Splat(0f));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static TV Gradient<TV>(TV h, TV dh) where TV : struct, IFloatVector<TV> => TV.WherePositive(h, dh);
}
