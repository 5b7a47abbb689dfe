namespace Recur.Cli;

/// <summary>Runs a training command's work so that Ctrl+C stops it between steps, keeping its last checkpoint.</summary>
internal static class Interruptible
{
    /// <summary>
    /// Runs <paramref name="work"/> with a token that Ctrl+C cancels; a cancelled run becomes an
    /// <see cref="OperationCanceledException"/> whose message says that <paramref name="checkpointDirectory"/> is kept.
    /// </summary>
    public static T Run<T>(Func<CancellationToken, T> work, string checkpointDirectory)
    {
        using var cancel = new CancellationTokenSource();
        ConsoleCancelEventHandler onCancel = (_, e) => { e.Cancel = true; cancel.Cancel(); };
        Console.CancelKeyPress += onCancel;
        try
        {
            return work(cancel.Token);
        }
        catch (OperationCanceledException)
        {
            throw new OperationCanceledException($"training was interrupted; the last checkpoint in {checkpointDirectory} is kept (continue with --resume).");
        }
        finally
        {
            Console.CancelKeyPress -= onCancel;
        }
    }
}
