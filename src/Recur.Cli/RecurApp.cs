using System.CommandLine;
using Recur.Cli.Commands;
using Spectre.Console;

namespace Recur.Cli;

/// <summary>The <c>recur</c> command line: builds the command tree and runs it against a console.</summary>
public static class RecurApp
{
    /// <summary>The exit code of a run stopped with Ctrl+C (128 + SIGINT, as shells report it).</summary>
    public const int InterruptedExitCode = 130;

    /// <summary>The exit code of a command line that does not parse, or of <c>recur</c> with no command.</summary>
    public const int UsageExitCode = 2;

    /// <summary>
    /// Parses <paramref name="args"/>, runs the chosen command and returns the exit code. Data (tables, <c>--json</c>)
    /// goes to <paramref name="console"/>; errors, warnings, notes and progress go to <paramref name="errors"/>
    /// (the same console when null).
    /// </summary>
    public static int Run(string[] args, IAnsiConsole console, IAnsiConsole? errors = null)
    {
        errors ??= console;
        return Run(CreateRoot(console, errors), args, console, errors);
    }

    /// <summary>Runs <paramref name="args"/> against the command tree <paramref name="root"/> (<see cref="CreateRoot"/>'s, in the app).</summary>
    internal static int Run(RootCommand root, string[] args, IAnsiConsole console, IAnsiConsole errors)
    {
        var verbose = (Option<bool>)root.Options.Single(o => o.Name == "--verbose");
        var parse = root.Parse(args);
        if (parse.CommandResult.Command == root && !parse.Tokens.Any(t => t.Value is "--version" or "-h" or "-?" or "--help"))
        {
            // No command, or one recur does not have: what there is to run, rather than "Required command was not provided".
            if (parse.UnmatchedTokens.Count > 0)
                errors.MarkupLineInterpolated($"[red]error:[/] '{parse.UnmatchedTokens[0]}' is not a recur command or option.");
            errors.Profile.Out.Writer.Write(Help(root));
            return UsageExitCode;
        }
        if (parse.Errors.Count > 0)
        {
            errors.MarkupLineInterpolated($"[red]error:[/] {ParseErrorWording.Message(parse.Errors[0])} (see 'recur {parse.CommandResult.Command.Name} --help')");
            return UsageExitCode;
        }
        try
        {
            return parse.Invoke(new InvocationConfiguration { EnableDefaultExceptionHandler = false, Output = console.Profile.Out.Writer, Error = errors.Profile.Out.Writer });
        }
        catch (OperationCanceledException e)
        {
            // Ctrl+C: the command has kept what is safe (its last checkpoint) and says so in the message.
            errors.MarkupLineInterpolated($"[yellow]interrupted:[/] {OneLine(e.Message)}");
            return InterruptedExitCode;
        }
        catch (OutOfMemoryException e)
        {
            // The run's arrays are unreachable once the exception has left the command, so there is room for one line.
            errors.MarkupLineInterpolated(
                $"[red]error:[/] out of memory ({OneLine(e.Message)}): 'recur {parse.CommandResult.Command.Name}' needs more memory than this process can have; make the model, the batch or the input smaller.");
            if (parse.GetValue(verbose)) errors.WriteException(e);
            return 1;
        }
        catch (Exception e)
        {
            // Users get one line that says what is wrong; --verbose adds the stack for bug reports.
            errors.MarkupLineInterpolated($"[red]error:[/] {OneLine(CommandLineWording.Message(e, parse.CommandResult.Command.Name))}");
            if (parse.GetValue(verbose)) errors.WriteException(e);
            return 1;
        }
    }

    /// <summary>The command tree: every command, printing data to <paramref name="console"/> and the rest to <paramref name="errors"/>.</summary>
    internal static RootCommand CreateRoot(IAnsiConsole console, IAnsiConsole errors)
    {
        var root = new RootCommand("Recur: recurrent neural networks for .NET — the course exercises on bundled data.");
        root.Options.Add(new Option<bool>("--verbose") { Description = "Show the full exception when a command fails.", Recursive = true });
        root.Subcommands.Add(XorCommand.Create(console));
        root.Subcommands.Add(PerceptronCommand.Create(console));
        root.Subcommands.Add(ForecastCommand.Create(console, errors));
        root.Subcommands.Add(ClassifyCommand.Create(console, errors));
        root.Subcommands.Add(UpDownCommand.Create(console, errors));
        root.Subcommands.Add(ImagesCommand.Create(console, errors));
        root.Subcommands.Add(NextWordCommand.Create(console));
        root.Subcommands.Add(LmCommand.Create(console, errors));
        root.Subcommands.Add(SampleCommand.Create(console));
        root.Subcommands.Add(PredictCommand.Create(console, errors));
        root.Subcommands.Add(ExportCommand.Create(console));
        return root;
    }

    // The root command's --help text.
    private static string Help(RootCommand root)
    {
        var text = new StringWriter();
        root.Parse(["--help"]).Invoke(new InvocationConfiguration { Output = text });
        return text.ToString();
    }

    /// <summary>The most characters an error line shows: a message quoting a huge field or header is cut there.</summary>
    internal const int MaxErrorLine = 500;

    /// <summary>An exception message folded onto one line, without .NET's "(Parameter 'x')" suffix, at most <see cref="MaxErrorLine"/> characters.</summary>
    internal static string OneLine(string message)
    {
        var text = System.Text.RegularExpressions.Regex.Replace(message, @" \(Parameter '[^']*'\)", "");
        return Recur.Serialization.QuotedText.Cap(
            string.Join(" ", text.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)), MaxErrorLine);
    }
}
