using CostInsights.Core.Usage;

namespace CostInsights.Core.Spend;

/// <summary>What spend is grouped by besides its period.</summary>
public enum SpendDimension
{
    Total,
    Provider,
    Model,
    Team,
    Project,
    Application,
    Tag,
}

/// <summary>The length of each period spend is summed over: UTC days, ISO weeks (from Monday) or calendar months.</summary>
public enum SpendGrain
{
    Day,
    Week,
    Month,
}

/// <summary>
/// Spend of the filter's period and values, summed by <paramref name="Grain"/> and <paramref name="By"/>, and within
/// that by <paramref name="ThenBy"/> when given (a team's spend by model). Grouped by tag, spend is split by the value
/// of the tag <paramref name="TagKey"/> (<c>env</c> in <c>env=prod</c>).
/// </summary>
public sealed record SpendQuery(UsageFilter Filter, SpendGrain Grain, SpendDimension By = SpendDimension.Total, string? TagKey = null,
    SpendDimension ThenBy = SpendDimension.Total)
{
    /// <summary>Project, application and tags are kept on records only; provider, model and team are in the rollups too.</summary>
    public bool NeedsRecords => Filter.NeedsRecords || OnRecordsOnly(By) || OnRecordsOnly(ThenBy);

    private static bool OnRecordsOnly(SpendDimension by) => by is SpendDimension.Project or SpendDimension.Application or SpendDimension.Tag;
}

/// <summary>
/// One period's spend of one group. <see cref="Key"/> is the group's name (<c>provider/model</c> for a model, empty for
/// the total), <see cref="SubKey"/> its part's name when spend is grouped twice (else empty); <see cref="Period"/> is the
/// start of the day, week or month. <see cref="HasCompute"/> says whether any of it has a compute-time cost, so that
/// none can be told from zero.
/// </summary>
public sealed record SpendRow(DateTime Period, string Key, UsageSum Sum, bool HasCompute, bool ComputeIsEstimated, string SubKey = "")
{
    /// <summary>The label of a group with no value: usage without a project, an application or the tag.</summary>
    public const string None = "(none)";
}
