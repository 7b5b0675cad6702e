using CostInsights.Core.Data;
using CostInsights.Core.Spend;
using CostInsights.Core.Tests.Ingestion;
using CostInsights.Core.Usage;
using Microsoft.EntityFrameworkCore;

namespace CostInsights.Core.Tests.Spend;

/// <summary>
/// The spend read model sums in SQL to the cent on both databases, reads whole months from the monthly rollups, days from
/// the daily ones and the hours of cut days from the hourly ones with the same result, and agrees with the records it was
/// rolled up from.
/// </summary>
public sealed class SpendReadModelTests
{
    // Prices with many decimals, so that a sum through floating point would be off.
    private const string Prices = "provider,model,input_per_1m,output_per_1m,cached_input_per_1m,effective_from\n" +
        "openai,gpt-4o,2.3333333,9.7777777,1.1111111,2026-01-01\nanthropic,claude-sonnet-4,3.0000001,15.0000003,0.3,2026-01-01\n";

    private const string Usage = """
        timestamp,provider,model,team,input_tokens,output_tokens,cached_tokens,requests,project,application,tags
        2026-01-30T23:59:59Z,openai,gpt-4o,support,1000003,100007,200000,3,helpdesk,bot,env=prod;tier=gold
        2026-02-01T00:00:00Z,openai,gpt-4o,support,1234567,7654321,1000,2,helpdesk,bot,env=prod
        2026-02-01T13:30:00Z,anthropic,claude-sonnet-4,search,2000001,500003,100000,5,ranking,,env=staging
        2026-02-08T09:00:00Z,anthropic,claude-sonnet-4,search,3333333,1111111,0,1,,api,
        2026-02-09T00:00:00Z,openai,gpt-4o,search,777777,333333,0,4,ranking,api,env=prod
        2026-02-28T23:00:00Z,openai,gpt-9,support,10,10,0,1,,,beta
        2026-03-01T00:00:00Z,openai,gpt-4o,support,999999,999999,0,1,helpdesk,bot,env=prod
        """;

    private static readonly DateTime Jan = new(2026, 1, 1, 0, 0, 0, DateTimeKind.Utc);

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.Postgres)]
    public async Task Sums_are_the_records_to_the_cent_whichever_table_is_read(DatabaseProvider provider)
    {
        await using var bed = await IngestionTestBed.CreateAsync(provider, provider == DatabaseProvider.Postgres ? "Pacific/Kiritimati" : null);
        await bed.UploadPricesAsync(Prices);
        await bed.IngestAsync(Usage);
        var records = await bed.Db.UsageRecords.AsNoTracking().ToListAsync();
        var spend = new SpendReadModel(bed.Db);
        var quarter = new UsageFilter(Jan, Jan.AddMonths(3));

        foreach (var by in new[] { SpendDimension.Total, SpendDimension.Provider, SpendDimension.Model, SpendDimension.Team })
        {
            var months = await spend.ReadAsync(new SpendQuery(quarter, SpendGrain.Month, by), CancellationToken.None);
            // The same months from whole months and cut ones (monthly and hourly rollups), and folded from days (hourly rollups).
            var cut = await spend.ReadAsync(new SpendQuery(new UsageFilter(Jan.AddDays(-1), Jan.AddMonths(3).AddDays(1)), SpendGrain.Month, by),
                CancellationToken.None);
            cut.ShouldBe(months, $"{by} by month, cut months against whole ones");
            var days = await spend.ReadAsync(new SpendQuery(quarter, SpendGrain.Day, by), CancellationToken.None);
            days.GroupBy(d => (SpendReadModel.PeriodOf(d.Period, SpendGrain.Month), d.Key))
                .Select(g => (g.Key.Item1, g.Key.Key, g.Sum(d => d.Sum.TokenCost), g.Sum(d => d.Sum.Records)))
                .ShouldBe(months.Select(m => (m.Period, m.Key, m.Sum.TokenCost, m.Sum.Records)), $"{by} by month, days against months");
            foreach (var row in months)
            {
                var mine = records.Where(r => SpendReadModel.PeriodOf(r.OccurredAt, SpendGrain.Month) == row.Period && KeyOf(r, by) == row.Key).ToList();
                row.Sum.TokenCost.ShouldBe(mine.Sum(r => r.TokenCost), $"{by} {row.Key} {row.Period:yyyy-MM}");
                row.Sum.Records.ShouldBe(mine.Count);
                row.Sum.InputTokens.ShouldBe(mine.Sum(r => r.InputTokens));
                row.Sum.Requests.ShouldBe(mine.Sum(r => r.Requests));
                row.Sum.UnpricedRecords.ShouldBe(mine.Count(r => r.IsUnpriced));
            }
            months.Sum(r => r.Sum.TokenCost).ShouldBe(records.Sum(r => r.TokenCost));

            // A period that cuts February after some of its usage: that month is summed from the hourly rollups' days.
            var midFebruary = new UsageFilter(Jan.AddMonths(1).AddHours(12), Jan.AddMonths(3));
            var cutMonths = await spend.ReadAsync(new SpendQuery(midFebruary, SpendGrain.Month, by), CancellationToken.None);
            var inside = records.Where(r => r.OccurredAt >= midFebruary.From && r.OccurredAt < midFebruary.To).ToList();
            cutMonths.Sum(r => r.Sum.TokenCost).ShouldBe(inside.Sum(r => r.TokenCost), $"{by} from the middle of 1 February");
            cutMonths.Sum(r => r.Sum.Records).ShouldBe(inside.Count);
        }

        // Periods that cut days: whole days are read from the daily rollups, the hours of a cut day from the hourly ones, and a
        // day cut where nothing of it lies outside the period (9 February after 00:30) from the daily ones as whole.
        UsageFilter[] cutDays =
        [
            new(Jan.AddMonths(1).AddHours(12), Jan.AddMonths(1).AddDays(8).AddMinutes(30)),
            new(Jan.AddDays(29).AddHours(23), Jan.AddMonths(1).AddSeconds(1)),
            new(Jan.AddMonths(1).AddDays(7).AddHours(8), Jan.AddMonths(1).AddDays(7).AddHours(10)),
        ];
        foreach (var period in cutDays)
        {
            var inside = records.Where(r => r.OccurredAt >= period.From && r.OccurredAt < period.To).ToList();
            foreach (var grain in new[] { SpendGrain.Day, SpendGrain.Week, SpendGrain.Month })
            {
                var rows = await spend.ReadAsync(new SpendQuery(period, grain, SpendDimension.Team), CancellationToken.None);
                rows.Select(r => (r.Period, r.Key, r.Sum.TokenCost, r.Sum.Records)).ShouldBe(inside
                    .GroupBy(r => (Period: SpendReadModel.PeriodOf(r.OccurredAt, grain), r.Team))
                    .Select(g => (g.Key.Period, g.Key.Team, g.Sum(r => r.TokenCost), (long)g.Count()))
                    .OrderBy(g => g.Period).ThenBy(g => g.Team, StringComparer.Ordinal), $"{period.From:O} to {period.To:O} by {grain}");
            }
        }

        var total = await spend.TotalAsync(quarter, CancellationToken.None);
        total.Sum.TokenCost.ShouldBe(records.Sum(r => r.TokenCost));
        total.Sum.TokenCost.ShouldNotBe(Math.Round(total.Sum.TokenCost, 2), "the prices are chosen to leave fractions of a cent");
        total.Sum.UnpricedRecords.ShouldBe(1);
    }

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.Postgres)]
    public async Task Weeks_start_on_monday_and_records_group_by_project_application_and_tag_value(DatabaseProvider provider)
    {
        await using var bed = await IngestionTestBed.CreateAsync(provider);
        await bed.UploadPricesAsync(Prices);
        await bed.IngestAsync(Usage);
        var records = await bed.Db.UsageRecords.AsNoTracking().ToListAsync();
        var spend = new SpendReadModel(bed.Db);
        var february = new UsageFilter(Jan.AddMonths(1), Jan.AddMonths(2));

        var weeks = await spend.ReadAsync(new SpendQuery(february, SpendGrain.Week), CancellationToken.None);
        // 1 Feb 2026 is a Sunday: its week began on Monday 26 January; 8 Feb is the next Sunday, 9 Feb a Monday.
        weeks.Select(w => w.Period.ToString("yyyy-MM-dd")).ShouldBe(["2026-01-26", "2026-02-02", "2026-02-09", "2026-02-23"]);
        weeks.Select(w => w.Sum.Records).ShouldBe([2L, 1, 1, 1]);
        weeks.ShouldAllBe(w => w.Period.Kind == DateTimeKind.Utc);

        var byProject = await spend.ReadAsync(new SpendQuery(february, SpendGrain.Month, SpendDimension.Project), CancellationToken.None);
        byProject.Select(r => r.Key).ShouldBe([SpendRow.None, "helpdesk", "ranking"]);
        byProject.Single(r => r.Key == "ranking").Sum.TokenCost.ShouldBe(records.Where(r => r.Project == "ranking").Sum(r => r.TokenCost));

        var byApplication = await spend.ReadAsync(new SpendQuery(february, SpendGrain.Month, SpendDimension.Application), CancellationToken.None);
        byApplication.Select(r => (r.Key, r.Sum.Records)).ShouldBe([(SpendRow.None, 2L), ("api", 2), ("bot", 1)]);

        var byEnv = await spend.ReadAsync(new SpendQuery(february, SpendGrain.Month, SpendDimension.Tag, "env"), CancellationToken.None);
        byEnv.Select(r => (r.Key, r.Sum.Records)).ShouldBe([(SpendRow.None, 2L), ("prod", 2), ("staging", 1)]);
        byEnv.Sum(r => r.Sum.TokenCost).ShouldBe(records.Where(r => r.OccurredAt.Month == 2).Sum(r => r.TokenCost));

        var teamByModel = await spend.ReadAsync(new SpendQuery(february, SpendGrain.Month, SpendDimension.Team, ThenBy: SpendDimension.Model),
            CancellationToken.None);
        teamByModel.Select(r => (r.Key, r.SubKey, r.Sum.Records)).ShouldBe([("search", "anthropic/claude-sonnet-4", 2L), ("search", "openai/gpt-4o", 1),
            ("support", "openai/gpt-4o", 1), ("support", "openai/gpt-9", 1)]);
        var projectByTag = await spend.ReadAsync(new SpendQuery(february, SpendGrain.Month, SpendDimension.Project, "env", SpendDimension.Tag),
            CancellationToken.None);
        projectByTag.Single(r => r.Key == "ranking" && r.SubKey == "staging").Sum.Records.ShouldBe(1);

        var prodOnly = await spend.ReadAsync(new SpendQuery(february with { Tag = "env=prod" }, SpendGrain.Month, SpendDimension.Team), CancellationToken.None);
        prodOnly.Select(r => (r.Key, r.Sum.Records)).ShouldBe([("search", 1L), ("support", 1)]);
    }

    private static string KeyOf(UsageRecord r, SpendDimension by) => by switch
    {
        SpendDimension.Provider => r.Provider,
        SpendDimension.Model => $"{r.Provider}/{r.Model}",
        SpendDimension.Team => r.Team,
        _ => "",
    };
}
