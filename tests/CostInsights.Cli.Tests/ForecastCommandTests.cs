using System.Text;

namespace CostInsights.Cli.Tests;

public sealed class ForecastCommandTests
{
    [Fact]
    public async Task Eval_prints_each_methods_scores()
    {
        // Two seasonal series of 48 months (train) and 6 (test): a repeating pattern times a gentle trend.
        var csv = new StringBuilder("series_id,split,t,value\n");
        foreach (var id in new[] { "A", "B" })
        {
            for (var t = 1; t <= 54; t++)
            {
                var value = (100 + t) * (1 + 0.3 * Math.Sin(2 * Math.PI * t / 12)) + (id == "B" ? 50 : 0);
                csv.Append(System.Globalization.CultureInfo.InvariantCulture, $"{id},{(t <= 48 ? "train" : "test")},{t},{value}\n");
            }
        }
        var folder = Directory.CreateTempSubdirectory("costinsights-eval").FullName;
        var file = Path.Combine(folder, "series.csv");
        await File.WriteAllTextAsync(file, csv.ToString());
        var other = Path.Combine(folder, "other.csv");
        await File.WriteAllTextAsync(other, string.Join("\n", csv.ToString().Split('\n').Where(l => !l.StartsWith("B,", StringComparison.Ordinal))));
        var terminal = new TextTerminal(new StringReader(""));

        var code = await CliApp.RunAsync(["forecast", "eval", "--data", file, "--data", other, "--method", "all", "--levels", "80,95"], terminal);

        code.ShouldBe(0, terminal.Error.ToString());
        var output = terminal.Out.ToString()!;
        output.ShouldContain("series.csv: 2 series, season 12");
        output.ShouldContain("other.csv: 1 series, season 12");
        output.Split('\n').Count(l => l.StartsWith("theta ", StringComparison.Ordinal))
            .ShouldBe(4, "a line for theta in each benchmark's table, and one in its comparison with the first method");
        output.ShouldContain("sMAPE");
        foreach (var method in new[] { "snaive", "naive2", "drift", "ses", "theta", "arima", "ets-arima-theta", "auto" })
        {
            output.ShouldContain(method);
        }
        // All of them: the automatic method first, so that each other is compared with it.
        output.ShouldContain("against auto, series by series");

        // Validation scores the training parts' last 6 months: 42 months seen, the same two series.
        var validation = new TextTerminal(new StringReader(""));
        (await CliApp.RunAsync(["forecast", "eval", "--data", file, "--method", "theta", "--validation"], validation)).ShouldBe(0);
        validation.Out.ToString()!.ShouldContain("series.csv (validation: the training parts' last periods): 2 series");
        validation.Out.ToString()!.Split('\n').Single(l => l.StartsWith("theta ", StringComparison.Ordinal))
            .ShouldNotBe(output.Split('\n').First(l => l.StartsWith("theta ", StringComparison.Ordinal)), "other months are scored");
        (await CliApp.RunAsync(["forecast", "eval", "--data", file, "--method", "prophet"], terminal)).ShouldBe(2);
        (await CliApp.RunAsync(["forecast", "eval", "--data", file, "--levels", "150"], terminal)).ShouldBe(2);
        (await CliApp.RunAsync(["forecast", "eval", "--data", Path.Combine(folder, "missing.csv")], terminal)).ShouldBe(2);
    }

    [Fact]
    public async Task Eval_compares_each_method_with_the_first_series_by_series()
    {
        // Twelve trending seasonal series, each with its own noise: seasonal naive misses the trend that drift follows.
        var csv = new StringBuilder("series_id,split,t,value\n");
        var random = new Random(7);
        for (var k = 0; k < 12; k++)
        {
            for (var t = 1; t <= 42; t++)
            {
                var value = (100 + 3 * t) * (1 + 0.2 * Math.Sin(2 * Math.PI * t / 12)) + 10 * random.NextDouble();
                csv.Append(System.Globalization.CultureInfo.InvariantCulture, $"S{k},{(t <= 36 ? "train" : "test")},{t},{value}\n");
            }
        }
        var file = Path.Combine(Directory.CreateTempSubdirectory("costinsights-eval").FullName, "series.csv");
        await File.WriteAllTextAsync(file, csv.ToString());
        var terminal = new TextTerminal(new StringReader(""));

        (await CliApp.RunAsync(["forecast", "eval", "--data", file, "--method", "snaive, drift"], terminal)).ShouldBe(0, terminal.Error.ToString());

        var lines = terminal.Out.ToString()!.Split('\n');
        static string[] Fields(string line) => line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        static double Number(string text) => double.Parse(text.TrimEnd('%'), System.Globalization.CultureInfo.InvariantCulture);
        var table = lines.Where(l => l.StartsWith("snaive ", StringComparison.Ordinal) || l.StartsWith("drift ", StringComparison.Ordinal))
            .Select(Fields).ToList();
        table.Count.ShouldBe(3, "two rows of scores and one row of differences");
        table[0][4].ShouldStartWith("±", customMessage: "coverage comes with its standard error");
        lines.ShouldContain("against snaive, series by series: the mean difference ± its standard error (below zero is better)");
        var difference = table[2];
        difference[0].ShouldBe("drift");
        // Both forecast every series, so the mean difference is the difference of the means, to the table's rounding.
        Number(difference[1]).ShouldBe(Number(table[1][1]) - Number(table[0][1]), 0.011);
        Number(difference[3]).ShouldBe(Number(table[1][2]) - Number(table[0][2]), 0.0011);
        Number(difference[1]).ShouldBeLessThan(0, "drift follows the trend seasonal naive misses");
        Number(difference[2].TrimStart('±')).ShouldBeGreaterThan(0);
        difference[^1].ShouldBe("12");

        lines.ShouldNotContain(l => l.Contains("interval of its total", StringComparison.Ordinal), "neither method gives an interval of a total");

        // The automatic method also says how often each series' six test months' total fell inside the interval of that total.
        var auto = new TextTerminal(new StringReader(""));
        (await CliApp.RunAsync(["forecast", "eval", "--data", file, "--method", "auto"], auto)).ShouldBe(0, auto.Error.ToString());
        auto.Out.ToString()!.ShouldMatch(
            @"auto: the total of each series' 6 test periods falls inside the interval of its total for \d+\.\d% ±\d+\.\d at 80%, \d+\.\d% ±\d+\.\d at 95%");

        var unknown = new TextTerminal(new StringReader(""));
        (await CliApp.RunAsync(["forecast", "eval", "--data", file, "--method", "snaive,prophet"], unknown)).ShouldBe(2);
        unknown.Error.ToString()!.ShouldContain("Unknown method 'prophet'");
    }

    [Fact]
    public async Task Eval_scores_an_earlier_validation_fold_where_asked()
    {
        // A: 48 months of training, 6 of test; C: 10 and 6, long enough for the first fold only.
        var csv = new StringBuilder("series_id,split,t,value\n");
        foreach (var (id, train) in new[] { ("A", 48), ("C", 10) })
        {
            for (var t = 1; t <= train + 6; t++)
            {
                var value = (100 + t) * (1 + 0.3 * Math.Sin(2 * Math.PI * t / 12));
                csv.Append(System.Globalization.CultureInfo.InvariantCulture, $"{id},{(t <= train ? "train" : "test")},{t},{value}\n");
            }
        }
        var file = Path.Combine(Directory.CreateTempSubdirectory("costinsights-eval").FullName, "series.csv");
        await File.WriteAllTextAsync(file, csv.ToString());
        string[] args = ["forecast", "eval", "--data", file, "--method", "snaive"];
        var first = new TextTerminal(new StringReader(""));
        var second = new TextTerminal(new StringReader(""));

        (await CliApp.RunAsync([.. args, "--validation"], first)).ShouldBe(0, first.Error.ToString());
        (await CliApp.RunAsync([.. args, "--validation", "2"], second)).ShouldBe(0, second.Error.ToString());

        first.Out.ToString()!.ShouldContain("series.csv (validation: the training parts' last periods): 2 series");
        second.Out.ToString()!.ShouldContain("series.csv (validation fold 2: the training parts' periods before fold 1's): 1 series");
        static string Line(TextTerminal terminal) => terminal.Out.ToString()!.Split('\n').Single(l => l.StartsWith("snaive ", StringComparison.Ordinal));
        Line(second).ShouldNotBe(Line(first), "the second fold scores other months");

        var bad = new TextTerminal(new StringReader(""));
        (await CliApp.RunAsync([.. args, "--validation", "0"], bad)).ShouldNotBe(0);
        bad.Error.ToString()!.ShouldContain("--validation takes a fold from 1 up (1 when left out), not '0'.");
        bad.Out.ToString()!.Split('\n').ShouldNotContain(l => l.StartsWith("snaive ", StringComparison.Ordinal), "nothing is scored");
    }

    [Fact]
    public async Task Eval_names_the_file_and_line_of_a_value_it_cannot_forecast_from()
    {
        var folder = Directory.CreateTempSubdirectory("costinsights-eval").FullName;
        var file = Path.Combine(folder, "broken.csv");
        await File.WriteAllTextAsync(file, "series_id,split,t,value\nA,train,1,5\nA,train,2,NaN\nA,test,3,6\n");
        var terminal = new TextTerminal(new StringReader(""));

        (await CliApp.RunAsync(["forecast", "eval", "--data", file, "--method", "auto"], terminal)).ShouldBe(2);

        terminal.Error.ToString()!.Trim().ShouldBe("broken.csv, line 3: value 'NaN' is not a finite number; nothing was evaluated from it.");
        terminal.Out.ToString()!.ShouldNotContain("sMAPE");
    }

    [Theory]
    [InlineData("series_id,split,t,value\n", false, "header-only.csv has no series; nothing was evaluated from it.")]
    [InlineData("series_id,split,t,value\nA,train,1,5\nA,test,2,6\n", true,
        "header-only.csv has no series with a training part long enough to hold back a validation part; nothing was evaluated from it.")]
    public async Task Eval_says_when_a_file_holds_nothing_to_score(string content, bool validation, string message)
    {
        var folder = Directory.CreateTempSubdirectory("costinsights-eval").FullName;
        var file = Path.Combine(folder, "header-only.csv");
        await File.WriteAllTextAsync(file, content);
        var terminal = new TextTerminal(new StringReader(""));
        string[] args = ["forecast", "eval", "--data", file, "--method", "snaive"];

        (await CliApp.RunAsync(validation ? [.. args, "--validation"] : args, terminal)).ShouldBe(2);

        terminal.Error.ToString()!.Trim().ShouldBe(message);
        terminal.Out.ToString()!.ShouldNotContain("sMAPE");
    }
}
