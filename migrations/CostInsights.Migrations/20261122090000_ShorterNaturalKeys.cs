using CostInsights.Core.Data;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace CostInsights.Migrations;

/// <summary>
/// Natural keys are the first 128 bits of their SHA-256 (32 hex characters) instead of all 256:
/// stored keys are cut to their first 32 characters, which is what the same record hashes to now,
/// so files imported before are still recognised.
/// </summary>
[DbContext(typeof(CostInsightsDbContext))]
[Migration("20261122090000_ShorterNaturalKeys")]
public sealed class ShorterNaturalKeys : Migration
{
    protected override void Up(MigrationBuilder mb)
    {
        foreach (var table in new[] { "UsageRecords", "CostLines" })
        {
            mb.Sql($"UPDATE \"{table}\" SET \"NaturalKey\" = substr(\"NaturalKey\", 1, 32) WHERE length(\"NaturalKey\") > 32");
        }
    }

    protected override void Down(MigrationBuilder mb)
    {
        // A cut key cannot be made whole again; shorter keys still identify their records.
    }
}
