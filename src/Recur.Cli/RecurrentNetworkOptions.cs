using Recur.Tasks;
using System.CommandLine;
using Recur.Kernels;
using Recur.Tasks.Forecasting;

namespace Recur.Cli;

/// <summary>
/// The flags every command that trains a recurrent network shares: the layer and its size, the seed, the kernels' threads,
/// the output directory and JSON output.
/// </summary>
internal sealed class RecurrentNetworkOptions
{
    /// <summary>The flags, with the recipe's defaults.</summary>
    public RecurrentNetworkOptions(int layers, int hidden, float dropout, string output)
    {
        Model.AcceptOnlyFromAmong("lstm", "gru", "rnn");
        Layers = new Option<int>("--layers") { Description = "Stacked recurrent layers.", DefaultValueFactory = _ => layers };
        Hidden = new Option<int>("--hidden") { Description = "Hidden units.", DefaultValueFactory = _ => hidden };
        Dropout = new Option<float>("--dropout") { Description = "Dropout between stacked layers.", DefaultValueFactory = _ => dropout };
        Output = new Option<string>("--out") { Description = "Directory for the report, charts, predictions and checkpoint.", DefaultValueFactory = _ => output };
    }

    /// <summary><c>--model lstm|gru|rnn</c>.</summary>
    public Option<string> Model { get; } = new("--model") { Description = "Recurrent layer.", DefaultValueFactory = _ => "lstm" };

    /// <summary><c>--layers</c>.</summary>
    public Option<int> Layers { get; }

    /// <summary><c>--hidden</c>.</summary>
    public Option<int> Hidden { get; }

    /// <summary><c>--dropout</c>.</summary>
    public Option<float> Dropout { get; }

    /// <summary><c>--seed</c>.</summary>
    public Option<ulong> Seed { get; } = new("--seed") { Description = "Seed of initialisation and shuffling.", DefaultValueFactory = _ => 0 };

    /// <summary><c>--threads</c>.</summary>
    public Option<int?> Threads { get; } = ThreadsOption.Create();

    /// <summary><c>--out</c>.</summary>
    public Option<string> Output { get; }

    /// <summary><c>--json</c>.</summary>
    public Option<bool> Json { get; } = new("--json") { Description = "Print the results as JSON instead of tables." };

    /// <summary>Adds the flags to <paramref name="command"/>.</summary>
    public void AddTo(Command command)
    {
        foreach (Option option in new Option[] { Model, Layers, Hidden, Dropout, Seed, Threads, Output, Json })
            command.Options.Add(option);
    }

    /// <summary>The layer <c>--model</c> names.</summary>
    public RecurrentKind Kind(ParseResult parse) =>
        parse.GetValue(Model) switch { "gru" => RecurrentKind.Gru, "rnn" => RecurrentKind.Rnn, _ => RecurrentKind.Lstm };

    /// <summary>Applies <c>--threads</c> to the kernels, when given.</summary>
    /// <exception cref="ArgumentException">Fewer than one thread.</exception>
    public void ApplyThreads(ParseResult parse) => ThreadsOption.Apply(parse, Threads);
}
