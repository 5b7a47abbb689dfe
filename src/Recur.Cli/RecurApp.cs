using System.CommandLine;
using Recur.Cli.Commands;
using Spectre.Console;

namespace Recur.Cli;

/// <summary>The <c>recur</c> command line: builds the command tree and runs it against a console.</summary>
public static class RecurApp
{
    /// <summary>Parses <paramref name="args"/>, runs the chosen command on <paramref name="console"/>, and returns the exit code.</summary>
    public static int Run(string[] args, IAnsiConsole console)
    {
        var verbose = new Option<bool>("--verbose") { Description = "Show the full exception when a command fails.", Recursive = true };
        var root = new RootCommand("Recur: recurrent neural networks for .NET — the course exercises on bundled data.");
        root.Options.Add(verbose);
        root.Subcommands.Add(XorCommand.Create(console));
        root.Subcommands.Add(PerceptronCommand.Create(console));
        root.Subcommands.Add(ForecastCommand.Create(console));
        root.Subcommands.Add(ClassifyCommand.Create(console));
        root.Subcommands.Add(UpDownCommand.Create(console));
        root.Subcommands.Add(ImagesCommand.Create(console));
        root.Subcommands.Add(PredictCommand.Create(console));
        root.Subcommands.Add(ExportCommand.Create(console));

        var parse = root.Parse(args);
        if (parse.Errors.Count > 0)
        {
            console.MarkupLineInterpolated($"[red]error:[/] {parse.Errors[0].Message} (see 'recur --help')");
            return 2;
        }
        try
        {
            return parse.Invoke(new InvocationConfiguration { EnableDefaultExceptionHandler = false });
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            // Users get one line that says what is wrong; --verbose adds the stack for bug reports.
            console.MarkupLineInterpolated($"[red]error:[/] {OneLine(CommandLineWording.Message(e, parse.CommandResult.Command.Name))}");
            if (parse.GetValue(verbose)) console.WriteException(e);
            return 1;
        }
    }

    /// <summary>An exception message folded onto one line, without .NET's "(Parameter 'x')" suffix.</summary>
    internal static string OneLine(string message)
    {
        var text = System.Text.RegularExpressions.Regex.Replace(message, @" \(Parameter '[^']*'\)", "");
        return string.Join(" ", text.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
    }
}
