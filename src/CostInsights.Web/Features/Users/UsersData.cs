using CostInsights.Core.Users;

namespace CostInsights.Web.Features.Users;

/// <summary>
/// The Users page's reads and changes. Each runs in a scope of its own (its own user manager and
/// database context), since an interactive page lives far longer than one request.
/// </summary>
public sealed class UsersData(IServiceScopeFactory scopes)
{
    /// <summary>One page of the users whose email contains the search, and how many match.</summary>
    public Task<(IReadOnlyList<UserSummary> Users, int Total)> PageAsync(string? search, bool descending, int page, int size,
        CancellationToken cancellationToken) =>
        WithAsync<UserAdministration, (IReadOnlyList<UserSummary>, int)>(u => u.PageAsync(search, descending, page, size, cancellationToken));

    public Task<UserResult> AddAsync(string email, string password, string role) =>
        WithAsync<UserAdministration, UserResult>(u => u.AddAsync(email.Trim(), password, role));

    public Task<UserResult> ChangeRoleAsync(string email, string role) => WithAsync<UserAdministration, UserResult>(u => u.ChangeRoleAsync(email, role));

    public Task<UserResult> ResetPasswordAsync(string email, string password) =>
        WithAsync<UserAdministration, UserResult>(u => u.ResetPasswordAsync(email, password));

    public Task<UserResult> SetDisabledAsync(string email, bool disabled) =>
        WithAsync<UserAdministration, UserResult>(u => u.SetDisabledAsync(email, disabled));

    public Task<UserResult> DeleteAsync(string email) => WithAsync<UserAdministration, UserResult>(u => u.DeleteAsync(email));

    public Task<IReadOnlyList<ApiKey>> KeysAsync(CancellationToken cancellationToken) =>
        WithAsync<ApiKeyService, IReadOnlyList<ApiKey>>(k => k.ListAsync(cancellationToken));

    /// <summary>The new key's token, shown once; or why none was made.</summary>
    public async Task<(string? Token, string? Problem)> MakeKeyAsync(string name, string scope, string madeBy, CancellationToken cancellationToken)
    {
        try
        {
            var (_, token) = await WithAsync<ApiKeyService, (ApiKey, string)>(k => k.CreateAsync(name, scope, madeBy, cancellationToken));
            return (token, null);
        }
        catch (ArgumentException e)
        {
            return (null, e.Message.Split(" (Parameter")[0]);
        }
    }

    public Task<int> RevokeKeyAsync(long id, CancellationToken cancellationToken) => WithAsync<ApiKeyService, int>(k => k.RevokeAsync(id, cancellationToken));

    private async Task<TResult> WithAsync<TService, TResult>(Func<TService, Task<TResult>> work) where TService : notnull
    {
        await using var scope = scopes.CreateAsyncScope();
        return await work(scope.ServiceProvider.GetRequiredService<TService>());
    }
}
