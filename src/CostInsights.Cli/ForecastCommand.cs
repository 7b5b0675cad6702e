using System.CommandLine;
using System.Globalization;
using CostInsights.Forecasting.Evaluation;
using Microsoft.Extensions.DependencyInjection;

namespace CostInsights.Cli;

/// <summary>
/// <c>costinsights forecast</c>: <c>run</c> forecasts the stored usage; <c>eval</c> scores the forecasting library on one or more
/// benchmarks, per method and benchmark.
/// </summary>
internal static class ForecastCommand
{
    public static Command Create(ITerminal terminal, Func<ParseResult, CancellationToken, Task<AsyncServiceScope>> open)
    {
        var data = new Option<FileInfo[]>("--data")
        {
            Description = "Long CSV with series_id, split (train|test), t, value; repeat it to score several benchmarks in one run",
            Required = true,
            AllowMultipleArgumentsPerToken = true,
        };
        var method = new Option<string>("--method")
        {
            Description = $"One or more of {string.Join(", ", Evaluator.Methods.Keys)}, comma-separated, or all (the automatic method first); " +
                "each after the first is also compared with the first, series by series",
            DefaultValueFactory = _ => "all"
        };
        var season = new Option<int>("--season") { Description = "Seasonal period", DefaultValueFactory = _ => 12 };
        var levels = new Option<string>("--levels") { Description = "Interval levels in percent, comma-separated", DefaultValueFactory = _ => "80,95" };
        var validation = new Option<int?>("--validation")
        {
            Description = "Score on the last periods of each training part (as many as its test part) instead of the test part: " +
                "for choosing a setting without looking at the test part. --validation 2 scores the periods before those, " +
                "each training part cut by twice its test part (a second, earlier fold), and so on",
            Arity = ArgumentArity.ZeroOrOne,
            CustomParser = result =>
            {
                if (result.Tokens.Count == 0)
                {
                    return 1;
                }
                if (int.TryParse(result.Tokens[0].Value, NumberStyles.None, CultureInfo.InvariantCulture, out var fold) && fold >= 1)
                {
                    return fold;
                }
                result.AddError($"--validation takes a fold from 1 up (1 when left out), not '{result.Tokens[0].Value}'.");
                return null;
            },
        };
        var eval = new Command("eval", "Forecast every series from its training part and print sMAPE, MASE, interval coverage, MSIS and speed per method")
        {
            Options = { data, method, season, levels, validation },
        };
        eval.SetAction((parse, cancellationToken) => CliApp.RunSafelyAsync(terminal, async () =>
        {
            var names = parse.GetValue(method)!.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
            if (names.Length == 1 && names[0].Equals("all", StringComparison.OrdinalIgnoreCase))
            {
                // The automatic method first, so that every other method is compared with it.
                names = [.. Evaluator.Methods.Keys.OrderBy(k => k.Equals("auto", StringComparison.OrdinalIgnoreCase) ? 0 : 1)];
            }
            var unknown = names.Length == 0 ? "" : names.FirstOrDefault(n => !Evaluator.Methods.ContainsKey(n));
            if (unknown is not null)
            {
                await terminal.Error.WriteLineAsync(
                    $"Unknown method '{unknown}': use one or more of {string.Join(", ", Evaluator.Methods.Keys)}, or all.");
                return 2;
            }
            var chosen = names.Distinct(StringComparer.OrdinalIgnoreCase).Select(n => (Label: n, Forecast: Evaluator.Methods[n])).ToList();
            var width = Math.Max(10, chosen.Max(c => c.Label.Length));
            if (!TryLevels(parse.GetValue(levels)!, out var list))
            {
                await terminal.Error.WriteLineAsync("--levels takes percentages strictly between 0 and 100, e.g. 80,95.");
                return 2;
            }
            foreach (var (label, _) in chosen)
            {
                await terminal.Out.WriteLineAsync($"  {label}: needs {Evaluator.Needs[label].Description}");
            }
            foreach (var file in parse.GetValue(data)!)
            {
                if (!file.Exists)
                {
                    await terminal.Error.WriteLineAsync($"There is no benchmark file at {file.FullName}.");
                    return 2;
                }
                IReadOnlyList<BenchmarkSeries> series;
                try
                {
                    using var reader = file.OpenText();
                    series = SeriesSet.ReadLongCsv(reader);
                }
                catch (FormatException e)
                {
                    await terminal.Error.WriteLineAsync($"{file.Name}, {e.Message}; nothing was evaluated from it.");
                    return 2;
                }
                var fold = parse.GetValue(validation);
                if (fold is { } k)
                {
                    series = [.. series.Select(s => s.Validation(k)).OfType<BenchmarkSeries>()];
                }
                var part = fold switch
                {
                    null => "",
                    1 => " (validation: the training parts' last periods)",
                    var later => $" (validation fold {later}: the training parts' periods before fold {later - 1}'s)",
                };
                if (series.Count == 0)
                {
                    var why = fold is null ? "no series" : "no series with a training part long enough to hold back a validation part";
                    await terminal.Error.WriteLineAsync($"{file.Name} has {why}; nothing was evaluated from it.");
                    return 2;
                }
                await terminal.Out.WriteLineAsync();
                await terminal.Out.WriteLineAsync(
                    $"{file.Name}{part}: {series.Count:N0} series, season {parse.GetValue(season)}, {Environment.ProcessorCount} cores");
                await terminal.Out.WriteLineAsync($"{"method".PadRight(width)} {"sMAPE",7} {"MASE",7} " +
                    $"{string.Concat(list.Select(l => $"{"cov" + l.ToString(CultureInfo.InvariantCulture),13}"))} {"MSIS95",8} {"series/s",9}");
                var scores = new List<MethodScore>();
                foreach (var (label, forecast) in chosen)
                {
                    var score = Evaluator.Evaluate(label, forecast, series, parse.GetValue(season), list);
                    scores.Add(score);
                    var coverage = string.Concat(list.Select(l => FormattableString.Invariant(
                        $"{score.Coverage[l] * 100,7:0.0}% ±{score.CoverageError[l] * 100:0.0}")));
                    var failures = score.Failures > 0 ? $"  ({score.Failures} series too short)" : "";
                    var points = FormattableString.Invariant($"{label.PadRight(width)} {score.Smape,7:0.00} {score.Mase,7:0.000}");
                    await terminal.Out.WriteLineAsync(
                        FormattableString.Invariant($"{points} {coverage} {score.Msis95,8:0.00} {score.SeriesPerSecond,9:N0}{failures}"));
                }
                await WriteTotalCoverageAsync(terminal, scores, list, series[0].Test.Length);
                await WriteDifferencesAsync(terminal, scores, width);
            }
            return 0;
        }));
        return new Command("forecast", "Forecasting") { Subcommands = { ForecastRunCommand.Create(terminal, open), eval } };
    }

    /// <summary>How often each series' test periods' total fell inside the interval of that total, for the methods that give one.</summary>
    private static async Task WriteTotalCoverageAsync(ITerminal terminal, IReadOnlyList<MethodScore> scores, IReadOnlyList<double> levels, int periods)
    {
        foreach (var score in scores.Where(s => s.TotalCoverage.Count > 0))
        {
            var coverage = string.Join(", ", levels.Select(l => FormattableString.Invariant(
                $"{score.TotalCoverage[l].Mean:0.0}% ±{score.TotalCoverage[l].StandardError:0.0} at {l}%")));
            await terminal.Out.WriteLineAsync(
                $"{score.Method}: the total of each series' {periods} test periods falls inside the interval of its total for {coverage}");
        }
    }

    /// <summary>
    /// Each method after the first against the first, series by series, where more than one was scored: how much of a
    /// difference in the table is more than chance.
    /// </summary>
    private static async Task WriteDifferencesAsync(ITerminal terminal, IReadOnlyList<MethodScore> scores, int width)
    {
        if (scores.Count < 2)
        {
            return;
        }
        await terminal.Out.WriteLineAsync(
            $"against {scores[0].Method}, series by series: the mean difference ± its standard error (below zero is better)");
        await terminal.Out.WriteLineAsync($"{"method".PadRight(width)} {"sMAPE",15} {"MASE",17} {"series",7}");
        foreach (var score in scores.Skip(1))
        {
            var d = PairedDifference.Of(scores[0], score);
            var smape = FormattableString.Invariant($"{d.Smape.Mean:+0.00;-0.00;0.00} ±{d.Smape.StandardError:0.00}");
            var mase = FormattableString.Invariant($"{d.Mase.Mean:+0.000;-0.000;0.000} ±{d.Mase.StandardError:0.000}");
            await terminal.Out.WriteLineAsync(FormattableString.Invariant($"{score.Method.PadRight(width)} {smape,15} {mase,17} {d.Series,7:N0}"));
        }
    }

    private static bool TryLevels(string text, out List<double> levels)
    {
        levels = [];
        foreach (var part in text.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            if (!double.TryParse(part, NumberStyles.Float, CultureInfo.InvariantCulture, out var level) || level <= 0 || level >= 100)
            {
                return false;
            }
            levels.Add(level);
        }
        return levels.Count > 0;
    }
}
