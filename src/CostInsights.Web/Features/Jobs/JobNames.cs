namespace CostInsights.Web.Features.Jobs;

/// <summary>The catalog's name of a job type, which its runs are recorded under.</summary>
public static class JobNames
{
    public static string Of(Type type) => JobCatalog.All.FirstOrDefault(j => j.Type == type)?.Id ?? type.Name;
}
