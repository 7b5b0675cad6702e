using System.Globalization;
using CostInsights.Core;
using CostInsights.Pricing;
using CostInsights.Web.Features.Shell;
using CostInsights.Web.Features.Shell.Charts;

namespace CostInsights.Web.Features.Compare;

/// <summary>
/// What the address asks Compare for: a workload (<c>model:provider/name</c> or <c>team:name</c>),
/// a capacity offer, a target utilisation (1 to 100%) and a number of months (1 to 24). Missing or
/// out-of-range values take defaults.
/// </summary>
public sealed record CompareRequest(string? Workload, int? OfferId, int? Utilisation, int? MonthCount)
{
    public const int DefaultMonths = 6;
    public const int DefaultUtilisation = 60;

    public int Months => Math.Clamp(MonthCount ?? DefaultMonths, 1, 24);

    public int UtilisationPercent => Math.Clamp(Utilisation ?? DefaultUtilisation, 1, 100);

    public (string By, string Key) Parts() => Workload?.IndexOf(':', StringComparison.Ordinal) is > 0 and var colon
        ? (Workload[..colon], Workload[(colon + 1)..])
        : ("model", Workload ?? "");

    /// <summary>
    /// The request with every value chosen: the workload asked for, else the first model a capacity offer covers; the offer asked for,
    /// else one for the workload's model, else the first.
    /// </summary>
    public CompareRequest Resolve(CompareChoices choices)
    {
        var workload = Workload is { } w && (choices.Models.Any(m => w == $"model:{m}") || choices.Teams.Any(t => w == $"team:{t}"))
            ? w
            : "model:" + (choices.Models.FirstOrDefault(m => choices.Offers.Any(o => $"{o.Offer.Provider}/{o.Offer.Model}" == m)) ?? choices.Models[0]);
        var key = (this with { Workload = workload }).Parts().Key;
        var offer = choices.Offers.FirstOrDefault(o => o.Id == OfferId)
            ?? choices.Offers.FirstOrDefault(o => $"{o.Offer.Provider}/{o.Offer.Model}".EndsWith("/" + key.Split('/').Last(), StringComparison.Ordinal))
            ?? choices.Offers[0];
        return new CompareRequest(workload, offer.Id, UtilisationPercent, Months);
    }

    public string Link() => $"/compare?workload={Uri.EscapeDataString(Workload ?? "")}&offer={OfferId}&utilisation={UtilisationPercent}&months={Months}";
}

/// <summary>The Compare page's choices, and the comparison chosen (null when there is nothing to compare yet).</summary>
public sealed record CompareView(CompareChoices Choices, CompareRequest Chosen, OfferChoice? Offer, BillingComparisonResult? Result)
{
    private const decimal Million = 1_000_000m;

    /// <summary>The newest forecast of the workload priced both ways; null when there is none.</summary>
    public CompareAhead? Ahead { get; init; }

    /// <summary>The forecast months in one sentence: each scheme's total, and in how many months compute time is the cheaper.</summary>
    public string AheadSentence()
    {
        var ahead = Ahead!;
        var cheaper = ahead.Months.Count(m => m.ComputeTimeCheaper);
        var verdict = cheaper switch
        {
            0 => "per-token billing is the cheaper in every month",
            _ when cheaper == ahead.Months.Count => "compute-time billing is the cheaper in every month",
            _ => $"compute-time billing is the cheaper in {cheaper} of the {ahead.Months.Count} months",
        };
        return $"As forecast, the next {ahead.Months.Count} months cost {Money.Usd(Math.Round(ahead.TokenTotal, 2))} per token and " +
            $"{Money.Usd(Math.Round(ahead.ComputeTimeTotal, 2))} under compute-time billing at {Chosen.UtilisationPercent}% target utilisation: {verdict}.";
    }

    public bool IsEmpty => Choices.Offers.Count == 0 || (Choices.Models.Count == 0 && Choices.Teams.Count == 0);

    /// <summary>The comparison in one sentence: where the breakeven is, and which scheme is cheaper at the last month's volume.</summary>
    public string Sentence()
    {
        var result = Result!;
        var last = result.Months.LastOrDefault(m => m.InputTokens + m.OutputTokens > 0);
        var lastVolume = last is null ? 0m : (last.InputTokens + result.OutputWeight * last.OutputTokens) / Million;
        var offer = $"{Offer!.Offer.Provider}/{Offer.Offer.Model} capacity";
        if (result.BreakevenMillionTokenEquivalents is not { } breakeven)
        {
            return $"At this workload's mix, per-token billing stays cheaper than {offer} at every volume shown, at {Chosen.UtilisationPercent}% target " +
                "utilisation.";
        }
        var cheaper = lastVolume >= breakeven ? "compute-time billing is the cheaper scheme now" : "per-token billing is still the cheaper scheme";
        return $"At this workload's mix, {offer} costs less than per-token billing above {Volume(breakeven)} token-equivalents a month; "
            + $"{(last is null ? "there is no full month of usage yet" : $"{Money.MonthLabel(last.Month)} used {Volume(lastVolume)}")}, so {cheaper}.";
    }

    public static string PerMillion(decimal value) => Amounts.PreciseUsd(value);

    /// <summary>Monthly cost against monthly volume under both schemes, the workload's own months as points, and the breakeven marked.</summary>
    public ChartSpec Chart()
    {
        var result = Result!;
        static ChartX At(decimal millions) => ChartX.Of((double)(millions * Million));
        var months = result.Months.Where(m => m.InputTokens + m.OutputTokens > 0)
            .Select(m => new ChartPoint(At((m.InputTokens + result.OutputWeight * m.OutputTokens) / Million), m.TokenCost));
        return new ChartSpec
        {
            X = new ChartAxis("Monthly volume (token-equivalents)", AxisUnit.Tokens),
            Y = new ChartAxis("Monthly cost (USD)", AxisUnit.Usd),
            Height = 380,
            Series =
            [
                new("Per-token billing", SeriesStyle.Line, [.. result.Curve.Select(p => new ChartPoint(At(p.MillionTokenEquivalents), p.TokenCost))]),
                new("Compute-time billing", SeriesStyle.Line,
                    [.. result.Curve.Select(p => new ChartPoint(At(p.MillionTokenEquivalents), p.ComputeTimeCost))]),
                new("Your months, per token", SeriesStyle.Points, [.. months]),
            ],
            Markers = result.BreakevenMillionTokenEquivalents is { } b ? [new ChartMarker($"Breakeven: {Volume(b)} a month", AtX: At(b))] : [],
        };
    }

    /// <summary>Millions of token-equivalents as people say them: 850K, 32.6M, 1.2B.</summary>
    public static string Volume(decimal millions) => (millions * Million) switch
    {
        >= 1_000_000_000m and var v => (v / 1_000_000_000m).ToString("0.#", CultureInfo.InvariantCulture) + "B",
        >= 1_000_000m and var v => (v / 1_000_000m).ToString("0.#", CultureInfo.InvariantCulture) + "M",
        var v => (v / 1_000m).ToString("0.#", CultureInfo.InvariantCulture) + "K",
    };
}
