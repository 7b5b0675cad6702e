namespace CostInsights.Core.Reconciliation;

/// <summary>
/// Which model of the usage a bill means when it names it another way: a cloud meter writes "gpt-4o-0806" or "gpt 4o 0806" for
/// usage logged as gpt-4o, and a provider may bill a dated snapshot of a model logged without its date. Names are compared by
/// their letters, digits and dots; one name is the other followed by a version (a digit), and the longest such match wins.
/// </summary>
public static class ModelNames
{
    /// <summary>The usage model the billed name means, or null when none, or more than one equally, does.</summary>
    public static string? Resolve(string billed, IReadOnlyCollection<string> usage)
    {
        var name = Normal(billed);
        if (name.Length == 0)
        {
            return null;
        }
        var best = (Model: (string?)null, Length: 0, Tied: false);
        foreach (var model in usage)
        {
            var candidate = Normal(model);
            var length = candidate == name ? int.MaxValue
                : Versioned(name, candidate) ? candidate.Length
                : Versioned(candidate, name) ? name.Length
                : 0;
            if (length == 0 || length < best.Length)
            {
                continue;
            }
            best = length == best.Length ? best with { Tied = true } : (model, length, false);
        }
        return best.Tied ? null : best.Model;
    }

    /// <summary>Whether a name is the base followed by a version: gpt4o0806 of gpt4o, not gpt4omini of gpt4o.</summary>
    private static bool Versioned(string name, string stem) =>
        stem.Length > 0 && name.Length > stem.Length && name.StartsWith(stem, StringComparison.Ordinal) && char.IsAsciiDigit(name[stem.Length]);

    private static string Normal(string model) =>
        new([.. model.ToLowerInvariant().Where(c => char.IsAsciiLetterOrDigit(c) || c == '.')]);
}
