using Spectre.Console;

namespace Recur.Cli;

/// <summary>
/// The progress display of a training command that reports steps within epochs: one bar per epoch, started when the
/// first step of an epoch arrives, its value the step and its text the command's own, stopped when the epoch ends.
/// </summary>
internal sealed class EpochProgressBars
{
    private readonly ProgressContext _context;
    private ProgressTask? _task;
    private int _epoch;

    private EpochProgressBars(ProgressContext context) => _context = context;

    /// <summary>Shows bars on <paramref name="console"/> while <paramref name="train"/> runs, and returns its result.</summary>
    public static T Run<T>(IAnsiConsole console, Func<EpochProgressBars, T> train)
    {
        T result = default!;
        console.Progress()
            .AutoClear(false)
            .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new RemainingTimeColumn())
            .Start(context => result = train(new EpochProgressBars(context)));
        return result;
    }

    /// <summary>Step <paramref name="step"/> of <paramref name="steps"/> in epoch <paramref name="epoch"/> is done.</summary>
    public void Step(int epoch, int epochs, int step, int steps, string description)
    {
        if (_task is null || _epoch != epoch)
        {
            _task?.StopTask();
            _task = _context.AddTask($"epoch {epoch}/{epochs}", maxValue: steps);
            _epoch = epoch;
        }
        _task.Value = step;
        _task.Description = description;
    }

    /// <summary>Epoch <paramref name="epoch"/> is done: its bar's text becomes <paramref name="describe"/>(the last step's text).</summary>
    public void EndEpoch(int epoch, Func<string, string> describe)
    {
        if (_task is null || _epoch != epoch) return;
        _task.Description = describe(_task.Description);
        _task.StopTask();
    }
}
