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

/// <summary>A fact that needs PostgreSQL: skipped, loudly, only where no server is configured.</summary>
public sealed class PostgresFactAttribute : FactAttribute
{
    public PostgresFactAttribute()
    {
        if (TestEnvironment.PostgresAdminConnection is null)
        {
            Skip = $"SKIPPED: PostgreSQL is not available. Set {TestEnvironment.PostgresVariable} (./build.sh test does) to run this test.";
        }
    }
}

/// <summary>A fact that drives Debian's chromium: skipped, loudly, only where it is not installed.</summary>
public sealed class ChromiumFactAttribute : FactAttribute
{
    public ChromiumFactAttribute()
    {
        if (!TestEnvironment.HasChromium)
        {
            Skip = $"SKIPPED: chromium is not installed at {TestEnvironment.ChromiumPath}. Run ./build.sh test, which installs it.";
        }
    }
}
