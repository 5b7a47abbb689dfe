using Recur.Cli;
using Recur.Serialization;
using Recur.Tasks.Recipes;
using Recur.Tests.Cli;
using Recur.Tests.Forecasting;
using Recur.Tests.Serialization;

namespace Recur.Tests.Reliability;

/// <summary>
/// A run's final files change as a unit (issue 16, item 2): they are staged, journalled and swapped in, so a run killed
/// between two of its writes leaves, once the directory is next prepared, the previous run's set intact or the new set
/// complete — never a mix. Before, each file was replaced on its own: a kill after the k-th write left k new files beside
/// the previous run's others, and a file only the previous run wrote stayed beside the new run's.
/// </summary>
public sealed class RunFilesTests : IDisposable
{
    private static readonly Dictionary<string, string> Previous = new()
    {
        ["predictions.csv"] = "previous predictions", ["loss.png"] = "previous chart", ["forecast.json"] = "previous summary",
        ["report.md"] = "previous report", ["only-previous.csv"] = "a file only the previous run wrote",
    };

    private static readonly Dictionary<string, string> Next = new()
    {
        ["predictions.csv"] = "next predictions", ["loss.png"] = "next chart", ["forecast.json"] = "next summary",
        ["report.md"] = "next report", ["only-next.png"] = "a file only the next run writes",
    };

    private readonly ScratchDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    private sealed class SimulatedKill : Exception;

    private static void Write(string directory, Dictionary<string, string> set, Action<string>? afterStep = null)
    {
        var files = new RunFiles(directory, afterStep);
        foreach (var (name, text) in set) files.Write(name, text);
        files.Commit();
    }

    // The run's visible files and their contents: what a reader of the directory sees.
    private static Dictionary<string, string> Visible(string directory) =>
        Directory.GetFiles(directory).Select(Path.GetFileName).Where(n => !n!.StartsWith('.'))
            .ToDictionary(n => n!, n => File.ReadAllText(Path.Combine(directory, n!)));

    private static int StepsOfACommit(string directory)
    {
        Directory.CreateDirectory(directory);
        Write(directory, Previous);
        int steps = 0;
        Write(directory, Next, _ => steps++);
        return steps;
    }

    [Fact]
    public void A_run_killed_after_any_step_leaves_the_previous_set_or_the_next_one_whole_once_recovered()
    {
        int steps = StepsOfACommit(_dir.File("count"));
        Assert.True(steps >= 2 * Next.Count + 2, $"{steps} steps");

        for (int kill = 1; kill <= steps; kill++)
        {
            string outDir = _dir.File($"kill-after-{kill}");
            Directory.CreateDirectory(outDir);
            Write(outDir, Previous);
            int step = 0;
            string killedAfter = "";
            Assert.Throws<SimulatedKill>(() => Write(outDir, Next, what =>
            {
                killedAfter = what;
                if (++step == kill) throw new SimulatedKill();
            }));
            bool journalled = kill > Next.Count;
            // Until the journal is written the previous run's files are untouched, recovered or not.
            if (!journalled) Assert.Equal(Previous, Visible(outDir));

            RunFiles.Recover(outDir);

            Assert.Equal(journalled ? Next : Previous, Visible(outDir));
            Assert.Empty(Directory.GetDirectories(outDir));
            Assert.Empty(Directory.GetFiles(outDir, "*.tmp"));
            Assert.True(killedAfter.Length > 0);
        }
    }

    [Fact]
    public void A_committed_run_replaces_the_previous_set_including_the_files_only_it_wrote()
    {
        string outDir = _dir.File("committed");
        Directory.CreateDirectory(outDir);
        Write(outDir, Previous);

        Write(outDir, Next);

        Assert.Equal(Next, Visible(outDir));
        Assert.Empty(Directory.GetDirectories(outDir));
    }

    [Fact]
    public void Preparing_a_directory_rolls_a_journalled_swap_forward_and_drops_an_unjournalled_one()
    {
        string rolled = _dir.File("rolled"), dropped = _dir.File("dropped");
        foreach (var (outDir, killAt) in new[] { (rolled, "journal"), (dropped, "staged report.md") })
        {
            Directory.CreateDirectory(outDir);
            Write(outDir, Previous);
            Assert.Throws<SimulatedKill>(() => Write(outDir, Next, what =>
            {
                if (what == killAt) throw new SimulatedKill();
            }));
            Assert.Single(Directory.GetDirectories(outDir, RunFiles.StagingPrefix + "*"));
        }

        using (OutputDirectory.Prepare(rolled)) { }
        using (OutputDirectory.Prepare(dropped)) { }

        Assert.Equal(Next, Visible(rolled));
        Assert.Equal(Previous, Visible(dropped));
        Assert.Empty(Directory.GetDirectories(rolled));
        Assert.Empty(Directory.GetDirectories(dropped));
    }

    [Fact]
    public void A_journal_or_record_naming_a_path_outside_the_directory_moves_and_deletes_nothing_there()
    {
        string outDir = _dir.File("edited");
        Directory.CreateDirectory(outDir);
        string outside = _dir.File("outside.txt");
        File.WriteAllText(outside, "not the run's");
        File.WriteAllText(Path.Combine(outDir, RunFiles.RecordName), $"[\"../outside.txt\", \"{outside.Replace("\\", "\\\\")}\", \"report.md\"]");
        File.WriteAllText(Path.Combine(outDir, "report.md"), "previous report");

        Write(outDir, new Dictionary<string, string> { ["summary.json"] = "next" });

        Assert.Equal("not the run's", File.ReadAllText(outside));
        Assert.Equal(new Dictionary<string, string> { ["summary.json"] = "next" }, Visible(outDir));
    }

    [Fact]
    public void A_forecast_writes_its_files_through_the_swap_and_a_rerun_leaves_no_staging_behind()
    {
        using var prices = new ForecastFiles();
        string outDir = prices.PathOf("out");
        string[] args = ["forecast", "--csv", prices.Wave("wave.csv", rows: 60), "--epochs", "1", "--out", outDir];
        Assert.Equal(0, CliRunner.Run(args).Exit);
        File.WriteAllText(Path.Combine(outDir, "report.md"), "edited");

        Assert.Equal(0, CliRunner.Run([.. args, "--force"]).Exit);

        Assert.NotEqual("edited", File.ReadAllText(Path.Combine(outDir, "report.md")));
        Assert.Equal([RecipeCheckpoint.Folder], Directory.GetDirectories(outDir).Select(Path.GetFileName));
        string record = File.ReadAllText(Path.Combine(outDir, RunFiles.RecordName));
        foreach (string name in new[] { "predictions.csv", "loss.png", "forecast.png", "forecast.json", "report.md" })
            Assert.Contains($"\"{name}\"", record);
    }
}
