namespace CostInsights.Web.Features.Account;

public static class AccountEndpoints
{
    public static IEndpointRouteBuilder MapAccountEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapPost("/logout", async (HttpContext http, SignInService signIn) =>
        {
            await signIn.SignOutAsync(http.User);
            return Results.LocalRedirect("/login");
        });
        return app;
    }
}
