using CostInsights.Core.Data;
using CostInsights.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace CostInsights.Core.Tests.Data;

public sealed class QuartzTablesMigrationTests
{
    [Fact]
    public async Task The_tables_of_quartz_s_job_store_leave_postgresql()
    {
        await using var database = await TestDatabase.CreateAsync(DatabaseProvider.Postgres);
        await using var db = database.NewContext();
        await db.GetService<IMigrator>().MigrateAsync("20261202000000_PriceSheetLifecycle");
        await db.Database.ExecuteSqlRawAsync("CREATE TABLE qrtz_job_details (sched_name text, job_name text)");
        await db.Database.ExecuteSqlRawAsync("CREATE TABLE qrtz_triggers (sched_name text, trigger_name text)");

        await db.Database.MigrateAsync();

        var left = await db.Database.SqlQueryRaw<string>(
            "SELECT table_name AS \"Value\" FROM information_schema.tables WHERE table_name LIKE 'qrtz%'").ToListAsync();
        left.ShouldBeEmpty();
    }
}
