using System.Text;
using CostInsights.Core.Csv;
using CostInsights.Core.Usage;

namespace CostInsights.Cli;

/// <summary>
/// <c>--map field=column</c> and <c>--set field=value</c> for a CSV whose columns are named its own
/// way: the file is rewritten, as a stream, with the usage CSV's field names, constants added as
/// columns, before it is queued.
/// </summary>
internal sealed class CsvColumnMapping
{
    private static readonly HashSet<string> Fields = [.. UsageCsv.RequiredColumns, .. UsageCsv.OptionalColumns];

    private readonly Dictionary<string, string> _columnToField;
    private readonly List<(string Field, string Value)> _constants;

    private CsvColumnMapping(Dictionary<string, string> columnToField, List<(string, string)> constants) =>
        (_columnToField, _constants) = (columnToField, constants);

    /// <summary>The mapping, or the first reason the options cannot be used.</summary>
    public static (CsvColumnMapping? Mapping, string? Error) Parse(IReadOnlyList<string> maps, IReadOnlyList<string> sets)
    {
        var columnToField = new Dictionary<string, string>(StringComparer.Ordinal);
        var constants = new List<(string, string)>();
        foreach (var (option, pairs) in new[] { ("--map", maps), ("--set", sets) })
        {
            foreach (var pair in pairs)
            {
                var equals = pair.IndexOf('=');
                var field = equals > 0 ? pair[..equals].Trim() : "";
                if (!Fields.Contains(field))
                {
                    return (null, $"{option} {pair}: '{field}' is not a usage field; use one of {string.Join(", ", Fields)}.");
                }
                if (option == "--map")
                {
                    columnToField[pair[(equals + 1)..].Trim()] = field;
                }
                else
                {
                    constants.Add((field, pair[(equals + 1)..]));
                }
            }
        }
        return (new CsvColumnMapping(columnToField, constants), null);
    }

    /// <summary>Writes the CSV again with the mapped header and the constant columns.</summary>
    public void Rewrite(TextReader source, TextWriter target)
    {
        var first = true;
        foreach (var row in new CsvStreamReader(source).ReadAll())
        {
            var fields = first
                ? row.Fields.Select(c => _columnToField.GetValueOrDefault(c.Trim(), c)).Concat(_constants.Select(c => c.Field))
                : row.Fields.Concat(_constants.Select(c => c.Value));
            target.Write(string.Join(',', fields.Select(Quote)));
            target.Write("\r\n");
            first = false;
        }
    }

    private static string Quote(string text) =>
        text.IndexOfAny([',', '"', '\r', '\n']) >= 0 ? "\"" + text.Replace("\"", "\"\"") + "\"" : text;
}
