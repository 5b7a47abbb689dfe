using Spectre.Console;

namespace Recur.Cli;

/// <summary>
/// How a training command runs on the console: Ctrl+C cancels between steps, and a progress bar follows the epochs
/// unless the output is JSON.
/// </summary>
internal static class ConsoleRun
{
    /// <summary>
    /// Runs <paramref name="work"/> with Ctrl+C turned into cancellation; an interrupted run becomes an
    /// <see cref="OperationCanceledException"/> with <paramref name="interrupted"/> as its message.
    /// </summary>
    public static T Cancellable<T>(Func<CancellationToken, T> work, string interrupted)
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
            throw new OperationCanceledException(interrupted);
        }
        finally
        {
            Console.CancelKeyPress -= onCancel;
        }
    }

    /// <summary>Runs <paramref name="work"/> under one progress bar of <paramref name="steps"/> steps, which the work moves.</summary>
    public static T WithProgress<T>(IAnsiConsole console, string description, double steps, Func<ProgressTask, T> work)
    {
        T result = default!;
        console.Progress()
            .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new RemainingTimeColumn())
            .Start(context =>
            {
                var task = context.AddTask(description, maxValue: steps);
                result = work(task);
                task.Value = steps;
            });
        return result;
    }

    /// <summary>The command line as typed (the parser's tokens, the command's name first), for reports.</summary>
    public static string CommandLine(IEnumerable<string> tokens) =>
        "recur " + string.Join(' ', tokens.Select(t => t.Contains(' ') ? $"\"{t}\"" : t));
}
