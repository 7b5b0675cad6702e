using CostInsights.Core.Data;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace CostInsights.Migrations;

/// <summary>API keys scoped to read or write; only a hash of each secret is stored.</summary>
[DbContext(typeof(CostInsightsDbContext))]
[Migration("20261122070000_ApiKeys")]
public sealed class ApiKeys : Migration
{
    protected override void Up(MigrationBuilder mb)
    {
        mb.CreateTable("ApiKeys", c => new
        {
            Id = c.Identity<long>(),
            Name = c.Text(100),
            Prefix = c.Text(12),
            SecretHash = c.Text(64),
            Scope = c.Text(10),
            CreatedBy = c.Text(200),
            CreatedAt = c.Column<DateTime>(nullable: false),
            LastUsedAt = c.Column<DateTime>(nullable: true),
            RevokedAt = c.Column<DateTime>(nullable: true),
        }, constraints: t => t.PrimaryKey("PK_ApiKeys", x => x.Id));
        mb.CreateIndex("IX_ApiKeys_Prefix", "ApiKeys", "Prefix", unique: true);
    }

    protected override void Down(MigrationBuilder mb) => mb.DropTable("ApiKeys");
}
