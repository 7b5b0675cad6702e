using System.Globalization;
using CostInsights.Core.Data;
using CostInsights.Core.PriceSheets;
using CostInsights.Core.Scenarios;
using CostInsights.Core.Spend;
using CostInsights.Core.Usage;
using Microsoft.EntityFrameworkCore;

namespace CostInsights.Web.Features.Scenarios;

/// <summary>What the Scenarios page opens with: the forecast to build on, the saved scenarios, the choices, and the levers shown.</summary>
public sealed record ScenariosView(
    ScenarioBaseline Baseline,
    IReadOnlyList<Scenario> Saved,
    IReadOnlyList<CapacityOffer> Offers,
    IReadOnlyList<string> Models,
    ScenarioForm Form,
    string? Sentence,
    string? PresetMissing);

/// <summary>
/// The Scenarios pages' reads and commands, one context per operation: a saved scenario, a preset or the default levers; a run of
/// the levers on the newest forecast; save, clone, delete; and saved scenarios compared.
/// </summary>
public sealed class ScenariosData(IDbContextFactory<CostInsightsDbContext> contexts, TimeProvider time)
{
    public async Task<ScenariosView> LoadAsync(long? id, string? preset, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var scenarios = new ScenarioService(db, time);
        var baseline = await scenarios.BaselineAsync(cancellationToken);
        var form = new ScenarioForm();
        if (baseline.IsEmpty)
        {
            return new ScenariosView(baseline, [], [], [], form, null, null);
        }
        var saved = await scenarios.ListAsync(cancellationToken);
        var offers = await OffersAsync(db, cancellationToken);
        List<string> models = [.. baseline.Models.Select(m => m.Model.ToString())];
        var priced = await db.TokenPrices.Select(p => p.Provider + "/" + p.Model).Distinct().OrderBy(m => m).ToListAsync(cancellationToken);
        models.AddRange(priced.Where(p => !models.Contains(p)));
        string? sentence = null, missing = null;
        if (id is { } open && await scenarios.FindAsync(open, cancellationToken) is { } scenario)
        {
            form = ScenarioForm.From(scenario.Name, ScenarioService.Deserialize(scenario.LeversJson), offers);
        }
        else if (preset is not null && ScenarioPresets.All.Any(p => p.Key == preset))
        {
            var book = await PricesInForce.LoadAsync(db, cancellationToken);
            Pricing.TokenRates? Prices(ModelRef m, DateTime at) => book.TokenRatesAt(m.Provider, m.Model, at)?.Rates;
            var team = await BiggestTeamAsync(db, baseline, cancellationToken);
            if (ScenarioPresets.Levers(preset, baseline, offers, Prices, team) is { } levers)
            {
                form = ScenarioForm.From(ScenarioPresets.All.First(p => p.Key == preset).Label, levers, offers);
                if (preset == ScenarioPresets.PerToken)
                {
                    sentence = ScenarioPresets.PerTokenSentence(baseline, levers, Prices);
                }
                else if (preset == ScenarioPresets.Move && levers.Switch is { } move)
                {
                    sentence = $"Team {team!.Team} moves its use of {move.From} ({move.Share:0%} of that model's tokens over the last three months) to " +
                        $"{move.To}, the other provider's model priced closest to it, with {move.TokenRatio:0.##} times the tokens for a different tokeniser.";
                }
            }
            else
            {
                missing = preset == ScenarioPresets.PerToken
                    ? "This preset needs a capacity offer, for the compute-time contract, for a model in the forecast: admins add them as capacity rows of " +
                        "a price sheet."
                    : "This preset needs more than one model in the forecast.";
            }
        }
        else
        {
            form.PricesFrom = baseline.Models[0].Months[0].Month.ToString("yyyy-MM", CultureInfo.InvariantCulture);
        }
        return new ScenariosView(baseline, saved, offers, models, form, sentence, missing);
    }

    /// <summary>The levers run on the newest forecast, or why they cannot be.</summary>
    public async Task<(ScenarioResult? Result, string? Error)> RunAsync(ScenarioForm form, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var (levers, error) = form.ToLevers(await OffersAsync(db, cancellationToken));
        if (levers is null)
        {
            return (null, error);
        }
        var scenarios = new ScenarioService(db, time);
        var baseline = await scenarios.BaselineAsync(cancellationToken);
        return baseline.IsEmpty
            ? (null, "There is no forecast to build on yet: run one on the Forecasts page.")
            : (await scenarios.RunAsync(baseline, levers, cancellationToken), null);
    }

    /// <summary>Saves the levers under the form's name (replacing a scenario of that name); its id, or why it was not saved.</summary>
    public async Task<(long? Id, string? Problem)> SaveAsync(ScenarioForm form, string user, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var (levers, error) = form.ToLevers(await OffersAsync(db, cancellationToken));
        if (levers is null)
        {
            return (null, error);
        }
        if (string.IsNullOrWhiteSpace(form.Name))
        {
            return (null, "Give the scenario a name to save it.");
        }
        return (await new ScenarioService(db, time).SaveAsync(form.Name, levers, user, cancellationToken), null);
    }

    public async Task DeleteAsync(long id, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        await new ScenarioService(db, time).DeleteAsync(id, cancellationToken);
    }

    public async Task<long?> CloneAsync(long id, string user, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        return await new ScenarioService(db, time).CloneAsync(id, user, cancellationToken);
    }

    public async Task<ScenarioComparison> CompareAsync(IEnumerable<long> ids, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        return await ScenarioComparison.LoadAsync(ids, new ScenarioService(db, time), cancellationToken);
    }

    public static async Task<IReadOnlyList<CapacityOffer>> OffersAsync(CostInsightsDbContext db, CancellationToken cancellationToken) =>
        await db.CapacityOffers.AsNoTracking()
            .Where(o => PricesInForce.SheetIds(db).Contains(o.PriceSheetId))
            .OrderBy(o => o.Provider).ThenBy(o => o.Model).ThenBy(o => o.Id)
            .ToListAsync(cancellationToken);

    /// <summary>The team that spent most over the last three complete months, its costliest model, and its share of that model's tokens.</summary>
    private static async Task<TeamUse?> BiggestTeamAsync(CostInsightsDbContext db, ScenarioBaseline baseline, CancellationToken cancellationToken)
    {
        var to = baseline.Models[0].Months[0].Month;
        var rows = await new SpendReadModel(db).ReadAsync(new SpendQuery(new UsageFilter(to.AddMonths(-3), to), SpendGrain.Month, SpendDimension.Team,
            ThenBy: SpendDimension.Model), cancellationToken);
        var team = rows.GroupBy(r => r.Key).MaxBy(g => g.Sum(r => r.Sum.TokenCost));
        var model = team?.GroupBy(r => r.SubKey).MaxBy(g => g.Sum(r => r.Sum.TokenCost));
        if (team is null || model is null || ModelRef.TryParse(model.Key) is not { } reference)
        {
            return null;
        }
        static decimal Tokens(SpendRow r) => (decimal)r.Sum.InputTokens + r.Sum.OutputTokens;
        var all = rows.Where(r => r.SubKey == model.Key).Sum(Tokens);
        return all == 0 ? null : new TeamUse(team.Key, reference, model.Sum(Tokens) / all);
    }
}
