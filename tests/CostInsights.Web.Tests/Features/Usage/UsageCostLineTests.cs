using System.Globalization;
using System.Text;
using CostInsights.Core.Csv;
using CostInsights.Core.Ingestion;
using CostInsights.Core.Usage;
using CostInsights.Core.Users;
using CostInsights.Testing;
using CostInsights.Web.Features.Usage;
using CostInsights.Web.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace CostInsights.Web.Tests.Features.Usage;

/// <summary>A year of compute-time charges, more lines than any page shows at once: every one is counted, paged and exported.</summary>
public abstract class UsageCostLineTests<TFixture>(TFixture app) where TFixture : WebAppFixture
{
    private const string Period = "from=2025-01-01&to=2025-12-31";
    private const int Teams = 28;
    private const int Days = 365;

    /// <summary>One charge a day for each team, of 1.00 to 1.06: more than ten thousand lines.</summary>
    private static readonly IReadOnlyList<(DateTime Day, string Team, decimal Amount)> Charges =
        [.. Enumerable.Range(0, Days * Teams).Select(i => (new DateTime(2025, 1, 1).AddDays(i / Teams), $"team-{i % Teams:00}", 1.00m + i % 7 / 100m))];

    protected abstract void RequireServer();

    /// <summary>Stores the charges; read again by a later test, the file adds nothing, every line a duplicate.</summary>
    private async Task StoreChargesAsync()
    {
        RequireServer();
        var csv = new StringBuilder("period_start,period_end,provider,model,team,workload,units,hours,compute_seconds,amount,invoice_id\n");
        foreach (var (day, team, amount) in Charges)
        {
            csv.Append(CultureInfo.InvariantCulture,
                $"{day:yyyy-MM-dd},{day.AddDays(1):yyyy-MM-dd},openai,gpt-4o,{team},batch GPUs,,,,{amount},INV-{day:yyyyMMdd}-{team}\n");
        }
        using var scope = app.Services.CreateScope();
        var ingestion = scope.ServiceProvider.GetRequiredService<UsageIngestionService>();
        var batch = await ingestion.QueueFileAsync(new MemoryStream(Encoding.UTF8.GetBytes(csv.ToString())), "compute-2025.csv", "test",
            CancellationToken.None);
        await ingestion.RunBatchAsync(batch.Id, CancellationToken.None);
    }

    [Fact]
    public async Task The_usage_page_adds_up_every_line_of_the_period()
    {
        await StoreChargesAsync();
        Charges.Count.ShouldBeGreaterThan(10_000);
        using var finance = await app.SignedInAsync(AppRoles.Finance);
        var page = await finance.GetPageAsync($"/usage?{Period}");

        var total = Charges.Sum(c => c.Amount);
        page.ShouldContain(string.Create(CultureInfo.InvariantCulture,
            $"data-testid=\"lines-total-compute-time\">compute time ${total:N2} in {Charges.Count:N0} lines."));
        page.ShouldContain("data-testid=\"cost-line-table\"");
    }

    [Fact]
    public async Task Lines_are_read_a_page_at_a_time_in_order_of_their_periods_to_the_last()
    {
        await StoreChargesAsync();
        using var scope = app.Services.CreateScope();
        var query = scope.ServiceProvider.GetRequiredService<UsageExplorerQuery>();
        var filter = new UsageFilter(new DateTime(2025, 1, 1, 0, 0, 0, DateTimeKind.Utc), new DateTime(2026, 1, 1, 0, 0, 0, DateTimeKind.Utc));

        var first = await query.LinePageAsync(filter, 0, 25, CancellationToken.None);
        first.Count.ShouldBe(25);
        first.Select(l => l.PeriodStart).ShouldBeInOrder();
        first[0].PeriodStart.ShouldBe(filter.From);

        var lastPage = (Charges.Count - 1) / 100;
        var last = await query.LinePageAsync(filter, lastPage, 100, CancellationToken.None);
        last.Count.ShouldBe(Charges.Count - lastPage * 100);
        last[^1].PeriodStart.ShouldBe(new DateTime(2025, 12, 31, 0, 0, 0, DateTimeKind.Utc));

        var oneTeam = await query.LinePageAsync(filter with { Team = "team-03" }, 0, 1_000, CancellationToken.None);
        oneTeam.Count.ShouldBe(Days);
        oneTeam.ShouldAllBe(l => l.Team == "team-03");
    }

    [Fact]
    public async Task The_focus_export_holds_every_line_of_the_period()
    {
        await StoreChargesAsync();
        using var finance = await app.SignedInAsync(AppRoles.Finance);
        var text = await (await finance.GetAsync($"/usage/focus.csv?{Period}")).Content.ReadAsStringAsync();
        var rows = new CsvStreamReader(new StringReader(text)).ReadAll().ToList();
        var header = rows[0].Fields.ToList();

        rows.Count.ShouldBe(Charges.Count + 1);
        rows.Skip(1).Sum(r => decimal.Parse(r.Fields[header.IndexOf("BilledCost")], CultureInfo.InvariantCulture)).ShouldBe(Charges.Sum(c => c.Amount));
        rows[^1].Fields[header.IndexOf("ChargePeriodStart")].ShouldBe("2025-12-31T00:00:00Z");
    }
}

public sealed class SqliteUsageCostLineTests(SqliteWebAppFixture app)
    : UsageCostLineTests<SqliteWebAppFixture>(app), IClassFixture<SqliteWebAppFixture>
{
    protected override void RequireServer() { }
}

public sealed class PostgresUsageCostLineTests(PostgresWebAppFixture app)
    : UsageCostLineTests<PostgresWebAppFixture>(app), IClassFixture<PostgresWebAppFixture>
{
    protected override void RequireServer() => Require.Postgres();
}
