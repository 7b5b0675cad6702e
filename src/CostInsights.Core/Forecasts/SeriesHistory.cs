namespace CostInsights.Core.Forecasts;

/// <summary>One month of one provider, model and team, from the monthly rollups.</summary>
internal sealed record MonthlyLeaf(
    DateTime Month, string Provider, string Model, string Team,
    long InputTokens, long OutputTokens, long CachedInputTokens, long Requests, decimal TokenCost, decimal? ComputeCost)
{
    public long Volume(string measure) => measure switch
    {
        ForecastMeasures.InputTokens => InputTokens,
        ForecastMeasures.OutputTokens => OutputTokens,
        ForecastMeasures.CachedInputTokens => CachedInputTokens,
        ForecastMeasures.Requests => Requests,
        _ => throw new ArgumentOutOfRangeException(nameof(measure), measure, "not a volume"),
    };

    /// <summary>The series this month counts towards: the total and one of each dimension.</summary>
    public IEnumerable<string> Series() =>
    [
        SeriesKeys.Total, SeriesKeys.Provider(Provider), SeriesKeys.Model(Provider, Model),
        SeriesKeys.Team(Team), SeriesKeys.ProviderTeam(Provider, Team),
    ];
}

/// <summary>The months of one series, and what a forecast of it starts from.</summary>
internal sealed class SeriesHistory(string key)
{
    private readonly List<MonthlyLeaf> _leaves = [];

    public string Key => key;

    public IReadOnlyList<MonthlyLeaf> Leaves => _leaves;

    public void Add(MonthlyLeaf leaf) => _leaves.Add(leaf);

    /// <summary>
    /// The measure's monthly values from the series' first month with usage to <paramref name="lastMonth"/>,
    /// months without usage as zero; empty when the series never had usage.
    /// </summary>
    public double[] Values(string measure, DateTime lastMonth)
    {
        var used = _leaves.Where(l => l.InputTokens + l.OutputTokens + l.Requests > 0).ToList();
        if (used.Count == 0)
        {
            return [];
        }
        var first = used.Min(l => l.Month);
        var count = (lastMonth.Year - first.Year) * 12 + lastMonth.Month - first.Month + 1;
        var values = new double[Math.Max(0, count)];
        foreach (var leaf in _leaves.Where(l => l.Month >= first && l.Month <= lastMonth))
        {
            values[(leaf.Month.Year - first.Year) * 12 + leaf.Month.Month - first.Month] += leaf.Volume(measure);
        }
        return values;
    }
}
