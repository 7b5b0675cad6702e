namespace CostInsights.Core.Jobs;

/// <summary>
/// The id of each background job: the name its runs are kept under (<see cref="JobRun.JobName"/>), the key of its schedule in
/// settings, and its name on the Jobs page.
/// </summary>
public static class JobIds
{
    public const string IngestUsage = "ingest-usage";
    public const string Housekeeping = "housekeeping";
    public const string Reprice = "reprice";
    public const string Forecast = "forecast";
    public const string BudgetCheck = "budget-check";
    public const string AnomalyScan = "anomaly-scan";
}
