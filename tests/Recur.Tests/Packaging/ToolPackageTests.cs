using System.IO.Compression;
using System.Reflection;
using Recur.Tests.Data.Text;

namespace Recur.Tests.Packaging;

/// <summary>
/// The <c>recur</c> tool as users get it: packed from the built project, installed with <c>dotnet tool install</c> into
/// a temporary tool path from a feed that holds only it, and run in an empty directory, where <c>recur forecast</c>
/// finds its bundled course data inside the tool. The package stays under 40 MB with no debug symbols and the native
/// libraries of the platforms the project lists only.
/// </summary>
public sealed class ToolPackageTests : IDisposable
{
    private const long MaximumPackageBytes = 40_000_000;
    private static readonly string[] Platforms = ["linux-x64", "linux-arm64", "win-x64", "osx"];
    private static readonly TimeSpan Patience = TimeSpan.FromMinutes(8);
    private readonly string _root = Path.Combine(Path.GetTempPath(), "recur-tool-tests-" + Guid.NewGuid().ToString("N"));

    public ToolPackageTests() => Directory.CreateDirectory(_root);

    public void Dispose()
    {
        try { Directory.Delete(_root, recursive: true); }
        catch (IOException) { } // a tool still shutting down on Windows; the temp folder is cleaned by the OS
    }

    [Fact]
    public async Task The_packed_tool_installs_into_a_tool_path_and_runs_recur_forecast_from_an_empty_directory()
    {
        string feed = Path.Combine(_root, "feed"), tools = Path.Combine(_root, "tools"), empty = Path.Combine(_root, "empty");
        Directory.CreateDirectory(empty);
        // --no-build: the test project's build built Recur.Cli in this configuration; packing publishes from it.
        string configuration = typeof(ToolPackageTests).Assembly.GetCustomAttribute<AssemblyConfigurationAttribute>()!.Configuration;
        var pack = await DotnetProcess.Run("dotnet",
            ["pack", Path.Combine(RepositoryFiles.Root, "src", "Recur.Cli", "Recur.Cli.csproj"), "-c", configuration, "--no-build", "-o", feed], _root, Patience);
        Assert.True(pack.Exit == 0, pack.Output + pack.Errors);

        string package = Assert.Single(Directory.GetFiles(feed, "Recur.Cli.*.nupkg"));
        AssertContents(package);

        // A feed of this package only: the install cannot take a Recur.Cli from anywhere else, and needs no network.
        string config = Path.Combine(_root, "nuget.config");
        File.WriteAllText(config, $"""
            <?xml version="1.0" encoding="utf-8"?>
            <configuration>
              <packageSources>
                <clear />
                <add key="recur-test-feed" value="{feed}" />
              </packageSources>
            </configuration>
            """);
        string version = Path.GetFileNameWithoutExtension(package)["Recur.Cli.".Length..];
        var install = await DotnetProcess.Run("dotnet",
            ["tool", "install", "Recur.Cli", "--tool-path", tools, "--version", version, "--configfile", config], _root, Patience);
        Assert.True(install.Exit == 0, install.Output + install.Errors);

        string recur = Path.Combine(tools, OperatingSystem.IsWindows() ? "recur.exe" : "recur");
        var forecast = await DotnetProcess.Run(recur, ["forecast", "--epochs", "1", "--hidden", "4"], empty, Patience);
        Assert.True(forecast.Exit == 0, forecast.Output + forecast.Errors);
        Assert.Contains("data-02-stock_daily.csv", forecast.Errors); // the bundled GOOG file, found beside the tool
        Assert.Contains("wrote", forecast.Output);
        Assert.True(File.Exists(Path.Combine(empty, "runs", "forecast", "forecast.json")));
    }

    private static void AssertContents(string package)
    {
        Assert.True(new FileInfo(package).Length <= MaximumPackageBytes, $"{package} is {new FileInfo(package).Length:N0} bytes");
        using var zip = ZipFile.OpenRead(package);
        var names = zip.Entries.Select(e => e.FullName).ToList();
        Assert.DoesNotContain(names, n => n.EndsWith(".pdb", StringComparison.OrdinalIgnoreCase));
        var platforms = names.Where(n => n.Contains("/runtimes/")).Select(n => n.Split("/runtimes/")[1].Split('/')[0]).Distinct().Order().ToArray();
        Assert.Equal(Platforms.Order().ToArray(), platforms);
        Assert.Contains("tools/net10.0/any/data/stock/data-02-stock_daily.csv", names);
        Assert.Contains("tools/net10.0/any/data/text/sms-spam/SMSSpamCollection", names);
        Assert.Contains("tools/net10.0/any/data/fashion-mnist/t10k-images-idx3-ubyte.gz", names);
        Assert.Contains("LICENSE", names);
        // Recur's runtime setting reaches the tool (an app in this repository: Directory.Build.props imports Recur.props).
        using var runtimeConfig = new StreamReader(zip.GetEntry("tools/net10.0/any/Recur.Cli.runtimeconfig.json")!.Open());
        Assert.Contains("\"System.GC.LOHThreshold\": 4000000", runtimeConfig.ReadToEnd());
    }
}
