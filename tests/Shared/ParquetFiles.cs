using System.Globalization;
using Parquet;
using Parquet.Schema;

namespace CostInsights.Testing;

/// <summary>Parquet files made from CSV in tests, typed as the clouds' exports type them.</summary>
public static class ParquetFiles
{
    /// <summary>
    /// The CSV's rows as Parquet, as a cloud's export types them: the cost a decimal, the charge period times, the rest text; with
    /// a list column of tags where asked.
    /// </summary>
    public static async Task<byte[]> FromCsvAsync(string csv, bool tags)
    {
        var lines = csv.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        var header = lines[0].Split(',');
        var rows = lines[1..].Select(l => l.Split(',')).ToArray();
        Field Typed(string name) => name switch
        {
            "BilledCost" => new DecimalDataField(name, 18, 6),
            "ChargePeriodStart" or "ChargePeriodEnd" => new DataField<DateTime>(name),
            _ => new DataField<string>(name),
        };
        var tagField = new DataField("Tags", typeof(string), isNullable: false, isArray: true);
        var schema = new ParquetSchema([.. header.Select(Typed), .. tags ? [tagField] : Array.Empty<Field>()]);
        using var stream = new MemoryStream();
        await using (var writer = await ParquetWriter.CreateAsync(schema, stream))
        {
            using var group = writer.CreateRowGroup();
            for (var c = 0; c < header.Length; c++)
            {
                var values = rows.Select(r => r[c]).ToArray();
                var field = schema.DataFields[c];
                if (header[c] == "BilledCost")
                {
                    await group.WriteAsync<decimal>(field, values.Select(v => decimal.Parse(v, CultureInfo.InvariantCulture)).ToArray());
                }
                else if (header[c] is "ChargePeriodStart" or "ChargePeriodEnd")
                {
                    await group.WriteAsync<DateTime>(field,
                        values.Select(v => DateTime.Parse(v, CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal)).ToArray());
                }
                else
                {
                    await group.WriteAsync(field, values);
                }
            }
            if (tags)
            {
                // Two tags a row: the values in order, and for each a repetition level (0 starts a row's list).
                await group.WriteAsync(tagField, rows.SelectMany(_ => new[] { "env=prod", "owner=ml" }).ToArray(),
                    rows.SelectMany(_ => new[] { 0, 1 }).ToArray());
            }
        }
        return stream.ToArray();
    }
}
