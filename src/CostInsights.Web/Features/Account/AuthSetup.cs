using CostInsights.Core.Data;
using CostInsights.Core.Users;
using CostInsights.Web.Features.Jobs;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.Identity;

namespace CostInsights.Web.Features.Account;

/// <summary>Identity with cookie login, and one policy per kind of work.</summary>
public static class AuthSetup
{
    public static IServiceCollection AddCostInsightsAuth(this IServiceCollection services)
    {
        services.AddIdentity<IdentityUser, IdentityRole>(DataServiceCollectionExtensions.ConfigureIdentity)
            .AddEntityFrameworkStores<CostInsightsDbContext>()
            .AddDefaultTokenProviders();
        services.AddSingleton<SignInThrottle>();
        services.AddScoped<SignInService>();
        // The security stamp is checked on every request, so that signing out (which changes it) ends every copy of the cookie at once.
        // Below zero rather than zero: the validator checks when more than the interval has passed, and within one clock tick none has.
        services.Configure<SecurityStampValidatorOptions>(o => o.ValidationInterval = TimeSpan.FromTicks(-1));
        services.ConfigureApplicationCookie(cookie =>
        {
            cookie.LoginPath = "/login";
            cookie.AccessDeniedPath = "/access-denied";
            cookie.Cookie.Name = "costinsights.auth";
            cookie.Cookie.HttpOnly = true;
            cookie.Cookie.SameSite = SameSiteMode.Lax;
            cookie.ExpireTimeSpan = TimeSpan.FromHours(8);
            cookie.SlidingExpiration = true;
            // The API answers 401 and 403; only pages redirect to the login form.
            cookie.Events.OnRedirectToLogin = context => ApiOr(context, StatusCodes.Status401Unauthorized);
            // Hangfire's dashboard (its pages, assets and scripted actions) answers 403 too, rather than a page of ours inside its frame.
            cookie.Events.OnRedirectToAccessDenied = context => context.Request.Path.StartsWithSegments(JobsEndpoints.DashboardPath)
                ? Status(context, StatusCodes.Status403Forbidden)
                : ApiOr(context, StatusCodes.Status403Forbidden);
        });
        // API requests that carry a key are signed in by it; everything else by the login cookie.
        const string either = "CookieOrApiKey";
        services.AddAuthentication(o =>
            {
                o.DefaultScheme = either;
                o.DefaultAuthenticateScheme = either;
                o.DefaultChallengeScheme = either;
                o.DefaultForbidScheme = either;
            })
            .AddPolicyScheme(either, "Cookie or API key", o => o.ForwardDefaultSelector = context =>
                ApiKeyAuthentication.KeyOf(context.Request) is null ? IdentityConstants.ApplicationScheme : ApiKeyAuthentication.SchemeName)
            .AddScheme<Microsoft.AspNetCore.Authentication.AuthenticationSchemeOptions, ApiKeyAuthentication>(ApiKeyAuthentication.SchemeName, null);
        services.AddAuthorizationBuilder()
            // A read or write API key reads what every role reads; a write key also starts work (below).
            .AddPolicy(AppPolicies.ReadDashboards, p => p.RequireAssertion(c =>
                c.User.IsInRole(AppRoles.Finance) || c.User.IsInRole(AppRoles.EngineeringManager) || c.User.IsInRole(AppRoles.Admin)
                || c.User.HasClaim(ApiKeyAuthentication.ScopeClaim, ApiKey.Read) || c.User.HasClaim(ApiKeyAuthentication.ScopeClaim, ApiKey.Write)))
            .AddPolicy(AppPolicies.BuildScenarios, p => p.RequireRole(AppRoles.EngineeringManager, AppRoles.Admin))
            .AddPolicy(AppPolicies.PlanSpend, p => p.RequireRole(AppRoles.Finance, AppRoles.Admin))
            .AddPolicy(AppPolicies.WriteApi, p => p.RequireAssertion(c =>
                c.User.IsInRole(AppRoles.Finance) || c.User.IsInRole(AppRoles.Admin) || c.User.HasClaim(ApiKeyAuthentication.ScopeClaim, ApiKey.Write)))
            .AddPolicy(AppPolicies.IngestUsage, p => p.RequireAssertion(c =>
                c.User.IsInRole(AppRoles.Admin) || c.User.HasClaim(ApiKeyAuthentication.ScopeClaim, ApiKey.Write)))
            .AddPolicy(AppPolicies.Administer, p => p.RequireRole(AppRoles.Admin))
            .SetFallbackPolicy(new Microsoft.AspNetCore.Authorization.AuthorizationPolicyBuilder().RequireAuthenticatedUser().Build());
        services.AddCascadingAuthenticationState();
        services.AddScoped<AuthenticationStateProvider, SecurityStampRevalidation>();
        return services;
    }

    public static bool IsApi(this HttpRequest request) => request.Path.StartsWithSegments("/api");

    private static Task ApiOr(RedirectContext<CookieAuthenticationOptions> context, int status)
    {
        if (context.Request.IsApi())
        {
            return Status(context, status);
        }
        context.Response.Redirect(context.RedirectUri);
        return Task.CompletedTask;
    }

    private static Task Status(RedirectContext<CookieAuthenticationOptions> context, int status)
    {
        context.Response.StatusCode = status;
        return Task.CompletedTask;
    }
}
