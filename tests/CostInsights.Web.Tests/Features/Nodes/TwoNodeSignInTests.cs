using System.Net;
using CostInsights.Core.Data;
using CostInsights.Core.Demo;
using CostInsights.Core.Users;
using CostInsights.Testing;
using CostInsights.Web.Tests.Infrastructure;

namespace CostInsights.Web.Tests.Features.Nodes;

/// <summary>
/// Two nodes on one PostgreSQL database: the sign-in cookie one issues opens the other's pages,
/// since both read the data-protection keys from the database.
/// </summary>
public sealed class TwoNodeSignInTests
{
    [Fact]
    public async Task A_user_signed_in_on_one_node_is_signed_in_on_the_other()
    {
        Require.Postgres();
        await using var database = await TestDatabase.CreateAsync(DatabaseProvider.Postgres);
        var folderA = Directory.CreateTempSubdirectory("node-a-").FullName;
        var folderB = Directory.CreateTempSubdirectory("node-b-").FullName;
        try
        {
            await using var nodeA = AppNode.Start(database, folderA, seedDemoUsage: false);
            await using var nodeB = AppNode.Start(database, folderB, seedDemoUsage: false,
                new Dictionary<string, string> { ["Jobs:RunOnThisNode"] = "false" });
            using var onA = await nodeA.SignedInAsync(AppRoles.Finance);
            using var onB = nodeB.NewClient();
            (await onB.GetAsync("/")).StatusCode.ShouldBe(HttpStatusCode.Redirect, "not signed in on B by itself");
            foreach (Cookie cookie in onA.Handler.CookieContainer.GetCookies(nodeA.BaseAddress))
            {
                onB.Handler.CookieContainer.Add(nodeB.BaseAddress, new Cookie(cookie.Name, cookie.Value, "/"));
            }

            var overview = await onB.GetPageAsync("/");
            overview.ShouldContain("<title>Overview · CostInsights</title>");
            overview.ShouldContain(DemoUsers.All.Single(u => u.Role == AppRoles.Finance).Email);
        }
        finally
        {
            Directory.Delete(folderA, recursive: true);
            Directory.Delete(folderB, recursive: true);
        }
    }
}
