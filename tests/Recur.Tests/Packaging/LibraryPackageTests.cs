using System.IO.Compression;
using System.Reflection;
using System.Xml.Linq;
using Recur.Tests.Data.Text;

namespace Recur.Tests.Packaging;

/// <summary>
/// The Recur library package as a consumer gets it: MIT license expression, the README, tags, a version from git,
/// symbols in a .snupkg beside it, and buildTransitive/Recur.props, which gives every app that references the package
/// Recur's large-object threshold.
/// </summary>
public sealed class LibraryPackageTests : IDisposable
{
    private readonly string _feed = Path.Combine(Path.GetTempPath(), "recur-package-tests-" + Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        if (Directory.Exists(_feed)) Directory.Delete(_feed, recursive: true);
    }

    [Fact]
    public async Task The_recur_package_carries_its_license_readme_and_symbols_and_an_app_referencing_it_gets_its_runtime_setting()
    {
        string configuration = typeof(LibraryPackageTests).Assembly.GetCustomAttribute<AssemblyConfigurationAttribute>()!.Configuration;
        var pack = await DotnetProcess.Run("dotnet",
            ["pack", Path.Combine(RepositoryFiles.Root, "src", "Recur", "Recur.csproj"), "-c", configuration, "--no-build", "-o", _feed],
            RepositoryFiles.Root, TimeSpan.FromMinutes(5));
        Assert.True(pack.Exit == 0, pack.Output + pack.Errors);

        string package = Assert.Single(Directory.GetFiles(_feed, "Recur.*.nupkg"), p => !p.EndsWith(".symbols.nupkg", StringComparison.Ordinal));
        Assert.True(File.Exists(Path.ChangeExtension(package, ".snupkg")), "no symbol package beside " + package);
        using var zip = ZipFile.OpenRead(package);
        var names = zip.Entries.Select(e => e.FullName).ToList();
        Assert.Contains("README.md", names);
        Assert.Contains("LICENSE", names);
        Assert.Contains("lib/net10.0/Recur.dll", names);
        Assert.Contains("lib/net10.0/Recur.xml", names);
        Assert.DoesNotContain(names, n => n.EndsWith(".pdb", StringComparison.Ordinal));

        using (var props = new StreamReader(zip.GetEntry("buildTransitive/Recur.props")!.Open()))
            Assert.Equal(File.ReadAllText(Path.Combine(RepositoryFiles.Root, "src", "Recur", "buildTransitive", "Recur.props")), props.ReadToEnd());

        XNamespace ns = "http://schemas.microsoft.com/packaging/2013/05/nuspec.xsd";
        using var nuspecStream = zip.GetEntry("Recur.nuspec")!.Open();
        var metadata = XDocument.Load(nuspecStream).Root!.Element(ns + "metadata")!;
        Assert.Equal("MIT", metadata.Element(ns + "license")!.Value);
        Assert.Equal("expression", metadata.Element(ns + "license")!.Attribute("type")!.Value);
        Assert.Equal("README.md", metadata.Element(ns + "readme")!.Value);
        Assert.Contains("lstm", metadata.Element(ns + "tags")!.Value.Split(' '));
        Assert.Matches(@"^\d+\.\d+\.\d+", metadata.Element(ns + "version")!.Value);
        // The only dependency is System.Numerics.Tensors; the build-time packages (SourceLink, MinVer) stay out.
        var dependencies = metadata.Descendants(ns + "dependency").Select(d => d.Attribute("id")!.Value).ToArray();
        Assert.Equal(["System.Numerics.Tensors"], dependencies);

        await AssertConsumerRuntimeConfig(metadata.Element(ns + "version")!.Value);
    }

    // An app outside this repository (no Directory.Build.props above it) with a PackageReference to the package: its
    // runtimeconfig.json gets System.GC.LOHThreshold from buildTransitive/Recur.props. Restored into its own packages
    // folder, so no stale copy of this version is reused and the machine's cache is left as it was.
    private async Task AssertConsumerRuntimeConfig(string version)
    {
        string app = Path.Combine(_feed, "app"), packages = Path.Combine(_feed, "packages");
        Directory.CreateDirectory(app);
        string machinePackages = Environment.GetEnvironmentVariable("NUGET_PACKAGES")
            ?? Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".nuget", "packages");
        File.WriteAllText(Path.Combine(app, "nuget.config"), $"""
            <?xml version="1.0" encoding="utf-8"?>
            <configuration>
              <packageSources>
                <clear />
                <add key="recur" value="{_feed}" />
                <add key="machine" value="{machinePackages}" />
              </packageSources>
            </configuration>
            """);
        File.WriteAllText(Path.Combine(app, "App.csproj"), $"""
            <Project Sdk="Microsoft.NET.Sdk">
              <PropertyGroup>
                <OutputType>Exe</OutputType>
                <TargetFramework>net10.0</TargetFramework>
                <RestorePackagesPath>{packages}</RestorePackagesPath>
              </PropertyGroup>
              <ItemGroup>
                <PackageReference Include="Recur" Version="{version}" />
              </ItemGroup>
            </Project>
            """);
        File.WriteAllText(Path.Combine(app, "Program.cs"), "System.Console.WriteLine(Recur.Tensor.Zeros(2).Size);");
        var build = await DotnetProcess.Run("dotnet", ["build", "-c", "Release"], app, TimeSpan.FromMinutes(5));
        Assert.True(build.Exit == 0, build.Output + build.Errors);
        string runtimeConfig = File.ReadAllText(Path.Combine(app, "bin", "Release", "net10.0", "App.runtimeconfig.json"));
        Assert.Contains("\"System.GC.LOHThreshold\": 4000000", runtimeConfig);
    }
}
