using System.Reflection;
using CostInsights.Core.Data;
using CostInsights.Pricing;

namespace CostInsights.Core.Tests.Architecture;

/// <summary>Pricing depends on nothing of ours and on no database; the rest of the product depends on it, never the other way.</summary>
public sealed class DependencyDirectionTests
{
    private static readonly Assembly Pricing = typeof(PriceBook).Assembly;
    private const BindingFlags Everything = BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Instance | BindingFlags.Static;

    [Fact]
    public void Pricing_references_only_the_base_library()
    {
        var references = Pricing.GetReferencedAssemblies().Select(a => a.Name!).ToList();
        references.ShouldNotBeEmpty();
        references.ShouldAllBe(name => name == "System.Runtime" || name == "System.Collections" || name == "System.Linq" || name == "netstandard"
            || name.StartsWith("System.", StringComparison.Ordinal), string.Join(", ", references));
        references.ShouldNotContain(name => name.StartsWith("Microsoft.EntityFrameworkCore", StringComparison.Ordinal));
        references.ShouldNotContain(name => name.StartsWith("CostInsights.", StringComparison.Ordinal));
    }

    [Fact]
    public void Pricing_types_live_only_in_the_pricing_assembly_and_none_of_them_touches_the_database()
    {
        var core = typeof(CostInsightsDbContext).Assembly;
        core.GetTypes().Where(t => t.Namespace?.StartsWith("CostInsights.Pricing", StringComparison.Ordinal) == true).ShouldBeEmpty();
        core.GetTypes().Where(t => t.Namespace == "CostInsights.Core.Pricing").ShouldBeEmpty();
        var touching = Pricing.GetTypes()
            .SelectMany(t => t.GetMethods(Everything | BindingFlags.DeclaredOnly)
                .SelectMany(m => m.GetParameters().Select(p => p.ParameterType).Append(m.ReturnType))
                .Concat(t.GetFields(Everything).Select(f => f.FieldType))
                .Select(type => (Owner: t, Type: type)))
            .Where(x => x.Type.Assembly != Pricing && x.Type.Assembly.GetName().Name!.StartsWith("System.", StringComparison.Ordinal) is false
                && x.Type.Assembly != typeof(object).Assembly)
            .Select(x => $"{x.Owner.Name} uses {x.Type.FullName}")
            .Distinct()
            .ToList();
        touching.ShouldBeEmpty();
    }
}
