using System.CommandLine;

namespace Recur.Tests.Cli;

/// <summary>
/// A command that runs out of memory ends with one <c>error:</c> line on stderr and exit code 1, as every other failure
/// does (issue 16: it used to end the process with exit 134 and no line).
/// </summary>
public sealed class OutOfMemoryLineTests
{
    [Fact]
    public void Out_of_memory_is_one_error_line_and_exit_1()
    {
        var (exit, output, errors) = CliRunner.RunSplit(root =>
        {
            var command = new Command("exhaust", "A command that cannot get the memory it asks for.");
            command.SetAction((Action<ParseResult>)(_ => throw new OutOfMemoryException("Array dimensions exceeded supported range.")));
            root.Subcommands.Add(command);
        }, "exhaust");

        Assert.Equal(1, exit);
        Assert.Equal("", output);
        string line = Assert.Single(errors.TrimEnd().Split('\n'));
        Assert.StartsWith("error: out of memory (Array dimensions exceeded supported range.)", line);
        Assert.Contains("'recur exhaust' needs more memory than this process can have", line);
    }
}
