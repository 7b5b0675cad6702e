using System.Globalization;

namespace CostInsights.Core.Data;

/// <summary>
/// Times and decimals as EF Core and Microsoft.Data.Sqlite store them in SQLite's text columns
/// (<c>yyyy-MM-dd HH:mm:ss.FFFFFFF</c>, and <c>0.0###…</c> with up to 28 decimals), written without
/// the general formatting machinery, in ASCII, which is UTF-8: a bulk insert writes a few of them for
/// every record.
/// </summary>
internal static class SqliteText
{
    /// <summary>Room enough for either.</summary>
    public const int MaxLength = 40;

    /// <summary>Writes the time, its fraction of a second without trailing zeros (none at all on the second); returns the characters written.</summary>
    public static int Write(DateTime value, Span<byte> destination)
    {
        value.Deconstruct(out int year, out int month, out int day);
        var ofDay = value.Ticks % TimeSpan.TicksPerDay;
        Digits(destination[..4], year);
        destination[4] = (byte)'-';
        Digits(destination.Slice(5, 2), month);
        destination[7] = (byte)'-';
        Digits(destination.Slice(8, 2), day);
        destination[10] = (byte)' ';
        Digits(destination.Slice(11, 2), (int)(ofDay / TimeSpan.TicksPerHour));
        destination[13] = (byte)':';
        Digits(destination.Slice(14, 2), (int)(ofDay / TimeSpan.TicksPerMinute % 60));
        destination[16] = (byte)':';
        Digits(destination.Slice(17, 2), (int)(ofDay / TimeSpan.TicksPerSecond % 60));
        var fraction = (int)(ofDay % TimeSpan.TicksPerSecond);
        if (fraction == 0)
        {
            return 19;
        }
        var places = 7;
        while (fraction % 10 == 0)
        {
            fraction /= 10;
            places--;
        }
        destination[19] = (byte)'.';
        Digits(destination.Slice(20, places), fraction);
        return 20 + places;
    }

    /// <summary>Writes the number with at least one decimal and no trailing zeros beyond it; returns the characters written.</summary>
    public static int Write(decimal value, Span<byte> destination)
    {
        // A decimal's general format is fixed-point, every digit of its scale kept.
        value.TryFormat(destination, out var written, default, CultureInfo.InvariantCulture);
        if (destination[..written].IndexOf((byte)'.') < 0)
        {
            destination[written] = (byte)'.';
            destination[written + 1] = (byte)'0';
            return written + 2;
        }
        while (destination[written - 1] == '0' && destination[written - 2] != '.')
        {
            written--;
        }
        return written;
    }

    private static void Digits(Span<byte> destination, int value)
    {
        for (var i = destination.Length - 1; i >= 0; i--)
        {
            destination[i] = (byte)('0' + value % 10);
            value /= 10;
        }
    }
}
