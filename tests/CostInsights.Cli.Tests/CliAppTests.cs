using CostInsights.Core.Data;
using CostInsights.Core.Jobs;
using CostInsights.Core.Users;
using CostInsights.Testing;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace CostInsights.Cli.Tests;

public sealed class CliAppTests : IAsyncLifetime
{
    private TestDatabase _database = default!;

    public async ValueTask InitializeAsync() => _database = await TestDatabase.CreateAsync(DatabaseProvider.Sqlite);

    public async ValueTask DisposeAsync() => await _database.DisposeAsync();

    private async Task<(int Code, string Out, string Error)> RunAsync(string stdin, params string[] args)
    {
        var terminal = new TextTerminal(new StringReader(stdin));
        var code = await CliApp.RunAsync([.. args, "--data-folder", _database.Options.ResolveDataFolder()], terminal);
        return (code, terminal.Out.ToString()!, terminal.Error.ToString()!);
    }

    [Fact]
    public async Task Users_add_creates_a_user_with_the_role_and_the_password_from_stdin()
    {
        var (code, output, _) = await RunAsync("a-long-secret-password\n", "users", "add", "--email", "ops@example.com", "--role", "Admin");
        code.ShouldBe(0);
        output.ShouldContain("Created ops@example.com with role Admin.");

        await using var db = _database.NewContext();
        var user = await db.Users.SingleAsync(u => u.Email == "ops@example.com");
        var roles = await db.UserRoles.Where(r => r.UserId == user.Id).Join(db.Roles, r => r.RoleId, r => r.Id, (_, r) => r.Name).ToListAsync();
        roles.ShouldBe([AppRoles.Admin]);
        new PasswordHasher<IdentityUser>().VerifyHashedPassword(user, user.PasswordHash!, "a-long-secret-password")
            .ShouldBe(PasswordVerificationResult.Success);
    }

    [Theory]
    [InlineData("short\n", "Admin", 1, "Passwords must be at least 10 characters")]
    [InlineData("a-long-secret-password\n", "Boss", 2, "Unknown role 'Boss'")]
    [InlineData("", "Finance", 2, "No password given")]
    public async Task Users_add_refuses_with_a_clear_reason(string stdin, string role, int expectedCode, string reason)
    {
        var (code, _, error) = await RunAsync(stdin, "users", "add", "--email", "x@example.com", "--role", role);
        code.ShouldBe(expectedCode);
        error.ShouldContain(reason);
    }

    [Fact]
    public async Task Demo_seed_fills_an_empty_database_once()
    {
        var (code, output, _) = await RunAsync("", "demo", "seed");
        code.ShouldBe(0);
        output.ShouldContain("usage records over 24 months");
        output.ShouldContain("admin@demo.costinsights");
        await using (var db = _database.NewContext())
        {
            (await db.UsageRecords.CountAsync()).ShouldBeGreaterThan(10_000);
            (await db.MonthlyRollups.Select(r => r.PeriodStart).Distinct().CountAsync()).ShouldBe(24);
            // Its first forecast is kept as a run of the forecast job, so the Jobs page does not say it never ran.
            var run = await db.JobRuns.SingleAsync();
            run.JobName.ShouldBe(JobIds.Forecast);
            run.Succeeded.ShouldBeTrue();
            run.Message.ShouldNotBeNull().ShouldContain("series forecast 12 months ahead");
            run.Message.ShouldEndWith("(the demo's first forecast)");
        }

        var again = await RunAsync("", "demo", "seed");
        again.Code.ShouldBe(1);
        again.Error.ShouldContain("already holds usage");
    }
}
