namespace Recur;

/// <summary>
/// While alive, operations on the current thread record nothing on the tape (PyTorch's <c>torch.no_grad()</c>):
/// <code>using (new NoGradScope()) { var y = model.Forward(x); }</code>
/// Scopes nest.
/// </summary>
public sealed class NoGradScope : IDisposable
{
    [ThreadStatic] private static int t_depth;
    private bool _disposed;

    /// <summary>Disables gradient recording on this thread until disposed.</summary>
    public NoGradScope() => t_depth++;

    /// <summary>True when operations on this thread record onto the tape.</summary>
    public static bool GradEnabled => t_depth == 0;

    /// <inheritdoc/>
    public void Dispose()
    {
        if (_disposed) return;
        _disposed = true;
        t_depth--;
    }
}
