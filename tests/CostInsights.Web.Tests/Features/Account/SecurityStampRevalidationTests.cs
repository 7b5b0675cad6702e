using System.Security.Claims;
using CostInsights.Core.Users;
using CostInsights.Web.Features.Account;
using CostInsights.Web.Tests.Infrastructure;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace CostInsights.Web.Tests.Features.Account;

/// <summary>An open interactive page loses its user when the user's sessions end elsewhere.</summary>
public sealed class SecurityStampRevalidationTests(SqliteWebAppFixture app) : IClassFixture<SqliteWebAppFixture>
{
    [Theory]
    [InlineData("role")]
    [InlineData("password")]
    [InlineData("disable")]
    [InlineData("delete")]
    public async Task A_page_opened_before_a_change_that_ends_sessions_no_longer_counts_as_signed_in(string change)
    {
        var email = $"revalidate-{change}@example.com";
        await using var scope = app.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserAdministration>();
        (await users.AddAsync(email, "first-password", AppRoles.Finance)).Succeeded.ShouldBeTrue();
        var signIn = scope.ServiceProvider.GetRequiredService<SignInManager<IdentityUser>>();
        var principal = await signIn.CreateUserPrincipalAsync((await signIn.UserManager.FindByEmailAsync(email))!);
        var revalidation = (SecurityStampRevalidation)scope.ServiceProvider.GetRequiredService<AuthenticationStateProvider>();
        (await revalidation.IsStillValidAsync(principal)).ShouldBeTrue();

        var result = change switch
        {
            "role" => await users.ChangeRoleAsync(email, AppRoles.EngineeringManager),
            "password" => await users.ResetPasswordAsync(email, "second-password"),
            "disable" => await users.SetDisabledAsync(email, true),
            _ => await users.DeleteAsync(email),
        };
        result.Succeeded.ShouldBeTrue();

        (await revalidation.IsStillValidAsync(principal)).ShouldBeFalse();
    }

    [Fact]
    public async Task While_the_app_stops_a_page_keeps_its_user_and_nothing_is_thrown_but_a_disposed_provider_is_a_fault_otherwise()
    {
        var services = new ServiceCollection().BuildServiceProvider();
        var lifetime = new StoppableLifetime();
        var revalidation = new SecurityStampRevalidation(NullLoggerFactory.Instance, services.GetRequiredService<IServiceScopeFactory>(),
            Options.Create(new IdentityOptions()), lifetime);
        await services.DisposeAsync();
        var principal = new ClaimsPrincipal(new ClaimsIdentity([new Claim(ClaimTypes.NameIdentifier, "someone")], "test"));

        await Should.ThrowAsync<ObjectDisposedException>(() => revalidation.IsStillValidAsync(principal));

        await lifetime.StopAsync();
        (await revalidation.IsStillValidAsync(principal)).ShouldBeTrue();
    }

    private sealed class StoppableLifetime : IHostApplicationLifetime
    {
        private readonly CancellationTokenSource _stopping = new();

        public CancellationToken ApplicationStarted => CancellationToken.None;
        public CancellationToken ApplicationStopping => _stopping.Token;
        public CancellationToken ApplicationStopped => CancellationToken.None;

        public Task StopAsync() => _stopping.CancelAsync();

        public void StopApplication() => _stopping.Cancel();
    }
}
