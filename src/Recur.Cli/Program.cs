using Spectre.Console;

namespace Recur.Cli;

internal static class Program
{
    private static int Main(string[] args) => RecurApp.Run(args, AnsiConsole.Console);
}
