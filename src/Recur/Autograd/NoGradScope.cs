namespace Recur;

/// <summary>
/// While alive, operations in the current flow of execution record nothing on the tape (PyTorch's
/// <c>torch.no_grad()</c>):
/// <code>using (new NoGradScope()) { var y = model.Forward(x); }</code>
/// Scopes nest. The scope follows the async flow (it lives in an <see cref="AsyncLocal{T}"/>, not in the thread): code
/// after an <c>await</c> inside the scope still records nothing whichever thread it resumes on, and a scope left open on
/// a thread-pool thread cannot disable gradients for unrelated work that thread runs next.
/// </summary>
public sealed class NoGradScope : IDisposable
{
    private static readonly AsyncLocal<int> s_depth = new();
    private readonly int _previous;
    private bool _disposed;

    /// <summary>Disables gradient recording in this flow of execution until disposed.</summary>
    public NoGradScope()
    {
        _previous = s_depth.Value;
        s_depth.Value = _previous + 1;
    }

    /// <summary>True when operations in this flow of execution record onto the tape.</summary>
    public static bool GradEnabled => s_depth.Value == 0;

    /// <inheritdoc/>
    public void Dispose()
    {
        if (_disposed) return;
        _disposed = true;
        s_depth.Value = _previous;
    }
}
