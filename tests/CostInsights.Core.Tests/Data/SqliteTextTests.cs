using System.Globalization;
using CostInsights.Core.Data;

namespace CostInsights.Core.Tests.Data;

/// <summary>The bulk path's text must be exactly what Microsoft.Data.Sqlite writes, or EF reads it back differently.</summary>
public sealed class SqliteTextTests
{
    // Microsoft.Data.Sqlite's own formats for the two types.
    private const string TimeFormat = @"yyyy\-MM\-dd HH\:mm\:ss.FFFFFFF";
    private const string DecimalFormat = "0.0###########################";

    [Fact]
    public void Times_are_written_as_Microsoft_Data_Sqlite_writes_them()
    {
        DateTime[] edges =
        [
            DateTime.MinValue, DateTime.MaxValue, new(2026, 1, 1, 0, 0, 0, DateTimeKind.Utc),
            new DateTime(2024, 2, 29, 23, 59, 59, DateTimeKind.Utc).AddTicks(1),
            new DateTime(2025, 12, 31, 9, 5, 7, DateTimeKind.Utc).AddTicks(1_000_000),
            new DateTime(2025, 12, 31, 9, 5, 7, DateTimeKind.Utc).AddTicks(1_230_400),
        ];
        var random = new Random(7);
        var times = edges.Concat(Enumerable.Range(0, 20_000).Select(_ => new DateTime(random.NextInt64(DateTime.MaxValue.Ticks), DateTimeKind.Utc)));
        foreach (var time in times)
        {
            Written(time).ShouldBe(time.ToString(TimeFormat, CultureInfo.InvariantCulture));
        }
    }

    [Fact]
    public void Decimals_are_written_as_Microsoft_Data_Sqlite_writes_them()
    {
        decimal[] edges =
        [
            0m, 0.00m, -0m, 1m, -1m, 10m, 100.00m, 1.50m, -0.000001m, 0.1000m, decimal.MaxValue, decimal.MinValue,
            0.0000000000000000000000000001m, 1.015554375m, 79228162514264337593543950.335m,
        ];
        var random = new Random(11);
        var numbers = edges.Concat(Enumerable.Range(0, 20_000).Select(_ =>
            new decimal(random.Next(), random.Next(), random.Next(0, 1000), random.Next(2) == 0, (byte)random.Next(29))));
        foreach (var number in numbers)
        {
            Written(number).ShouldBe(number.ToString(DecimalFormat, CultureInfo.InvariantCulture), number.ToString(CultureInfo.InvariantCulture));
        }
    }

    private static string Written(DateTime value)
    {
        var text = new byte[SqliteText.MaxLength];
        return System.Text.Encoding.UTF8.GetString(text, 0, SqliteText.Write(value, text));
    }

    private static string Written(decimal value)
    {
        var text = new byte[SqliteText.MaxLength];
        return System.Text.Encoding.UTF8.GetString(text, 0, SqliteText.Write(value, text));
    }
}
