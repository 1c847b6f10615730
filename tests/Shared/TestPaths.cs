namespace IcOperator.Testing;

/// <summary>Where the repository's own files are, found from the test assembly's location.</summary>
internal static class TestPaths
{
    public static string RepoRoot { get; } = FindRepoRoot();

    /// <summary>The test vectors copied into <c>tests/vectors/</c>.</summary>
    public static string Vectors(params string[] parts) => Path.Combine([RepoRoot, "tests", "vectors", .. parts]);

    private static string FindRepoRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "IcOperator.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("Cannot find IcOperator.sln above " + AppContext.BaseDirectory);
    }
}
