using CostInsights.Core.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace CostInsights.Migrations;

/// <summary>
/// A price sheet's import notes become typed rows; an activated sheet records who confirmed its warnings; the earlier
/// versions of a name in force are marked superseded by the latest.
/// </summary>
[DbContext(typeof(CostInsightsDbContext))]
[Migration("20261202000000_PriceSheetLifecycle")]
public sealed class PriceSheetLifecycle : Migration
{
    private const string SqliteNotes = """
        WITH RECURSIVE lines("Id", line, rest, n) AS (
            SELECT "Id", '', "ImportNotes" || char(10), 0 FROM "PriceSheets" WHERE "ImportNotes" IS NOT NULL
            UNION ALL
            SELECT "Id", substr(rest, 1, instr(rest, char(10)) - 1), substr(rest, instr(rest, char(10)) + 1), n + 1 FROM lines WHERE rest <> ''
        )
        INSERT INTO "PriceSheetNotes" ("PriceSheetId", "Kind", "Text", "Entries")
        SELECT "Id",
            CASE WHEN line LIKE 'warning: %' THEN 'Warning' ELSE 'Skipped' END,
            substr(CASE WHEN line LIKE 'warning: %' THEN substr(line, 10) ELSE substr(line, instr(line, ' × ') + 3) END, 1, 2000),
            CASE WHEN line LIKE 'skipped: %' THEN CAST(substr(line, 10, instr(line, ' × ') - 10) AS INTEGER) END
        FROM lines
        WHERE line LIKE 'warning: %' OR (line LIKE 'skipped: %' AND instr(line, ' × ') > 0)
        ORDER BY "Id", n
        """;

    private const string PostgresNotes = """
        INSERT INTO "PriceSheetNotes" ("PriceSheetId", "Kind", "Text", "Entries")
        SELECT s."Id",
            CASE WHEN l.line LIKE 'warning: %' THEN 'Warning' ELSE 'Skipped' END,
            left(CASE WHEN l.line LIKE 'warning: %' THEN substr(l.line, 10) ELSE substr(l.line, strpos(l.line, ' × ') + 3) END, 2000),
            CASE WHEN l.line LIKE 'skipped: %' THEN CAST(substr(l.line, 10, strpos(l.line, ' × ') - 10) AS integer) END
        FROM "PriceSheets" s CROSS JOIN LATERAL regexp_split_to_table(s."ImportNotes", E'\n') WITH ORDINALITY AS l(line, n)
        WHERE s."ImportNotes" IS NOT NULL AND (l.line LIKE 'warning: %' OR (l.line LIKE 'skipped: %' AND strpos(l.line, ' × ') > 0))
        ORDER BY s."Id", l.n
        """;

    private const string Latest = """
        FROM "PriceSheets" l WHERE l."Name" = "PriceSheets"."Name" AND l."Status" <> 'Draft' ORDER BY l."Version" DESC LIMIT 1
        """;

    protected override void Up(MigrationBuilder mb)
    {
        mb.CreateTable("PriceSheetNotes", c => new
        {
            Id = c.Identity<long>(),
            PriceSheetId = c.Column<int>(nullable: false),
            Kind = c.Text(20),
            Text = c.Text(2000),
            Entries = c.Column<int>(nullable: true),
        }, constraints: t =>
        {
            t.PrimaryKey("PK_PriceSheetNotes", x => x.Id);
            t.ForeignKey("FK_PriceSheetNotes_PriceSheets_PriceSheetId", x => x.PriceSheetId, "PriceSheets", "Id", onDelete: ReferentialAction.Cascade);
        });
        mb.CreateIndex("IX_PriceSheetNotes_PriceSheetId", "PriceSheetNotes", "PriceSheetId");
        mb.Sql(mb.IsSqlite() ? SqliteNotes : PostgresNotes);

        mb.AddColumn<string>("WarningsConfirmedBy", "PriceSheets", maxLength: 200, nullable: true);
        mb.AddColumn<DateTime>("SupersededAt", "PriceSheets", nullable: true);
        if (mb.IsSqlite())
        {
            // SQLite adds a foreign key only with its column.
            mb.Sql("""ALTER TABLE "PriceSheets" ADD COLUMN "SupersededById" INTEGER NULL REFERENCES "PriceSheets" ("Id") ON DELETE RESTRICT""");
        }
        else
        {
            mb.AddColumn<int>("SupersededById", "PriceSheets", nullable: true);
            mb.AddForeignKey("FK_PriceSheets_PriceSheets_SupersededById", "PriceSheets", "SupersededById", "PriceSheets",
                principalColumn: "Id", onDelete: ReferentialAction.Restrict);
        }
        mb.CreateIndex("IX_PriceSheets_SupersededById", "PriceSheets", "SupersededById");

        // Sheets activated with warnings were confirmed by whoever activated them.
        mb.Sql("""UPDATE "PriceSheets" SET "WarningsConfirmedBy" = "ActivatedBy" WHERE "Status" <> 'Draft' AND "ImportNotes" LIKE '%warning: %'""");
        mb.Sql($"""
            UPDATE "PriceSheets" SET "Status" = 'Superseded',
                "SupersededById" = (SELECT l."Id" {Latest}),
                "SupersededAt" = (SELECT COALESCE(l."ActivatedAt", l."UploadedAt") {Latest})
            WHERE "Status" = 'Active' AND EXISTS (
                SELECT 1 FROM "PriceSheets" l WHERE l."Name" = "PriceSheets"."Name" AND l."Status" <> 'Draft' AND l."Version" > "PriceSheets"."Version")
            """);
        mb.Sql("""ALTER TABLE "PriceSheets" DROP COLUMN "ImportNotes" """);
    }

    protected override void Down(MigrationBuilder mb)
    {
        mb.AddColumn<string>("ImportNotes", "PriceSheets", nullable: true);
        const string line = "CASE n.\"Kind\" WHEN 'Warning' THEN 'warning: ' || n.\"Text\" ELSE 'skipped: ' || n.\"Entries\" || ' × ' || n.\"Text\" END";
        var joined = mb.IsSqlite() ? $"group_concat({line}, char(10))" : $"string_agg({line}, E'\\n' ORDER BY n.\"Id\")";
        mb.Sql($"""UPDATE "PriceSheets" SET "ImportNotes" = (SELECT {joined} FROM "PriceSheetNotes" n WHERE n."PriceSheetId" = "PriceSheets"."Id")""");
        mb.Sql("""UPDATE "PriceSheets" SET "Status" = 'Active' WHERE "Status" = 'Superseded'""");
        mb.DropTable("PriceSheetNotes");
        mb.DropIndex("IX_PriceSheets_SupersededById", "PriceSheets");
        if (!mb.IsSqlite())
        {
            mb.DropForeignKey("FK_PriceSheets_PriceSheets_SupersededById", "PriceSheets");
        }
        foreach (var column in (string[])["SupersededById", "SupersededAt", "WarningsConfirmedBy"])
        {
            mb.Sql($"ALTER TABLE \"PriceSheets\" DROP COLUMN \"{column}\"");
        }
    }
}
