namespace Recur.Kernels;

/// <summary>
/// An elementwise kernel written once over any <see cref="IFloatVector{TSelf}"/>: a struct holding the kernel's arguments
/// whose <see cref="Run{TV}"/> <see cref="FloatVector.Dispatch{TKernel}(FloatVectorPath, TKernel)"/> calls with the vector
/// type of a path. Being a struct, each instantiation is compiled for its vector type, with no allocation or virtual call.
/// </summary>
internal interface IFloatVectorKernel
{
    /// <summary>Runs the kernel on vectors of type <typeparamref name="TV"/>.</summary>
    void Run<TV>() where TV : struct, IFloatVector<TV>;
}
