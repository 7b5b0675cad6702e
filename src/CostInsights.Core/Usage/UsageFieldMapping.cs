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

    /// <summary>The moment a request trace's timestamps count from, set as a constant.</summary>
    public const string TimestampOrigin = "timestamp_origin";

    /// <summary>The unit of a trace's timestamps counted from its origin: <c>s</c> (the default) or <c>ms</c>.</summary>
    public const string TimestampUnit = "timestamp_unit";

    private readonly Dictionary<string, string> _columnToField;
    private readonly List<(string Field, string Value)> _constants;
    private readonly TraceClock? _clock;

    private UsageFieldMapping(Dictionary<string, string> columnToField, List<(string, string)> constants, TraceClock? clock) =>
        (_columnToField, _constants, _clock) = (columnToField, constants, clock);

    /// <summary>The mapping, or the first reason the pairs cannot be used.</summary>
    /// <param name="mapLabel">How the column pairs are named in a message (the option, or the form's field).</param>
    public static (UsageFieldMapping? Mapping, string? Error) Parse(IReadOnlyList<string> maps, IReadOnlyList<string> sets, string mapLabel = "--map",
        string setLabel = "--set")
    {
        var columnToField = new Dictionary<string, string>(StringComparer.Ordinal);
        var constants = new List<(string, string)>();
        string? origin = null, unit = null;
        foreach (var (option, pairs) in new[] { (mapLabel, maps), (setLabel, sets) })
        {
            foreach (var pair in pairs)
            {
                var equals = pair.IndexOf('=');
                var field = equals > 0 ? pair[..equals].Trim() : "";
                if (option == setLabel && field is TimestampOrigin or TimestampUnit)
                {
                    (origin, unit) = field == TimestampOrigin ? (pair[(equals + 1)..].Trim(), unit) : (origin, pair[(equals + 1)..].Trim());
                    continue;
                }
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
        if (origin is null && unit is null)
        {
            return (new UsageFieldMapping(columnToField, constants, null), null);
        }
        var (clock, error) = TraceClock.Parse(origin, unit, setLabel);
        return clock is null ? (null, error) : (new UsageFieldMapping(columnToField, constants, clock), null);
    }

    /// <summary>Pairs as written one a line (blank lines ignored).</summary>
    public static IReadOnlyList<string> Lines(string? text) =>
        (text ?? "").Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    /// <summary>The source's name for a usage field: the column mapped to it, or the field's own name.</summary>
    public string SourceOf(string field) => _columnToField.FirstOrDefault(p => p.Value == field).Key ?? field;

    /// <summary>The constant set for a field, if any.</summary>
    public string? ConstantOf(string field) => _constants.LastOrDefault(c => c.Field == field).Value;

    /// <summary>
    /// A timestamp as read through the mapping: a trace's count of seconds or milliseconds after its origin becomes that moment
    /// in ISO 8601; any other text (or any text without an origin) is left to be read, or refused, as a timestamp.
    /// </summary>
    public string Timestamp(string text) => _clock?.Moment(text) ?? text;

    /// <summary>
    /// What one read of a CSV applies to each row: the header given the usage fields' names and the constants' columns, each
    /// row the constants' values and its timestamp read through <see cref="Timestamp"/>.
    /// </summary>
    public Func<CsvRow, bool, CsvRow> Transform()
    {
        var timestampAt = -1;
        return (row, isHeader) =>
        {
            if (isHeader)
            {
                var names = row.Fields.Select(c => _columnToField.GetValueOrDefault(c.Trim(), c)).ToList();
                timestampAt = names.IndexOf(UsageCsv.Timestamp);
                return row with { Fields = [.. names, .. _constants.Select(c => c.Field)] };
            }
            if (_clock is null || timestampAt < 0 || timestampAt >= row.Fields.Count)
            {
                return row with { Fields = [.. row.Fields, .. _constants.Select(c => c.Value)] };
            }
            var fields = new List<string>(row.Fields);
            fields[timestampAt] = Timestamp(fields[timestampAt]);
            return row with { Fields = [.. fields, .. _constants.Select(c => c.Value)] };
        };
    }

    /// <summary>Writes the CSV again with the mapped header, the constant columns and the timestamps as read.</summary>
    public void Rewrite(TextReader source, TextWriter target)
    {
        var first = true;
        var transform = Transform();
        foreach (var row in new CsvStreamReader(source).ReadAll())
        {
            target.Write(string.Join(',', transform(row, first).Fields.Select(Quote)));
            target.Write("\r\n");
            first = false;
        }
    }

    private static string Quote(string text) =>
        text.IndexOfAny([',', '"', '\r', '\n']) >= 0 ? "\"" + text.Replace("\"", "\"\"") + "\"" : text;
}
