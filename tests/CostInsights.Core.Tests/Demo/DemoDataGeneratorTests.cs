using CostInsights.Core.Demo;
using CostInsights.Testing;

namespace CostInsights.Core.Tests.Demo;

public sealed class DemoDataGeneratorTests
{
    private static readonly FixedTimeProvider Clock = new(new DateTimeOffset(2026, 11, 22, 9, 30, 0, TimeSpan.Zero));

    private static List<CostInsights.Core.Usage.UsageRow> Rows() =>
        [.. new DemoDataGenerator(Clock).Usage().Select(r => r.Row!)];

    [Fact]
    public void Covers_24_months_up_to_now_and_never_the_future()
    {
        var rows = Rows();
        rows.Min(r => r.OccurredAt).ShouldBe(new DateTime(2024, 12, 1, 3, 0, 0, DateTimeKind.Utc));
        rows.Max(r => r.OccurredAt).ShouldBeLessThanOrEqualTo(Clock.GetUtcNow().UtcDateTime);
        rows.Select(r => (r.OccurredAt.Year, r.OccurredAt.Month)).Distinct().Count().ShouldBe(24);
        rows.Select(r => r.NaturalKey).Distinct().Count().ShouldBe(rows.Count);
    }

    [Fact]
    public void Is_the_same_for_the_same_clock()
    {
        Rows().Take(500).Select(r => r.InputTokens).ShouldBe(Rows().Take(500).Select(r => r.InputTokens));
    }

    [Fact]
    public void Grows_dips_at_weekends_and_moves_gpt_4o_traffic_to_gpt_4_1_after_its_launch()
    {
        var rows = Rows();
        long Requests(Func<CostInsights.Core.Usage.UsageRow, bool> where) => rows.Where(where).Sum(r => r.Requests);

        var firstQuarter = Requests(r => r.OccurredAt < new DateTime(2025, 3, 1, 0, 0, 0, DateTimeKind.Utc));
        var lastQuarter = Requests(r => r.OccurredAt >= new DateTime(2025, 8, 1, 0, 0, 0, DateTimeKind.Utc)
            && r.OccurredAt < new DateTime(2025, 11, 1, 0, 0, 0, DateTimeKind.Utc));
        lastQuarter.ShouldBeGreaterThan(firstQuarter);

        var weekdays = rows.Where(r => r.OccurredAt.DayOfWeek is not (DayOfWeek.Saturday or DayOfWeek.Sunday)).GroupBy(r => r.OccurredAt.Date)
            .Average(g => g.Sum(r => r.Requests));
        var weekends = rows.Where(r => r.OccurredAt.DayOfWeek is DayOfWeek.Saturday or DayOfWeek.Sunday).GroupBy(r => r.OccurredAt.Date)
            .Average(g => g.Sum(r => r.Requests));
        (weekends / weekdays).ShouldBeInRange(0.35, 0.55);

        var launch = new DemoDataGenerator(Clock).FirstMonth.AddMonths(14);
        rows.Where(r => r.Model == "gpt-4.1").Min(r => r.OccurredAt).ShouldBeGreaterThanOrEqualTo(launch);
        var before = Requests(r => r.Model == "gpt-4o" && r.OccurredAt >= launch.AddMonths(-1) && r.OccurredAt < launch);
        var after = Requests(r => r.Model == "gpt-4o" && r.OccurredAt >= launch.AddMonths(3) && r.OccurredAt < launch.AddMonths(4));
        after.ShouldBeLessThan(before);
    }

    [Fact]
    public void Request_sizes_follow_the_shipped_trace_distribution()
    {
        var sizes = RequestSizeDistribution.LoadEmbedded();
        sizes.Count.ShouldBe(256);
        // The Azure conversation trace averages about 1,155 context and 211 generated tokens per request.
        sizes.MeanInput.ShouldBeInRange(1_000, 1_300);
        sizes.MeanOutput.ShouldBeInRange(170, 250);
        var row = Rows().First(r => r.Team == "support" && r.Model == "gpt-4o-mini");
        ((double)row.InputTokens / row.Requests).ShouldBeInRange(sizes.MeanInput * 0.7, sizes.MeanInput * 1.3);
    }

    [Fact]
    public void Its_price_history_has_a_cut_and_a_launch()
    {
        var sheets = new DemoDataGenerator(Clock).PriceSheets();
        sheets.Count.ShouldBe(3);
        var gpt4o = sheets.SelectMany(s => s.Prices).Where(p => p.Model == "gpt-4o").OrderBy(p => p.EffectiveFrom).ToList();
        gpt4o.Count.ShouldBe(2);
        gpt4o[1].InputPerMillion.ShouldBeLessThan(gpt4o[0].InputPerMillion);
        sheets.SelectMany(s => s.Offers).Count().ShouldBe(7);
    }
}
