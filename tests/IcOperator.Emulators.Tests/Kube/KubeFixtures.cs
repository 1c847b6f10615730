using IcOperator.Testing;

namespace IcOperator.Emulators.Tests.Kube;

/// <summary>
/// Where the CRDs and samples the tests use live: the repository's generated <c>config/crd</c> and
/// <c>config/samples</c> when they exist, else the realistic fixtures beside these tests.
/// </summary>
internal static class KubeFixtures
{
    public static string FixtureCrds => Path.Combine(TestPaths.RepoRoot, "tests", "IcOperator.Emulators.Tests", "Kube", "Fixtures", "crd");

    public static string FixtureSamples => Path.Combine(TestPaths.RepoRoot, "tests", "IcOperator.Emulators.Tests", "Kube", "Fixtures", "samples");

    public static string? RepoCrds => HasYaml(Path.Combine(TestPaths.RepoRoot, "config", "crd"));

    public static string? RepoSamples => HasYaml(Path.Combine(TestPaths.RepoRoot, "config", "samples"));

    private static string? HasYaml(string directory) =>
        Directory.Exists(directory) && Directory.EnumerateFiles(directory, "*.yaml", SearchOption.AllDirectories).Any() ? directory : null;
}
