namespace CostInsights.Core.Users;

/// <summary>The three roles and the policies built from them.</summary>
public static class AppRoles
{
    public const string Finance = "Finance";
    public const string EngineeringManager = "EngineeringManager";
    public const string Admin = "Admin";

    public static readonly IReadOnlyList<string> All = [Finance, EngineeringManager, Admin];

    public static bool IsKnown(string role) => All.Contains(role, StringComparer.Ordinal);

    /// <summary>A role as people write it: <c>Engineering manager</c>; an unknown role as it is.</summary>
    public static string Describe(string? role) => role switch
    {
        EngineeringManager => "Engineering manager",
        _ => role ?? "",
    };
}

/// <summary>Authorization policy names: what a role may do.</summary>
public static class AppPolicies
{
    /// <summary>Read dashboards, forecasts and exports: every role.</summary>
    public const string ReadDashboards = "ReadDashboards";
    /// <summary>Build scenarios and comparisons: engineering managers and admins.</summary>
    public const string BuildScenarios = "BuildScenarios";
    /// <summary>Set budgets and start forecast runs: finance and admins.</summary>
    public const string PlanSpend = "PlanSpend";
    /// <summary>Start work through the API: finance, admins, and API keys scoped to write.</summary>
    public const string WriteApi = "WriteApi";
    /// <summary>Send usage to the API: admins, and API keys scoped to write.</summary>
    public const string IngestUsage = "IngestUsage";
    /// <summary>Price sheets, ingestion, jobs and users: admins only.</summary>
    public const string Administer = "Administer";
}
