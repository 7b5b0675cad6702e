using CostInsights.Testing;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace CostInsights.Web.Tests.Infrastructure;

/// <summary>
/// One running node of the app on Kestrel at a free port on 127.0.0.1, on a given database and data folder,
/// in demo mode for its users, with the clock fixed at <see cref="WebAppFixture.Now"/>. Several may share a database.
/// </summary>
public sealed class AppNode : IAsyncDisposable
{
    private readonly WebApplicationFactory<Program> _factory;

    private AppNode(WebApplicationFactory<Program> factory, Uri baseAddress) => (_factory, BaseAddress) = (factory, baseAddress);

    public Uri BaseAddress { get; }

    public IServiceProvider Services => _factory.Services;

    /// <param name="settings">Further settings, as <c>Section:Key</c>.</param>
    /// <param name="services">Further services, such as a logger provider that keeps what the node logs.</param>
    public static AppNode Start(TestDatabase database, string dataFolder, bool seedDemoUsage, IReadOnlyDictionary<string, string>? settings = null,
        Action<IServiceCollection>? services = null)
    {
        var options = database.Options;
        var factory = new WebApplicationFactory<Program>().WithWebHostBuilder(web =>
        {
            web.UseEnvironment("Development");
            web.UseUrls("http://127.0.0.1:0");
            web.UseSetting("Database:Provider", options.Provider.ToString());
            web.UseSetting("Database:ConnectionString", options.ConnectionString ?? "");
            web.UseSetting("Database:DataFolder", dataFolder);
            web.UseSetting("Demo:Enabled", "true");
            web.UseSetting("Demo:SeedUsage", seedDemoUsage.ToString());
            web.UseSetting("Ingestion:MaxUploadBytes", WebAppFixture.MaxUploadBytes.ToString(System.Globalization.CultureInfo.InvariantCulture));
            foreach (var (key, value) in settings ?? new Dictionary<string, string>())
            {
                web.UseSetting(key, value);
            }
            web.ConfigureTestServices(collection =>
            {
                collection.RemoveAll<TimeProvider>();
                collection.AddSingleton<TimeProvider>(new FixedTimeProvider(WebAppFixture.Now));
                services?.Invoke(collection);
            });
        });
        factory.UseKestrel(0);
        factory.StartServer();
        var addresses = factory.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses;
        return new AppNode(factory, new Uri(addresses.First()
            .Replace("[::]", "127.0.0.1", StringComparison.Ordinal).Replace("localhost", "127.0.0.1", StringComparison.Ordinal)));
    }

    public AppClient NewClient() => new(BaseAddress);

    /// <summary>A client signed in as the demo user of a role.</summary>
    public async Task<AppClient> SignedInAsync(string role)
    {
        var client = NewClient();
        var user = CostInsights.Core.Demo.DemoUsers.All.Single(u => u.Role == role);
        await client.SignInAsync(user.Email, user.Password);
        return client;
    }

    public ValueTask DisposeAsync() => _factory.DisposeAsync();
}
