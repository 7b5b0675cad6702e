using System.CommandLine;
using System.Globalization;
using CostInsights.Core;
using CostInsights.Core.PriceSheets;
using CostInsights.Pricing;
using Microsoft.Extensions.DependencyInjection;

namespace CostInsights.Cli;

/// <summary><c>costinsights prices import | show | convert</c>.</summary>
internal static class PricesCommand
{
    public static Command Create(ITerminal terminal, Func<ParseResult, CancellationToken, Task<AsyncServiceScope>> open)
    {
        return new Command("prices", "Price sheets: import, look up, convert between billing schemes")
        {
            Subcommands = { Import(terminal, open), Show(terminal, open), Convert(terminal, open) },
        };
    }

    private static Command Import(ITerminal terminal, Func<ParseResult, CancellationToken, Task<AsyncServiceScope>> open)
    {
        var file = new Argument<FileInfo>("FILE")
        {
            Description = "A price file: the project's CSV, LiteLLM's JSON, genai-prices JSON or OpenRouter's model list",
        };
        var format = new Option<string?>("--format") { Description = "csv, litellm, genai-prices or openrouter (detected when left out)" };
        var name = new Option<string?>("--name") { Description = "The sheet's name; uploads of the same name become versions (default: the file name)" };
        var effective = new Option<DateTime?>("--effective")
        {
            Description = "The date the prices take effect, UTC (required to activate a LiteLLM or OpenRouter file, " +
            "which have no dates)"
        };
        var activate = new Option<bool>("--activate") { Description = "Put the prices in force now; months already priced are re-priced" };
        var confirm = new Option<bool>("--confirm-warnings") { Description = "Activate despite warnings, such as absurd prices or entries left out" };
        var command = new Command("import", "Read a price file, print what was imported, skipped and rejected, and store it as a draft or activate it")
        {
            Arguments = { file },
            Options = { format, name, effective, activate, confirm },
        };
        command.SetAction((parse, cancellationToken) => CliApp.RunSafelyAsync(terminal, async () =>
        {
            var path = parse.GetValue(file)!;
            if (!path.Exists)
            {
                await terminal.Error.WriteLineAsync($"{path.FullName} does not exist.");
                return 2;
            }
            if (parse.GetValue(format) is { } f && !PriceSheetService.Formats.Contains(f))
            {
                await terminal.Error.WriteLineAsync($"Unknown format '{f}': use one of {string.Join(", ", PriceSheetService.Formats)}.");
                return 2;
            }
            await using var scope = await open(parse, cancellationToken);
            var sheets = scope.ServiceProvider.GetRequiredService<PriceSheetService>();
            await using var content = path.OpenRead();
            var upload = await sheets.UploadAsync(parse.GetValue(name), parse.GetValue(format), content, path.Name, Environment.UserName, cancellationToken);
            var import = upload.Import;
            await terminal.Out.WriteLineAsync($"{path.Name} ({import.Format}): {import.EntriesRead:N0} entries read, {import.EntriesImported:N0} imported " +
                $"as {import.Prices.Count:N0} prices and {import.Offers.Count:N0} capacity offers, {import.Skipped.Values.Sum():N0} skipped, " +
                    $"{import.Errors.Count:N0} rejected.");
            foreach (var (reason, count) in import.Skipped.OrderByDescending(s => s.Value))
            {
                await terminal.Out.WriteLineAsync($"  skipped {count,6:N0} × {reason}");
            }
            foreach (var warning in import.Warnings)
            {
                await terminal.Out.WriteLineAsync($"  warning: {warning}");
            }
            foreach (var error in import.Errors)
            {
                await terminal.Error.WriteLineAsync($"  rejected: {error}");
            }
            if (upload.Draft is not { } draft)
            {
                await terminal.Error.WriteLineAsync("The file was rejected; nothing was stored.");
                return 1;
            }
            if (!parse.GetValue(activate))
            {
                await terminal.Out.WriteLineAsync($"Stored as draft {draft.Name} v{draft.Version} (id {draft.Id}); activate it on the Price sheets page or " +
                    "with --activate.");
                return 0;
            }
            var result = await sheets.ActivateAsync(draft.Id, parse.GetValue(effective), parse.GetValue(confirm), Environment.UserName, cancellationToken);
            if (!result.Succeeded)
            {
                await terminal.Error.WriteLineAsync($"Stored as draft {draft.Name} v{draft.Version} but not activated: {result.Error}.");
                return 1;
            }
            await terminal.Out.WriteLineAsync($"Activated {draft.Name} v{draft.Version}.");
            if (result.RepriceFrom is { } from)
            {
                await terminal.Out.WriteLineAsync($"Re-priced usage from {from:yyyy-MM-dd}.");
            }
            return 0;
        }));
        return command;
    }

    private static Command Show(ITerminal terminal, Func<ParseResult, CancellationToken, Task<AsyncServiceScope>> open)
    {
        var model = new Argument<string>("MODEL") { Description = "The model, as its provider names it" };
        var at = new Option<DateTime?>("--at") { Description = "The date, UTC (default: now)" };
        var command = new Command("show", "Print every price field in force for a model on a date") { Arguments = { model }, Options = { at } };
        command.SetAction((parse, cancellationToken) => CliApp.RunSafelyAsync(terminal, async () =>
        {
            var when = parse.GetValue(at) is { } d ? DateTime.SpecifyKind(d, DateTimeKind.Utc) : DateTime.UtcNow;
            await using var scope = await open(parse, cancellationToken);
            var prices = await scope.ServiceProvider.GetRequiredService<PriceSheetService>()
                .PricesInForceAsync(parse.GetValue(model)!, when, cancellationToken);
            if (prices.Count == 0)
            {
                await terminal.Error.WriteLineAsync($"No active price sheet prices {parse.GetValue(model)} on {when:yyyy-MM-dd}.");
                return 1;
            }
            foreach (var p in prices)
            {
                var b = p.Rates.Base;
                await terminal.Out.WriteLineAsync($"{p.Provider}/{p.Model} ({p.ServiceTier}), in force since {p.EffectiveFrom:yyyy-MM-dd} from {p.Sheet}; $ " +
                    "per 1M tokens:");
                await terminal.Out.WriteLineAsync($"  input {N(b.Input)}  output {N(b.Output)}  cached input {N(b.CachedInput)}  cache write 5m " +
                    $"{N(b.CacheWrite5m)}  cache write 1h {N(b.CacheWrite1h)}  reasoning {N(b.Reasoning)}");
                await terminal.Out.WriteLineAsync($"  per request {N(p.Rates.PerRequestFee)}  per second {N(p.Rates.PerComputeSecond)}  batch discount " +
                    $"{(p.Rates.BatchDiscountPercent is { } discount ? N(discount) + "%" : "–")}");
                foreach (var tier in p.Rates.ContextTiers)
                {
                    await terminal.Out.WriteLineAsync($"  requests over {tier.AboveInputTokens:N0} input tokens: input {N(tier.Rates.Input)}  output " +
                        $"{N(tier.Rates.Output)}  cached input {N(tier.Rates.CachedInput)}");
                }
                foreach (var tier in p.Rates.VolumeTiers)
                {
                    await terminal.Out.WriteLineAsync($"  from {tier.FromMonthlyTokens:N0} tokens a month: input {N(tier.Rates.Input)}  output " +
                        $"{N(tier.Rates.Output)}");
                }
            }
            return 0;
        }));
        return command;
    }

    private static Command Convert(ITerminal terminal, Func<ParseResult, CancellationToken, Task<AsyncServiceScope>> open)
    {
        var model = new Option<string>("--model")
        {
            Description = "The model whose per-token prices price the workload: model or provider/model",
            Required = true
        };
        var offer = new Option<string>("--offer") { Description = "The capacity offer: its model, or provider/model", Required = true };
        var term = new Option<CommitmentTerm?>("--term") { Description = "The offer's commitment term (default: the cheapest in force)" };
        var input = new Option<long>("--input-tokens") { Description = "Input tokens of the workload", Required = true };
        var output = new Option<long>("--output-tokens") { Description = "Output tokens of the workload", Required = true };
        var utilisation = new Option<decimal>("--utilisation") { Description = "Share of provisioned capacity busy, 0 to 1", DefaultValueFactory = _ => 1m };
        var hours = new Option<decimal>("--hours")
        {
            Description = "Hours the workload runs over (default: a 730-hour month)",
            DefaultValueFactory = _ => 730m
        };
        var at = new Option<DateTime?>("--at") { Description = "Prices in force on this date, UTC (default: now)" };
        var command = new Command("convert",
            "Price a token workload both ways: per token and under a capacity offer, the effective $ per 1M tokens and the breakeven utilisation")
        {
            Options = { model, offer, term, input, output, utilisation, hours, at },
        };
        command.SetAction((parse, cancellationToken) => CliApp.RunSafelyAsync(terminal, async () =>
        {
            var (i, o, u, h) = (parse.GetValue(input), parse.GetValue(output), parse.GetValue(utilisation), parse.GetValue(hours));
            if (i < 0 || o < 0 || u is <= 0 or > 1 || h <= 0)
            {
                await terminal.Error.WriteLineAsync("Token counts must be zero or more, --utilisation in (0, 1] and --hours positive.");
                return 2;
            }
            var when = parse.GetValue(at) is { } d ? DateTime.SpecifyKind(d, DateTimeKind.Utc) : DateTime.UtcNow;
            await using var scope = await open(parse, cancellationToken);
            var sheets = scope.ServiceProvider.GetRequiredService<PriceSheetService>();
            var (provider, name) = SplitModel(parse.GetValue(model)!);
            var prices = (await sheets.PricesInForceAsync(name, when, cancellationToken))
                .FirstOrDefault(p => p.ServiceTier == ServiceTiers.Standard && (provider is null || p.Provider == provider));
            if (prices is null)
            {
                await terminal.Error.WriteLineAsync($"No active price sheet prices {parse.GetValue(model)} on {when:yyyy-MM-dd}.");
                return 1;
            }
            var capacity = await sheets.OfferAsync(parse.GetValue(offer)!, parse.GetValue(term), when, cancellationToken);
            if (capacity is null)
            {
                await terminal.Error.WriteLineAsync($"No active capacity offer for {parse.GetValue(offer)} on {when:yyyy-MM-dd}.");
                return 1;
            }
            var tokenCost = TokenCostCalculator.Cost(new TokenUsage(i, o, 0, 1), prices.Rates);
            var terms = capacity.ToTerms();
            var quote = CapacityConversion.Quote(i, o, h, u, terms);
            await terminal.Out.WriteLineAsync($"Per token ({prices.Provider}/{prices.Model}, {prices.Sheet}): {Amounts.PreciseUsd(tokenCost)}");
            await terminal.Out.WriteLineAsync(terms.RatePerComputeSecond is { } perSecond
                ? $"Compute time ({capacity.Provider}/{capacity.Model}, on demand at ${N(perSecond)} a second): " +
                    $"{quote.ComputeSeconds:N0} compute seconds → {Amounts.PreciseUsd(quote.ComputeTimeCost)}"
                : $"Compute time ({capacity.Provider}/{capacity.Model}, {capacity.UnitKind} {capacity.Term}, ${N(capacity.RatePerUnitHour)} a unit-hour): " +
                    $"{quote.ComputeSeconds:N0} compute seconds, {quote.Units} units for {h:N0} h at {u:P0} busy → " +
                    $"{Amounts.PreciseUsd(quote.ComputeTimeCost)} (actually {quote.Utilisation:P1} busy)");
            await terminal.Out.WriteLineAsync($"Effective price of compute time: {Amounts.PreciseUsd(quote.EffectiveInputPerMillion)} per 1M input, " +
                $"{Amounts.PreciseUsd(quote.EffectiveOutputPerMillion)} per 1M output tokens (output weight {N(terms.OutputWeight)})");
            if (tokenCost > 0 && quote.ComputeSeconds > 0 && terms.RatePerComputeSecond is null)
            {
                var breakeven = CapacityConversion.BreakevenUtilisation(tokenCost, quote.ComputeSeconds, terms);
                await terminal.Out.WriteLineAsync(breakeven > 1
                    ? $"Breakeven utilisation: {breakeven:P0}, over 100%: per-token billing is cheaper however busy the capacity is."
                    : $"Breakeven utilisation: {breakeven:P1}: compute-time billing is cheaper when more than that share of the provisioned capacity is busy.");
            }
            return 0;
        }));
        return command;
    }

    private static (string? Provider, string Model) SplitModel(string text) =>
        text.IndexOf('/', StringComparison.Ordinal) is var slash and > 0 ? (text[..slash].ToLowerInvariant(), text[(slash + 1)..]) : (null, text);

    private static string N(decimal? value) => value is { } v ? (v / 1.000000000000000000000000000000000m).ToString(CultureInfo.InvariantCulture) : "–";
}
