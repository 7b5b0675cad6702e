using CostInsights.Core.Csv;

namespace CostInsights.Core.Usage;

/// <summary>
/// How a source whose columns (CSV) or fields (JSON) are named its own way becomes usage rows:
/// <c>field=column</c> pairs (<c>--map</c> on the command line) and <c>field=value</c> constants
/// (<c>--set</c>), or a mapping saved per source in the app. Each row is read through it as it
/// streams, the constants filling the fields the source lacks.
/// </summary>
public sealed class UsageFieldMapping
{
    private static readonly HashSet<string> Fields = [.. UsageCsv.RequiredColumns, .. UsageCsv.OptionalColumns];

    private readonly Dictionary<string, string> _columnToField;
    private readonly List<(string Field, string Value)> _constants;

    private UsageFieldMapping(Dictionary<string, string> columnToField, List<(string, string)> constants) =>
        (_columnToField, _constants) = (columnToField, constants);

    /// <summary>The mapping, or the first reason the pairs cannot be used.</summary>
    /// <param name="mapLabel">How the column pairs are named in a message (the option, or the form's field).</param>
    public static (UsageFieldMapping? Mapping, string? Error) Parse(IReadOnlyList<string> maps, IReadOnlyList<string> sets, string mapLabel = "--map",
        string setLabel = "--set")
    {
        var columnToField = new Dictionary<string, string>(StringComparer.Ordinal);
        var constants = new List<(string, string)>();
        foreach (var (option, pairs) in new[] { (mapLabel, maps), (setLabel, sets) })
        {
            foreach (var pair in pairs)
            {
                var equals = pair.IndexOf('=');
                var field = equals > 0 ? pair[..equals].Trim() : "";
                if (!Fields.Contains(field))
                {
                    return (null, $"{option} {pair}: '{field}' is not a usage field; use one of {string.Join(", ", Fields)}.");
                }
                if (option == mapLabel && pair[(equals + 1)..].Trim().Length == 0)
                {
                    return (null, $"{option} {pair}: name the column to read {field} from.");
                }
                if (option == mapLabel)
                {
                    columnToField[pair[(equals + 1)..].Trim()] = field;
                }
                else
                {
                    constants.Add((field, pair[(equals + 1)..]));
                }
            }
        }
        return (new UsageFieldMapping(columnToField, constants), null);
    }

    /// <summary>Pairs as written one a line (blank lines ignored).</summary>
    public static IReadOnlyList<string> Lines(string? text) =>
        (text ?? "").Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    /// <summary>The source's name for a usage field: the column mapped to it, or the field's own name.</summary>
    public string SourceOf(string field) => _columnToField.FirstOrDefault(p => p.Value == field).Key ?? field;

    /// <summary>The constant set for a field, if any.</summary>
    public string? ConstantOf(string field) => _constants.LastOrDefault(c => c.Field == field).Value;

    /// <summary>The header with the usage fields' names and the constants' columns, or a row with the constants' values.</summary>
    public CsvRow Apply(CsvRow row, bool isHeader) => row with
    {
        Fields = isHeader
            ? [.. row.Fields.Select(c => _columnToField.GetValueOrDefault(c.Trim(), c)), .. _constants.Select(c => c.Field)]
            : [.. row.Fields, .. _constants.Select(c => c.Value)],
    };

    /// <summary>Writes the CSV again with the mapped header and the constant columns.</summary>
    public void Rewrite(TextReader source, TextWriter target)
    {
        var first = true;
        foreach (var row in new CsvStreamReader(source).ReadAll())
        {
            target.Write(string.Join(',', Apply(row, first).Fields.Select(Quote)));
            target.Write("\r\n");
            first = false;
        }
    }

    private static string Quote(string text) =>
        text.IndexOfAny([',', '"', '\r', '\n']) >= 0 ? "\"" + text.Replace("\"", "\"\"") + "\"" : text;
}
