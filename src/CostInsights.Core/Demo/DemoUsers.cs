using CostInsights.Core.Users;

namespace CostInsights.Core.Demo;

/// <summary>One user per role, seeded only in demo mode; their credentials are shown on the login page.</summary>
public static class DemoUsers
{
    public sealed record Credentials(string Email, string Password, string Role);

    public static readonly IReadOnlyList<Credentials> All =
    [
        new("admin@demo.costinsights", "demo-admin-pass", AppRoles.Admin),
        new("finance@demo.costinsights", "demo-finance-pass", AppRoles.Finance),
        new("manager@demo.costinsights", "demo-manager-pass", AppRoles.EngineeringManager),
    ];
}
