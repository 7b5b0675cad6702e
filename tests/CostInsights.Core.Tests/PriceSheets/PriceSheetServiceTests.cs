using System.Text;
using CostInsights.Core.Data;
using CostInsights.Core.PriceSheets;
using CostInsights.Core.Tests.Ingestion;
using CostInsights.Core.Usage;
using CostInsights.Testing;
using Microsoft.EntityFrameworkCore;

namespace CostInsights.Core.Tests.PriceSheets;

public sealed class PriceSheetServiceTests
{
    private const string Header = "provider,model,input_per_1m,output_per_1m,cached_input_per_1m,effective_from\n";

    private static Task<PriceSheetUpload> UploadAsync(IngestionTestBed bed, string content, string file = "list.csv", string? name = "list") =>
        new PriceSheetService(bed.Db, bed.Time, new RepriceRequests())
            .UploadAsync(name, null, new MemoryStream(Encoding.UTF8.GetBytes(content)), file, "admin", CancellationToken.None);

    private static Task<ActivationResult> ActivateAsync(IngestionTestBed bed, int id, DateTime? from = null, bool confirm = false) =>
        new PriceSheetService(bed.Db, bed.Time, new RepriceRequests()).ActivateAsync(id, from, confirm, "admin", CancellationToken.None);

    [Fact]
    public async Task A_draft_is_not_in_force_until_activated()
    {
        await using var bed = await IngestionTestBed.CreateAsync(DatabaseProvider.Sqlite);
        var draft = (await UploadAsync(bed, Header + "openai,gpt-4o,5,15,,2026-01-01\n")).Draft!;
        draft.Status.ShouldBe(PriceSheetStatus.Draft);
        (await PricesInForce.LoadAsync(bed.Db, CancellationToken.None)).IsEmpty.ShouldBeTrue();

        (await ActivateAsync(bed, draft.Id)).Succeeded.ShouldBeTrue();
        var book = await PricesInForce.LoadAsync(bed.Db, CancellationToken.None);
        book.TokenRatesAt("openai", "gpt-4o", new DateTime(2026, 2, 1, 0, 0, 0, DateTimeKind.Utc))!.Rates.Base.Input.ShouldBe(5m);
        (await ActivateAsync(bed, draft.Id)).Error!.ShouldContain("already active");
    }

    [Fact]
    public async Task The_preview_lists_added_changed_and_removed_prices_field_by_field()
    {
        await using var bed = await IngestionTestBed.CreateAsync(DatabaseProvider.Sqlite);
        var first = (await UploadAsync(bed,
            Header + "openai,gpt-4o,5,15,2.5,2026-01-01\nopenai,gpt-4o-mini,0.15,0.6,,2026-01-01\nanthropic,claude-3-opus,15,75,,2026-01-01\n")).Draft!;
        await ActivateAsync(bed, first.Id);

        var second = (await UploadAsync(bed,
            Header + "openai,gpt-4o,2.5,10,2.5,2026-04-01\nopenai,gpt-4o-mini,0.15,0.6,,2026-04-01\ngoogle,gemini-2.0-flash,0.1,0.4,,2026-04-01\n")).Draft!;
        second.Version.ShouldBe(2);
        var preview = await new PriceSheetService(bed.Db, bed.Time, new RepriceRequests()).PreviewAsync(second.Id, CancellationToken.None);

        var changed = preview.Changes.Single(c => c.Model == "gpt-4o");
        changed.Kind.ShouldBe(PriceChangeKind.Changed);
        changed.Fields.ShouldBe([new FieldChange("input", "5", "2.5"), new FieldChange("output", "15", "10")]);
        preview.Changes.Single(c => c.Model == "gemini-2.0-flash").Kind.ShouldBe(PriceChangeKind.Added);
        preview.Unchanged.ShouldBe(1);
        preview.Removed.ShouldBe(["anthropic/claude-3-opus (standard)"]);

        // Once activated, each version still says what it changed then: against what was in force before it, not after.
        (await ActivateAsync(bed, second.Id)).Succeeded.ShouldBeTrue();
        var service = new PriceSheetService(bed.Db, bed.Time, new RepriceRequests());
        var activated = await service.PreviewAsync(second.Id, CancellationToken.None);
        static IEnumerable<string> Described(PriceSheetPreview p) => p.Changes.Select(c => $"{c.Model} {c.Kind}: {string.Join("; ", c.Fields)}");
        Described(activated).ShouldBe(Described(preview));
        activated.Unchanged.ShouldBe(1);
        activated.Removed.ShouldBe(["anthropic/claude-3-opus (standard)"]);
        var earlier = await service.PreviewAsync(first.Id, CancellationToken.None);
        earlier.Changes.Select(c => (c.Model, c.Kind)).ShouldBe(
            [("claude-3-opus", PriceChangeKind.Added), ("gpt-4o", PriceChangeKind.Added), ("gpt-4o-mini", PriceChangeKind.Added)]);
        (earlier.Unchanged, earlier.Removed.Count).ShouldBe((0, 0));
    }

    [Fact]
    public async Task Warnings_must_be_confirmed_and_undated_sheets_need_a_date()
    {
        await using var bed = await IngestionTestBed.CreateAsync(DatabaseProvider.Sqlite);
        var absurd = (await UploadAsync(bed, Header + "openai,gpt-x,25000,10,,2026-01-01\n")).Draft!;
        (await ActivateAsync(bed, absurd.Id)).Error!.ShouldContain("confirm");
        (await bed.Db.PriceSheets.AsNoTracking().SingleAsync(s => s.Id == absurd.Id)).Status.ShouldBe(PriceSheetStatus.Draft);
        (await ActivateAsync(bed, absurd.Id, confirm: true)).Succeeded.ShouldBeTrue();

        var litellm = (await UploadAsync(bed,
            """{"gpt-z": {"litellm_provider": "openai", "mode": "chat", "input_cost_per_token": 1e-06, "output_cost_per_token": 2e-06}}""",
            "prices.json")).Draft!;
        litellm.Format.ShouldBe("litellm");
        (await ActivateAsync(bed, litellm.Id)).Error!.ShouldContain("carries no dates");
        var date = new DateTime(2026, 2, 1, 0, 0, 0, DateTimeKind.Utc);
        (await ActivateAsync(bed, litellm.Id, date)).Succeeded.ShouldBeTrue();
        (await bed.Db.TokenPrices.AsNoTracking().SingleAsync(p => p.Model == "gpt-z")).EffectiveFrom.ShouldBe(date);

        // OpenRouter's model list is told from LiteLLM's by its data list, and is undated too.
        var openRouter = (await UploadAsync(bed, """
            { "data": [{"id": "openai/gpt-z", "pricing": {"prompt": "0.000001", "completion": "0.000002"}}]}
            """, "models.json", "openrouter")).Draft!;
        openRouter.Format.ShouldBe("openrouter");
        (await ActivateAsync(bed, openRouter.Id)).Error!.ShouldContain("carries no dates");
        (await ActivateAsync(bed, openRouter.Id, date)).Succeeded.ShouldBeTrue();
        var routed = await bed.Db.TokenPrices.AsNoTracking().SingleAsync(p => p.Provider == "openrouter");
        (routed.Model, routed.InputPerMillion, routed.EffectiveFrom).ShouldBe(("openai/gpt-z", 1m, date));
    }

    [Fact]
    public async Task An_entry_left_out_of_a_third_party_file_is_a_warning_to_confirm_and_the_rest_stays_a_draft_until_then()
    {
        await using var bed = await IngestionTestBed.CreateAsync(DatabaseProvider.Sqlite);
        var upload = await UploadAsync(bed, """
            {"gpt-a": {"litellm_provider": "openai", "mode": "chat", "input_cost_per_token": 1e-06, "output_cost_per_token": 2e-06},
             "gpt-b": {"litellm_provider": "openai", "mode": "chat", "input_cost_per_token": 1e-06, "output_cost_per_token": 2e-06},
             "gpt-c": {"litellm_provider": "openai", "mode": "chat", "input_cost_per_token": "free"}}
            """, "prices.json");
        var draft = upload.Draft!;
        var preview = await new PriceSheetService(bed.Db, bed.Time, new RepriceRequests()).PreviewAsync(draft.Id, CancellationToken.None);

        preview.Warnings.ShouldBe(["gpt-c: input_cost_per_token is not a number (\"free\"); the entry is left out"]);
        preview.Changes.Select(c => c.Model).ShouldBe(["gpt-a", "gpt-b"]);
        var date = new DateTime(2026, 2, 1, 0, 0, 0, DateTimeKind.Utc);
        (await ActivateAsync(bed, draft.Id, date)).Error!.ShouldContain("confirm");
        (await PricesInForce.LoadAsync(bed.Db, CancellationToken.None)).IsEmpty.ShouldBeTrue();
        (await ActivateAsync(bed, draft.Id, date, confirm: true)).Succeeded.ShouldBeTrue();
        (await bed.Db.TokenPrices.AsNoTracking().Select(p => p.Model).OrderBy(m => m).ToListAsync()).ShouldBe(["gpt-a", "gpt-b"]);
    }

    [Fact]
    public async Task Activating_prices_for_months_already_priced_asks_for_a_re_price_from_their_date()
    {
        await using var bed = await IngestionTestBed.CreateAsync(DatabaseProvider.Sqlite);
        await bed.UploadPricesAsync(Header + "openai,gpt-4o,5,15,,2026-01-01\n");
        await bed.IngestAsync("timestamp,provider,model,team,input_tokens,output_tokens,cached_tokens\n2026-03-10T00:00:00Z,openai,gpt-4o,a,1000000,0,0\n");

        var cut = (await UploadAsync(bed, Header + "openai,gpt-4o,2.5,10,,2026-03-01\n")).Draft!;
        (await ActivateAsync(bed, cut.Id)).RepriceFrom.ShouldBe(new DateTime(2026, 3, 1, 0, 0, 0, DateTimeKind.Utc));
        var later = (await UploadAsync(bed, Header + "openai,gpt-4o,2,8,,2026-04-01\n")).Draft!;
        (await ActivateAsync(bed, later.Id)).RepriceFrom.ShouldBeNull();
    }

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.Postgres)]
    public async Task A_later_version_supersedes_the_earlier_whose_prices_still_price_the_months_before_it(DatabaseProvider provider)
    {
        await using var bed = await IngestionTestBed.CreateAsync(provider);
        var first = (await UploadAsync(bed, Header + "openai,gpt-4o,5,15,,2026-01-01\nopenai,gpt-4o-mini,0.15,0.6,,2026-01-01\n")).Draft!;
        await ActivateAsync(bed, first.Id);
        var second = (await UploadAsync(bed, Header + "openai,gpt-4o,2.5,10,,2026-04-01\n")).Draft!;
        (await ActivateAsync(bed, second.Id)).Succeeded.ShouldBeTrue();

        bed.Db.ChangeTracker.Clear();
        var sheets = await bed.Db.PriceSheets.AsNoTracking().OrderBy(s => s.Version).ToListAsync();
        sheets.Select(s => s.Status).ShouldBe([PriceSheetStatus.Superseded, PriceSheetStatus.Active]);
        sheets[0].SupersededById.ShouldBe(second.Id);
        sheets[0].SupersededAt.ShouldBe(bed.Time.GetUtcNow().UtcDateTime);
        (await ActivateAsync(bed, first.Id)).Error!.ShouldContain("already superseded");

        var book = await PricesInForce.LoadAsync(bed.Db, CancellationToken.None);
        book.TokenRatesAt("openai", "gpt-4o", new DateTime(2026, 2, 1, 0, 0, 0, DateTimeKind.Utc))!.Rates.Base.Input.ShouldBe(5m);
        book.TokenRatesAt("openai", "gpt-4o", new DateTime(2026, 5, 1, 0, 0, 0, DateTimeKind.Utc))!.Rates.Base.Input.ShouldBe(2.5m);
        book.TokenRatesAt("openai", "gpt-4o-mini", new DateTime(2026, 5, 1, 0, 0, 0, DateTimeKind.Utc))!.Rates.Base.Input.ShouldBe(0.15m);
    }

    [Fact]
    public async Task Import_notes_are_kept_typed_and_the_confirmation_of_warnings_is_recorded()
    {
        await using var bed = await IngestionTestBed.CreateAsync(DatabaseProvider.Sqlite);
        var upload = await UploadAsync(bed, """
            {"gpt-z": {"litellm_provider": "openai", "mode": "chat", "input_cost_per_token": 0.05, "output_cost_per_token": 2e-06},
             "dall-e-3": {"litellm_provider": "openai", "mode": "image_generation", "input_cost_per_pixel": 1e-08},
             "tts-1": {"litellm_provider": "openai", "mode": "audio_speech", "input_cost_per_character": 1.5e-05}}
            """, "prices.json");
        var draft = upload.Draft!;

        bed.Db.ChangeTracker.Clear();
        var notes = await bed.Db.PriceSheetNotes.AsNoTracking().Where(n => n.PriceSheetId == draft.Id).ToListAsync();
        notes.Where(n => n.Kind == PriceSheetNoteKind.Warning).Select(n => n.Text).ShouldBe(upload.Import.Warnings);
        notes.Where(n => n.Kind == PriceSheetNoteKind.Skipped).Sum(n => n.Entries).ShouldBe(upload.Import.Skipped.Values.Sum());
        notes.Where(n => n.Kind == PriceSheetNoteKind.Skipped).Sum(n => n.Entries).ShouldBe(2);
        var preview = await new PriceSheetService(bed.Db, bed.Time, new RepriceRequests()).PreviewAsync(draft.Id, CancellationToken.None);
        preview.Warnings.ShouldBe(upload.Import.Warnings);
        preview.Warnings.ShouldNotBeEmpty();

        (await ActivateAsync(bed, draft.Id, new DateTime(2026, 1, 1, 0, 0, 0, DateTimeKind.Utc), confirm: true)).Succeeded.ShouldBeTrue();
        (await bed.Db.PriceSheets.AsNoTracking().SingleAsync(s => s.Id == draft.Id)).WarningsConfirmedBy.ShouldBe("admin");
    }

    [Fact]
    public async Task Activation_queues_the_re_price_itself_only_when_usage_already_priced_is_affected()
    {
        await using var bed = await IngestionTestBed.CreateAsync(DatabaseProvider.Sqlite);
        await bed.UploadPricesAsync(Header + "openai,gpt-4o,5,15,,2026-01-01\n");
        await bed.IngestAsync("timestamp,provider,model,team,input_tokens,output_tokens,cached_tokens\n2026-03-10T00:00:00Z,openai,gpt-4o,a,1000000,0,0\n");
        var requests = new RepriceRequests();
        var service = new PriceSheetService(bed.Db, bed.Time, requests);

        var later = (await UploadAsync(bed, Header + "openai,gpt-4o,2,8,,2026-04-01\n")).Draft!;
        await service.ActivateAsync(later.Id, null, false, "admin", CancellationToken.None);
        requests.Count.ShouldBe(0);
        var cut = (await UploadAsync(bed, Header + "openai,gpt-4o,2.5,10,,2026-03-01\n", name: "cut")).Draft!;
        await service.ActivateAsync(cut.Id, null, false, "admin", CancellationToken.None);
        requests.Count.ShouldBe(1);
        var refused = (await UploadAsync(bed, Header + "openai,gpt-4o,25000,10,,2026-03-01\n", name: "absurd")).Draft!;
        await service.ActivateAsync(refused.Id, null, false, "admin", CancellationToken.None);
        requests.Count.ShouldBe(1);
    }

    [Fact]
    public async Task A_refused_upload_stores_nothing()
    {
        await using var bed = await IngestionTestBed.CreateAsync(DatabaseProvider.Sqlite);
        var upload = await UploadAsync(bed, Header + "openai,gpt-4o,-5,15,,2026-01-01\n");
        upload.Draft.ShouldBeNull();
        upload.Import.Errors.Single().ShouldContain("-5 is negative");
        (await bed.Db.PriceSheets.CountAsync()).ShouldBe(0);
    }
}

public sealed class RepriceTests
{
    private const string Header = "provider,model,input_per_1m,output_per_1m,cached_input_per_1m,effective_from\n";

    [Theory]
    [InlineData(DatabaseProvider.Sqlite, null)]
    [InlineData(DatabaseProvider.Postgres, null)]
    [InlineData(DatabaseProvider.Postgres, "Asia/Kolkata")] // UTC+5:30: hours and months must stay UTC
    public async Task A_price_cut_activated_for_past_months_re_prices_them_and_their_rollups(DatabaseProvider provider, string? timeZone)
    {
        await using var bed = await IngestionTestBed.CreateAsync(provider, timeZone);
        await bed.UploadPricesAsync(Header + "openai,gpt-4o,5,15,,2026-01-01\nanthropic,claude-sonnet-4,3,15,,2026-01-01\n");
        await bed.IngestAsync("""
            timestamp,provider,model,team,input_tokens,output_tokens,cached_tokens
            2026-02-10T00:00:00Z,openai,gpt-4o,a,1000000,0,0
            2026-03-10T00:00:00Z,openai,gpt-4o,a,1000000,0,0
            2026-04-10T00:00:00Z,openai,gpt-4o,a,1000000,100000,0
            2026-04-11T00:00:00Z,anthropic,claude-sonnet-4,a,1000000,0,0
            """);
        var service = new PriceSheetService(bed.Db, bed.Time, new RepriceRequests());
        var cut = await service.UploadAsync("cut", null, new MemoryStream(Encoding.UTF8.GetBytes(Header + "openai,gpt-4o,2.5,10,,2026-03-15\n")), "cut.csv",
            "admin", CancellationToken.None);
        var activation = await service.ActivateAsync(cut.Draft!.Id, null, false, "admin", CancellationToken.None);
        activation.RepriceFrom.ShouldBe(new DateTime(2026, 3, 15, 0, 0, 0, DateTimeKind.Utc));

        var repriced = await new RepriceService(bed.Db, bed.Time, Microsoft.Extensions.Logging.Abstractions.NullLogger<RepriceService>.Instance)
            .RunPendingAsync(CancellationToken.None);
        repriced.ShouldBe(2); // gpt-4o's March and April, from the start of the affected month; Claude's record is not in the cut sheet

        bed.Db.ChangeTracker.Clear();
        // Feb and Mar 10 stay at $5: 1,000,000 × 5 = 5.00; Apr at the cut: 1,000,000 × 2.5 + 100,000 × 10 = 3.50
        var monthly = await bed.Db.MonthlyRollups.AsNoTracking().Where(r => r.Model == "gpt-4o").OrderBy(r => r.PeriodStart).Select(r => r.TokenCost)
            .ToListAsync();
        monthly.ShouldBe([5.00m, 5.00m, 3.50m]);
        (await bed.Db.HourlyRollups.AsNoTracking().SumAsync(r => r.RecordCount)).ShouldBe(4);
        (await bed.Db.HourlyRollups.AsNoTracking().Where(r => r.Model == "gpt-4o").Select(r => r.PeriodStart).OrderBy(p => p).ToListAsync())
            .ShouldBe([new DateTime(2026, 2, 10, 0, 0, 0, DateTimeKind.Utc), new DateTime(2026, 3, 10, 0, 0, 0, DateTimeKind.Utc),
                new DateTime(2026, 4, 10, 0, 0, 0, DateTimeKind.Utc)]);
        // Claude's April was not touched: 1,000,000 × 3 = $3.00
        (await bed.Db.MonthlyRollups.AsNoTracking().SingleAsync(r => r.Model == "claude-sonnet-4")).TokenCost.ShouldBe(3.00m);
        (await bed.Db.PriceSheets.AsNoTracking().SingleAsync(s => s.Name == "cut")).RepricedAt.ShouldNotBeNull();
        (await new RepriceService(bed.Db, bed.Time, Microsoft.Extensions.Logging.Abstractions.NullLogger<RepriceService>.Instance)
            .RunPendingAsync(CancellationToken.None)).ShouldBe(0);
    }

    [Fact]
    public async Task A_re_price_marks_done_only_the_sheets_it_read_and_leaves_one_activated_meanwhile_waiting()
    {
        await using var bed = await IngestionTestBed.CreateAsync(DatabaseProvider.Sqlite);
        await bed.UploadPricesAsync(Header + "openai,gpt-4o,5,15,,2026-01-01\n");
        await bed.IngestAsync("timestamp,provider,model,team,input_tokens,output_tokens,cached_tokens\n2026-03-10T00:00:00Z,openai,gpt-4o,a,1000000,0,0\n");
        var service = new PriceSheetService(bed.Db, bed.Time, new RepriceRequests());
        async Task<int> ActivateAsync(string name, string csv)
        {
            var upload = await service.UploadAsync(name, null, new MemoryStream(Encoding.UTF8.GetBytes(Header + csv)), $"{name}.csv", "admin",
                CancellationToken.None);
            (await service.ActivateAsync(upload.Draft!.Id, null, false, "admin", CancellationToken.None)).RepriceFrom.ShouldNotBeNull();
            return upload.Draft.Id;
        }
        var read = await ActivateAsync("cut", "openai,gpt-4o,2.5,10,,2026-03-01\n");
        var meanwhile = await ActivateAsync("later", "openai,gpt-4o,2,8,,2026-03-05\n");

        await bed.Reprice().RepriceAsync(new DateTime(2026, 3, 1, 0, 0, 0, DateTimeKind.Utc), ["gpt-4o"], CancellationToken.None, [read]);

        bed.Db.ChangeTracker.Clear();
        (await bed.Db.PriceSheets.AsNoTracking().SingleAsync(s => s.Id == read)).RepricedAt.ShouldNotBeNull();
        (await bed.Db.PriceSheets.AsNoTracking().SingleAsync(s => s.Id == meanwhile)).RepricedAt.ShouldBeNull();
        (await bed.Reprice().RunPendingAsync(CancellationToken.None)).ShouldBe(1);
        (await bed.Db.PriceSheets.AsNoTracking().SingleAsync(s => s.Id == meanwhile)).RepricedAt.ShouldNotBeNull();
    }
}
