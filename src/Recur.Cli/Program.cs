using Spectre.Console;

namespace Recur.Cli;

internal static class Program
{
    private static int Main(string[] args)
    {
        var output = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(Console.Out) });
        var errors = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(Console.Error) });
        // Piped or redirected text is not wrapped at a made-up width: a line is as long as it is.
        if (Console.IsOutputRedirected) output.Profile.Width = NoWrapWidth;
        if (Console.IsErrorRedirected) errors.Profile.Width = NoWrapWidth;
        return RecurApp.Run(args, output, errors);
    }

    // Wider than any line recur prints, so nothing wraps; tables are only as wide as their content.
    private const int NoWrapWidth = 100_000;
}
