using CostInsights.Core.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace CostInsights.Migrations;

/// <summary>
/// Hangfire runs the background jobs (in its own schema, which it installs itself): the tables Quartz's clustered job
/// store made in PostgreSQL are dropped. SQLite never had them.
/// </summary>
[DbContext(typeof(CostInsightsDbContext))]
[Migration("20261202010000_QuartzTablesDropped")]
public sealed class QuartzTablesDropped : Migration
{
    private static readonly string[] Tables =
    [
        "qrtz_fired_triggers", "qrtz_paused_trigger_grps", "qrtz_scheduler_state", "qrtz_locks", "qrtz_simple_triggers",
        "qrtz_simprop_triggers", "qrtz_cron_triggers", "qrtz_blob_triggers", "qrtz_triggers", "qrtz_job_details", "qrtz_calendars",
    ];

    protected override void Up(MigrationBuilder mb)
    {
        if (mb.IsNpgsql())
        {
            mb.Sql($"DROP TABLE IF EXISTS {string.Join(", ", Tables)} CASCADE");
        }
    }

    // Quartz is gone from the product: there is nothing to restore its tables for.
    protected override void Down(MigrationBuilder mb)
    {
    }
}
