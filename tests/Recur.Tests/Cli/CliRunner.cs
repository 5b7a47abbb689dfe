using Recur.Cli;
using Spectre.Console;

namespace Recur.Tests.Cli;

/// <summary>Runs the <c>recur</c> command line against a recording console, as the tests of every command do.</summary>
public static class CliRunner
{
    /// <summary>The exit code and everything written. The console is wide enough that no line wraps: a one-line error stays one line.</summary>
    public static (int Exit, string Output) Run(params string[] args)
    {
        var writer = new StringWriter();
        var console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Ansi = AnsiSupport.No,
            ColorSystem = ColorSystemSupport.NoColors,
            Interactive = InteractionSupport.No,
            Out = new AnsiConsoleOutput(writer),
        });
        console.Profile.Width = 1000;
        return (RecurApp.Run(args, console), writer.ToString());
    }
}
