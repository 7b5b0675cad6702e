using CostInsights.Core.PriceSheets;
using CostInsights.Core.Usage;

namespace CostInsights.Core.Demo;

/// <summary>
/// Generates 24 months of a demo company's usage up to now: steady growth, weekend dips, a
/// price cut on gpt-4o, and gpt-4.1's launch taking gpt-4o's traffic. Deterministic for a seed
/// and a current time.
/// </summary>
public sealed class DemoDataGenerator(TimeProvider time, int seed = 20261122)
{
    public const int Months = 24;

    /// <summary>Share of a day's requests in each six-hour slot (UTC): night, morning, afternoon, evening.</summary>
    private static readonly (int Hour, double Share)[] Slots = [(3, 0.10), (9, 0.35), (15, 0.40), (21, 0.15)];

    public DateTime FirstMonth
    {
        get
        {
            var now = time.GetUtcNow().UtcDateTime;
            return new DateTime(now.Year, now.Month, 1, 0, 0, 0, DateTimeKind.Utc).AddMonths(-(Months - 1));
        }
    }

    /// <summary>The demo's price history: list prices, then a cut, then a new model.</summary>
    public IReadOnlyList<(string Name, IReadOnlyList<TokenPrice> Prices, IReadOnlyList<CapacityOffer> Offers)> PriceSheets()
    {
        var start = FirstMonth;
        var launch = start.AddMonths(DemoCatalog.LaunchMonth);
        var list = DemoCatalog.Models.Where(m => m.Name != "gpt-4.1").ToList();
        var gpt41 = DemoCatalog.Models.Single(m => m.Name == "gpt-4.1");
        var gpt4o = DemoCatalog.Models.Single(m => m.Name == "gpt-4o");
        var cut = start.AddMonths(DemoCatalog.PriceCutMonth);
        return
        [
            ("Demo list prices", list.Select(m => Price(m, start)).ToList(), list.Select(m => Offer(m, start)).ToList()),
            ("Demo list prices", [Price(gpt4o with { Input = DemoCatalog.CutInput, Output = DemoCatalog.CutOutput, Cached = DemoCatalog.CutCached }, cut)], []),
            ("Demo list prices", [Price(gpt41, launch)], [Offer(gpt41, launch)]),
        ];
    }

    public IEnumerable<UsageReadResult> Usage()
    {
        var random = new Random(seed);
        var sizes = RequestSizeDistribution.LoadEmbedded();
        var start = FirstMonth;
        var now = time.GetUtcNow().UtcDateTime;
        long line = 0;
        for (var day = start; day < now; day = day.AddDays(1))
        {
            var monthIndex = (day.Year - start.Year) * 12 + day.Month - start.Month;
            var age = (day - start).TotalDays / 30.4;
            var weekday = day.DayOfWeek switch { DayOfWeek.Saturday => 0.45, DayOfWeek.Sunday => 0.40, _ => 1.0 };
            foreach (var w in DemoCatalog.Workloads)
            {
                var requests = w.RequestsPerDay * Math.Pow(1 + w.MonthlyGrowth, age) * weekday * Math.Exp(Normal(random) * 0.08);
                foreach (var (model, share) in Split(w, monthIndex))
                {
                    foreach (var (hour, slotShare) in Slots)
                    {
                        var at = day.AddHours(hour);
                        if (at > now)
                        {
                            continue;
                        }
                        var r = (long)Math.Round(requests * share * slotShare);
                        if (r == 0)
                        {
                            continue;
                        }
                        var input = Tokens(r, sizes.MeanInput, sizes.StdInput, w.SizeScale, random);
                        var output = Tokens(r, sizes.MeanOutput, sizes.StdOutput, Math.Sqrt(w.SizeScale), random);
                        var cached = (long)(input * w.CachedShare);
                        line++;
                        yield return UsageReadResult.Ok(new UsageRow(
                            line, at, w.Provider, model, w.Team, input, output, cached, r,
                            NaturalKeys.ForRequest("demo", $"{at:yyyyMMddHH}|{w.Team}|{w.Provider}|{model}"),
                            IsBatch: w.IsBatch));
                    }
                }
            }
        }
    }

    /// <summary>From the launch month, gpt-4.1 takes a growing share of gpt-4o's traffic, up to 70%.</summary>
    private static IEnumerable<(string Model, double Share)> Split(DemoCatalog.DemoWorkload w, int monthIndex)
    {
        if (w.Model != "gpt-4o" || monthIndex < DemoCatalog.LaunchMonth)
        {
            yield return (w.Model, 1.0);
            yield break;
        }
        var moved = Math.Min(0.7, 0.25 * (monthIndex - DemoCatalog.LaunchMonth + 1));
        yield return ("gpt-4o", 1 - moved);
        yield return ("gpt-4.1", moved);
    }

    /// <summary>The sum of <paramref name="requests"/> draws: mean·n plus a normal spread of √n·σ.</summary>
    private static long Tokens(long requests, double mean, double std, double scale, Random random)
    {
        var total = requests * mean * scale + Normal(random) * Math.Sqrt(requests) * std * scale;
        return Math.Max(requests, (long)Math.Round(total));
    }

    private static double Normal(Random random)
    {
        var u1 = 1.0 - random.NextDouble();
        var u2 = random.NextDouble();
        return Math.Sqrt(-2.0 * Math.Log(u1)) * Math.Cos(2.0 * Math.PI * u2);
    }

    private static TokenPrice Price(DemoCatalog.DemoModel m, DateTime from) => new()
    {
        Provider = m.Provider,
        Model = m.Name,
        EffectiveFrom = from,
        InputPerMillion = m.Input,
        OutputPerMillion = m.Output,
        CachedInputPerMillion = m.Cached,
        BatchDiscountPercent = m.Provider == "self-hosted" ? null : 50m,
    };

    private static CapacityOffer Offer(DemoCatalog.DemoModel m, DateTime from) => new()
    {
        Provider = m.Provider,
        Model = m.Name,
        EffectiveFrom = from,
        UnitKind = m.UnitKind,
        Term = CommitmentTerm.OneMonth,
        RatePerUnitHour = m.UnitHourRate,
        MinimumUnits = 1,
        InputTokensPerSecond = m.TokensPerSecondIn,
        OutputTokensPerSecond = m.TokensPerSecondOut,
        OutputWeight = Math.Round(m.TokensPerSecondIn / m.TokensPerSecondOut, 2),
    };
}
