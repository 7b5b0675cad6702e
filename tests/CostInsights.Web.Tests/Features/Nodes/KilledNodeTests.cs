using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;
using CostInsights.Core.Data;
using CostInsights.Core.Demo;
using CostInsights.Core.Ingestion;
using CostInsights.Core.Users;
using CostInsights.Testing;
using CostInsights.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace CostInsights.Web.Tests.Features.Nodes;

/// <summary>
/// The app as its own process: an upload's ingestion, run by Hangfire, is cut off by SIGKILL once some chunks have
/// committed; the app started again finishes it, and every row is stored and rolled up exactly once.
/// </summary>
public sealed class KilledNodeTests
{
    private const int Rows = 60_000;

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.Postgres)]
    public async Task An_ingestion_killed_mid_file_is_finished_exactly_once_after_a_restart(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        // With SQLite the data folder holds the database; with PostgreSQL only the uploads.
        var folder = provider == DatabaseProvider.Sqlite ? database.Options.ResolveDataFolder() : Directory.CreateTempSubdirectory("killed-node-").FullName;
        var (csv, expectedInput) = Usage();
        try
        {
            var port = FreePort();
            using (var first = Start(database, folder, port))
            {
                using var admin = new AppClient(new Uri($"http://127.0.0.1:{port}"));
                await WaitUntilUpAsync(admin, first);
                var user = DemoUsers.All.Single(u => u.Role == AppRoles.Admin);
                await admin.SignInAsync(user.Email, user.Password);
                (await admin.UploadUsageAsync([], ("file", "killed.csv", csv))).StatusCode
                    .ShouldBe(HttpStatusCode.OK);

                var deadline = DateTime.UtcNow.AddSeconds(90);
                while (await CommittedAsync(database) < 3_000 && !first.HasExited)
                {
                    DateTime.UtcNow.ShouldBeLessThan(deadline, "no chunk of the upload committed in 90 s");
                    await Task.Delay(20);
                }
                first.HasExited.ShouldBeFalse("the app stopped before it could be killed");
                first.Kill(entireProcessTree: true);
                await first.WaitForExitAsync();
            }
            await using (var db = database.NewContext())
            {
                var cut = await db.IngestionBatches.SingleAsync();
                cut.Status.ShouldBe(IngestionStatus.Running, "the ingestion finished before it could be killed; give it more rows");
                cut.RowsCommitted.ShouldBeInRange(3_000, Rows - 1);
                (await db.UsageRecords.LongCountAsync()).ShouldBe(cut.RowsCommitted);
            }

            using (var second = Start(database, folder, port))
            {
                var deadline = DateTime.UtcNow.AddSeconds(120);
                while (true)
                {
                    await using var db = database.NewContext();
                    var batch = await db.IngestionBatches.AsNoTracking().SingleAsync();
                    if (batch.Status != IngestionStatus.Running)
                    {
                        (batch.Status, batch.RowsAccepted, batch.RowsDuplicate).ShouldBe((IngestionStatus.Succeeded, (long)Rows, 0L), batch.Error);
                        break;
                    }
                    second.HasExited.ShouldBeFalse("the restarted app stopped");
                    DateTime.UtcNow.ShouldBeLessThan(deadline, "the restarted app did not finish the batch in 120 s");
                    await Task.Delay(200);
                }
                second.Kill(entireProcessTree: true);
                await second.WaitForExitAsync();
            }
            await using (var db = database.NewContext())
            {
                (await db.UsageRecords.LongCountAsync()).ShouldBe(Rows);
                (await db.UsageRecords.SumAsync(r => r.InputTokens)).ShouldBe(expectedInput);
                (await db.HourlyRollups.SumAsync(r => r.InputTokens)).ShouldBe(expectedInput);
                (await db.MonthlyRollups.SumAsync(r => r.InputTokens)).ShouldBe(expectedInput);
                (await db.MonthlyRollups.SumAsync(r => r.RecordCount)).ShouldBe(Rows);
            }
        }
        finally
        {
            if (provider == DatabaseProvider.Postgres)
            {
                Directory.Delete(folder, recursive: true);
            }
        }
    }

    private static (string Csv, long Input) Usage()
    {
        var csv = new StringBuilder("timestamp,provider,model,team,input_tokens,output_tokens,cached_tokens,requests,request_id\n");
        long input = 0;
        for (var i = 0; i < Rows; i++)
        {
            var tokens = 1000 + i % 977;
            input += tokens;
            csv.Append($"2026-04-{1 + i % 28:00}T{i % 24:00}:{i % 60:00}:00Z,openai,gpt-4o,team-{i % 5},{tokens},{i % 300},0,1,kill-{i}\n");
        }
        return (csv.ToString(), input);
    }

    /// <summary>The app from this test's build, as a process of its own, committing every thousand rows.</summary>
    private static Process Start(TestDatabase database, string folder, int port)
    {
        var start = new ProcessStartInfo("dotnet", ["exec", Path.Combine(AppContext.BaseDirectory, "CostInsights.Web.dll")])
        {
            WorkingDirectory = AppContext.BaseDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            Environment =
            {
                ["ASPNETCORE_URLS"] = $"http://127.0.0.1:{port}",
                ["ASPNETCORE_ENVIRONMENT"] = "Development",
                ["Database__Provider"] = database.Options.Provider.ToString(),
                ["Database__ConnectionString"] = database.Options.ConnectionString ?? "",
                ["Database__DataFolder"] = folder,
                ["Demo__Enabled"] = "true",
                ["Demo__SeedUsage"] = "false",
                ["Ingestion__ChunkRows"] = "1000",
            },
        };
        var process = Process.Start(start)!;
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return process;
    }

    private static async Task WaitUntilUpAsync(AppClient client, Process process)
    {
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (true)
        {
            process.HasExited.ShouldBeFalse("the app stopped while starting");
            try
            {
                if ((await client.GetAsync("/login")).StatusCode == HttpStatusCode.OK)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
            }
            DateTime.UtcNow.ShouldBeLessThan(deadline, "the app did not answer in 60 s");
            await Task.Delay(200);
        }
    }

    private static async Task<long> CommittedAsync(TestDatabase database)
    {
        try
        {
            await using var db = database.NewContext();
            return await db.IngestionBatches.Select(b => (long?)b.RowsCommitted).FirstOrDefaultAsync() ?? 0;
        }
        catch (Exception e) when (e is Microsoft.Data.Sqlite.SqliteException or Npgsql.NpgsqlException or InvalidOperationException)
        {
            return 0; // busy while the app commits, or not created yet
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
