using System.Xml.Linq;
using CostInsights.Core.Data;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.AspNetCore.DataProtection.Repositories;

namespace CostInsights.Web.Hosting;

/// <summary>Keeps data-protection keys in the database, so every node of a cluster reads the same cookies.</summary>
internal sealed class DatabaseXmlRepository(IServiceScopeFactory scopes) : IXmlRepository
{
    public IReadOnlyCollection<XElement> GetAllElements()
    {
        using var scope = scopes.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<CostInsightsDbContext>();
        return db.DataProtectionKeys.Select(k => k.Xml).AsEnumerable().Select(x => XElement.Parse(x)).ToList();
    }

    public void StoreElement(XElement element, string friendlyName)
    {
        using var scope = scopes.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<CostInsightsDbContext>();
        db.DataProtectionKeys.Add(new DataProtectionKey { FriendlyName = friendlyName, Xml = element.ToString(SaveOptions.DisableFormatting) });
        db.SaveChanges();
    }
}

internal static class DataProtectionSetup
{
    public static IServiceCollection AddDatabaseDataProtection(this IServiceCollection services)
    {
        services.AddDataProtection().SetApplicationName("CostInsights");
        services.AddOptions<KeyManagementOptions>()
            .Configure<IServiceScopeFactory>((options, scopes) => options.XmlRepository = new DatabaseXmlRepository(scopes));
        return services;
    }
}
