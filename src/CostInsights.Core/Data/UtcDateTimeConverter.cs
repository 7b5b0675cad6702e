using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace CostInsights.Core.Data;

/// <summary>Every stored time is UTC; SQLite hands times back unspecified, so mark them on read.</summary>
internal sealed class UtcDateTimeConverter() : ValueConverter<DateTime, DateTime>(
    v => v.Kind == DateTimeKind.Utc ? v : DateTime.SpecifyKind(v.ToUniversalTime(), DateTimeKind.Utc),
    v => DateTime.SpecifyKind(v, DateTimeKind.Utc));
