using CostInsights.Core.Data;
using CostInsights.Core.PriceSheets;
using CostInsights.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace CostInsights.Core.Tests.Data;

public sealed class PriceSheetLifecycleMigrationTests
{
    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.Postgres)]
    public async Task Notes_stored_as_text_become_typed_rows_and_earlier_versions_are_superseded(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        await using var db = database.NewContext();
        await db.GetService<IMigrator>().MigrateAsync("20261201000000_UploadChunks");
        var at = new DateTime(2026, 1, 1, 0, 0, 0, DateTimeKind.Utc);
        var notes = "skipped: 12 × image generation\nskipped: 3 × audio\nwarning: openai/gpt-z input: $50,000.00 per 1M tokens looks wrong";
        foreach (var (version, status, text) in new[] { (1, "Active", notes), (2, "Active", (string?)null), (3, "Draft", "warning: x") })
        {
            await db.Database.ExecuteSqlInterpolatedAsync($"""
                INSERT INTO "PriceSheets" ("Name", "Version", "EffectiveFrom", "UploadedAt", "UploadedBy", "Format", "Status", "ActivatedAt", "ActivatedBy",
                    "IsDated", "ImportNotes")
                VALUES ('list', {version}, {at}, {at}, 'admin', 'litellm', {status}, {at.AddDays(version)}, 'ann', {true}, {text})
                """);
        }

        await db.Database.MigrateAsync();

        var sheets = await db.PriceSheets.AsNoTracking().Include(s => s.Notes).OrderBy(s => s.Version).ToListAsync();
        sheets.Select(s => s.Status).ShouldBe([PriceSheetStatus.Superseded, PriceSheetStatus.Active, PriceSheetStatus.Draft]);
        sheets[0].SupersededById.ShouldBe(sheets[1].Id);
        sheets[0].SupersededAt.ShouldBe(at.AddDays(2));
        sheets[0].WarningsConfirmedBy.ShouldBe("ann");
        sheets[1].WarningsConfirmedBy.ShouldBeNull();
        sheets[0].Notes.OrderBy(n => n.Id).Select(n => (n.Kind, n.Text, n.Entries)).ShouldBe([
            (PriceSheetNoteKind.Skipped, "image generation", 12),
            (PriceSheetNoteKind.Skipped, "audio", 3),
            (PriceSheetNoteKind.Warning, "openai/gpt-z input: $50,000.00 per 1M tokens looks wrong", (int?)null),
        ]);
        sheets[2].Notes.Single().Text.ShouldBe("x");
    }
}
