namespace CostInsights.Web.Hosting;

/// <summary>The <c>Demo</c> section: demo users and generated usage on first start.</summary>
public sealed class DemoOptions
{
    public const string Section = "Demo";

    /// <summary>Seeds a user per role (shown on the login page) and, into an empty database, 24 months of usage.</summary>
    public bool Enabled { get; set; }

    /// <summary>Generates demo usage into an empty database; turn off for tests that bring their own.</summary>
    public bool SeedUsage { get; set; } = true;
}
