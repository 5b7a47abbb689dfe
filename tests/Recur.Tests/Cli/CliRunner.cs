using Recur.Cli;
using Spectre.Console;

namespace Recur.Tests.Cli;

/// <summary>Runs the <c>recur</c> command line against a recording console, as the tests of every command do.</summary>
public static class CliRunner
{
    /// <summary>
    /// The exit code and everything written, stdout and stderr in the order written. The console is wide enough that
    /// no line wraps: a one-line error stays one line.
    /// </summary>
    public static (int Exit, string Output) Run(params string[] args)
    {
        var writer = new StringWriter();
        var console = Recording(writer);
        return (RecurApp.Run(args, console, console), writer.ToString());
    }

    /// <summary>The exit code, what went to stdout and what went to stderr.</summary>
    public static (int Exit, string Out, string Error) RunSplit(params string[] args)
    {
        StringWriter output = new(), errors = new();
        int exit = RecurApp.Run(args, Recording(output), Recording(errors));
        return (exit, output.ToString(), errors.ToString());
    }

    /// <summary>
    /// As <see cref="RunSplit(string[])"/>, against the app's command tree changed by <paramref name="change"/> (a test command added).
    /// </summary>
    public static (int Exit, string Out, string Error) RunSplit(Action<System.CommandLine.RootCommand> change, params string[] args)
    {
        StringWriter output = new(), errors = new();
        IAnsiConsole console = Recording(output), errorConsole = Recording(errors);
        var root = RecurApp.CreateRoot(console, errorConsole);
        change(root);
        int exit = RecurApp.Run(root, args, console, errorConsole);
        return (exit, output.ToString(), errors.ToString());
    }

    private static IAnsiConsole Recording(StringWriter writer)
    {
        var console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Ansi = AnsiSupport.No,
            ColorSystem = ColorSystemSupport.NoColors,
            Interactive = InteractionSupport.No,
            Out = new AnsiConsoleOutput(writer),
        });
        console.Profile.Width = 1000;
        return console;
    }
}
