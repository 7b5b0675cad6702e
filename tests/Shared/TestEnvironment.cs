namespace CostInsights.Testing;

/// <summary>Where the tests find PostgreSQL, chromium and the shared reference data.</summary>
public static class TestEnvironment
{
    public const string PostgresVariable = "COSTINSIGHTS_TEST_POSTGRES";

    /// <summary>An admin connection string to a PostgreSQL server, or null when none is configured.</summary>
    public static string? PostgresAdminConnection =>
        Environment.GetEnvironmentVariable(PostgresVariable) is { Length: > 0 } cs ? cs : null;

    public const string ChromiumPath = "/usr/bin/chromium";

    public static bool HasChromium => File.Exists(ChromiumPath);

    /// <summary>The repository root, found from the test binaries by walking up to the solution file.</summary>
    public static string RepositoryRoot
    {
        get
        {
            var dir = new DirectoryInfo(AppContext.BaseDirectory);
            while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "CostInsights.sln")))
            {
                dir = dir.Parent;
            }
            return dir?.FullName ?? throw new InvalidOperationException("CostInsights.sln not found above " + AppContext.BaseDirectory);
        }
    }

    /// <summary>../shared/data beside the repository.</summary>
    public static string SharedData => Path.GetFullPath(Path.Combine(RepositoryRoot, "..", "shared", "data"));
}

/// <summary>Skips, loudly, a test whose server or browser is truly absent.</summary>
public static class Require
{
    public static void Postgres() => Assert.SkipWhen(TestEnvironment.PostgresAdminConnection is null,
        $"SKIPPED: PostgreSQL is not available. Set {TestEnvironment.PostgresVariable} (./build.sh test does) to run this test.");

    public static void Chromium() => Assert.SkipUnless(TestEnvironment.HasChromium,
        $"SKIPPED: chromium is not installed at {TestEnvironment.ChromiumPath}. Run ./build.sh test, which installs it.");
}
