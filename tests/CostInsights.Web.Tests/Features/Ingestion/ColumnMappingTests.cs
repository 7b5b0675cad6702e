using System.Net;
using System.Text;
using CostInsights.Core.Data;
using CostInsights.Core.PriceSheets;
using CostInsights.Core.Users;
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

        var wrong = await admin.PostFormAsync("/ingestion", "save-mapping",
            new() { ["Mapping.Name"] = "gateway", ["Mapping.Columns"] = "tokens_in=prompt_tokens" });
        (await wrong.Content.ReadAsStringAsync()).ShouldContain("Column tokens_in=prompt_tokens: &#x27;tokens_in&#x27; is not a usage field");

        var saved = await admin.PostFormAsync("/ingestion", "save-mapping", new()
        {
            ["Mapping.Name"] = "gateway",
            ["Mapping.Columns"] = "timestamp=ts\nteam=svc\nmodel=llm\ninput_tokens=prompt_tokens\noutput_tokens=completion_tokens\ncached_tokens=cached\n" +
                "request_id=req",
            ["Mapping.Constants"] = "provider=openai",
        });
        saved.StatusCode.ShouldBe(HttpStatusCode.OK);
        var page = await saved.Content.ReadAsStringAsync();
        page.ShouldContain("Mapping &#x27;gateway&#x27; saved.");
        page.ShouldContain("<option value=\"gateway\">gateway</option>");

        var upload = await admin.PostFormAsync("/ingestion", "upload-usage", new() { ["Upload.Mapping"] = "gateway" },
            ("Upload.File", "gateway.csv", GatewayLog));
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
        await admin.PostFormAsync("/ingestion", "upload-usage", new() { ["Upload.Mapping"] = "gateway" }, ("Upload.File", "gateway.jsonl", jsonl));
        var lines = await Uploads.WaitForBatchAsync(app.Services, "gateway.jsonl");
        (lines.Status, lines.Format, lines.RowsAccepted, lines.TokenCost).ShouldBe((Core.Ingestion.IngestionStatus.Succeeded, "usage-json", 1L, 1.00m));

        var mappingId = await MappingIdAsync("gateway");
        var deleted = await admin.PostFormAsync("/ingestion", $"delete-mapping-{mappingId}", []);
        (await deleted.Content.ReadAsStringAsync()).ShouldContain("Mapping deleted.");
        (await MappingIdAsync("gateway")).ShouldBe(0);
    }

    private async Task<int> MappingIdAsync(string name)
    {
        using var scope = app.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<CostInsightsDbContext>();
        return await db.SourceMappings.Where(m => m.Name == name).Select(m => m.Id).FirstOrDefaultAsync();
    }
}
