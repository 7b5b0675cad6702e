using System.Net;
using System.Text;
using CostInsights.Core.Data;
using CostInsights.Core.PriceSheets;
using CostInsights.Core.Users;
using CostInsights.Web.Features.Ingestion;
using CostInsights.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace CostInsights.Web.Tests.Features.Ingestion;

public sealed class ColumnMappingTests(SqliteWebAppFixture app) : IClassFixture<SqliteWebAppFixture>
{
    private const string GatewayLog = """
        ts,svc,llm,prompt_tokens,completion_tokens,cached,req
        2026-04-02T10:00:00Z,support-bot,gpt-4o,1000000,100000,200000,g-1
        2026-04-02T11:00:00Z,"search, ranking",gpt-4o,400000,0,0,g-2
        """;

    [Fact]
    public async Task An_admin_saves_a_mapping_for_a_source_and_its_uploads_are_read_through_it()
    {
        using (var scope = app.Services.CreateScope())
        {
            var sheets = scope.ServiceProvider.GetRequiredService<PriceSheetService>();
            var sheet = await sheets.UploadAsync(null, null, new MemoryStream(Encoding.UTF8.GetBytes(Uploads.PriceSheet)), "prices.csv", "test",
                CancellationToken.None);
            await sheets.ActivateAsync(sheet.Draft!.Id, null, false, "test", CancellationToken.None);
        }
        using var admin = await app.SignedInAsync(AppRoles.Admin);

        var data = app.Services.GetRequiredService<IngestionData>();
        (await data.SaveMappingAsync("gateway", "tokens_in=prompt_tokens", null, "admin", CancellationToken.None))
            .ShouldNotBeNull().ShouldContain("Column tokens_in=prompt_tokens: 'tokens_in' is not a usage field");
        (await data.SaveMappingAsync("gateway",
            "timestamp=ts\nteam=svc\nmodel=llm\ninput_tokens=prompt_tokens\noutput_tokens=completion_tokens\ncached_tokens=cached\nrequest_id=req",
            "provider=openai", "admin", CancellationToken.None)).ShouldBeNull();
        (await admin.GetPageAsync("/ingestion")).ShouldContain(">gateway</td>");
        var unknown = await admin.UploadUsageAsync(new() { ["mapping"] = "no such source" }, ("file", "gateway.csv", GatewayLog));
        unknown.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await unknown.Content.ReadAsStringAsync()).ShouldContain("There is no column mapping named 'no such source'.");

        var upload = await admin.UploadUsageAsync(new() { ["mapping"] = "gateway" },
            ("file", "gateway.csv", GatewayLog));
        (await upload.Content.ReadAsStringAsync()).ShouldContain("gateway.csv is queued as batch");
        var batch = await Uploads.WaitForBatchAsync(app.Services, "gateway.csv");
        (batch.Status, batch.Mapping, batch.RowsAccepted, batch.RowsRejected).ShouldBe((Core.Ingestion.IngestionStatus.Succeeded, "gateway", 2L, 0L));
        using (var scope = app.Services.CreateScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<CostInsightsDbContext>();
            var records = await db.UsageRecords.AsNoTracking().Where(r => r.IngestionBatchId == batch.Id).OrderBy(r => r.OccurredAt).ToListAsync();
            records.Select(r => (r.Provider, r.Team)).ShouldBe([("openai", "support-bot"), ("openai", "search, ranking")]);
            // April gpt-4o: 800,000 × 2.50 + 200,000 × 1.25 + 100,000 × 10 = 3.25; 400,000 × 2.50 = 1.00
            records.Sum(r => r.TokenCost).ShouldBe(4.25m);
        }

        // The same source's JSON Lines read through the same mapping.
        var jsonl = "{\"ts\": \"2026-04-03T10:00:00Z\", \"svc\": \"support-bot\", \"llm\": \"gpt-4o\", \"prompt_tokens\": 400000, \"completion_tokens\": 0, " +
            "\"cached\": 0, \"req\": \"g-3\"}\n";
        await admin.UploadUsageAsync(new() { ["mapping"] = "gateway" }, ("file", "gateway.jsonl", jsonl));
        var lines = await Uploads.WaitForBatchAsync(app.Services, "gateway.jsonl");
        (lines.Status, lines.Format, lines.RowsAccepted, lines.TokenCost).ShouldBe((Core.Ingestion.IngestionStatus.Succeeded, "usage-json", 1L, 1.00m));

        var mappingId = await MappingIdAsync("gateway");
        await data.DeleteMappingAsync(mappingId, CancellationToken.None);
        (await MappingIdAsync("gateway")).ShouldBe(0);
    }

    private async Task<int> MappingIdAsync(string name)
    {
        using var scope = app.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<CostInsightsDbContext>();
        return await db.SourceMappings.Where(m => m.Name == name).Select(m => m.Id).FirstOrDefaultAsync();
    }
}
