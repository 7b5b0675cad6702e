using System.Data;
using CostInsights.Core.Data;
using CostInsights.Core.PriceSheets;
using CostInsights.Core.Usage;
using CostInsights.Pricing;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;

namespace CostInsights.Core.Ingestion;

/// <summary>
/// Stores a batch of cost lines (billed amounts, compute-time charges) in one transaction: each
/// priced at its period's start from the capacity offer in force unless it gives its amount, a line
/// already stored skipped by its natural key, a bad one kept with line, field and reason.
/// </summary>
internal sealed class CostLineIngestion(CostInsightsDbContext db, IngestionOptions options, DateTime latestAllowed)
{
    private static readonly (string Column, DbType? Type)[] Columns =
    [
        (nameof(CostLine.Kind), DbType.String), (nameof(CostLine.PeriodStart), null), (nameof(CostLine.PeriodEnd), null),
            (nameof(CostLine.Provider), DbType.String),
        (nameof(CostLine.Model), DbType.String), (nameof(CostLine.Team), DbType.String), (nameof(CostLine.Description), DbType.String),
        (nameof(CostLine.ChargeClass), DbType.String), (nameof(CostLine.Quantity), DbType.Decimal), (nameof(CostLine.Unit), DbType.String),
            (nameof(CostLine.Amount), DbType.Decimal),
        (nameof(CostLine.PriceSheetId), DbType.Int32), (nameof(CostLine.IngestionBatchId), DbType.Int64), (nameof(CostLine.NaturalKey), DbType.String),
    ];

    public async Task RunAsync(IngestionBatch batch, IEnumerable<CostLineReadResult> lines, Action<long>? onRead, CancellationToken cancellationToken)
    {
        var prices = await PricesInForce.LoadAsync(db, cancellationToken);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        using var insert = new PreparedCommand(db.Database.GetDbConnection(), transaction.GetDbTransaction(),
            PreparedCommand.Insert("CostLines", Columns.Select(c => c.Column), $"ON CONFLICT (\"{nameof(CostLine.NaturalKey)}\") DO NOTHING"),
            [.. Columns.Select(c => c.Type)]);
        long read = 0;
        foreach (var result in lines)
        {
            if (++read % 1000 == 0)
            {
                onRead?.Invoke(read);
            }
            var (line, column, reason) = result.Row is { } row ? Price(row, prices, batch.Id) : (null, result.Column, result.Reason);
            if (line is null)
            {
                batch.RowsRejected++;
                if (batch.RowsRejected <= options.MaxRejectedRowsKept)
                {
                    db.RejectedRows.Add(new RejectedRow { IngestionBatchId = batch.Id, LineNumber = result.LineNumber, Column = column, Reason = reason! });
                }
                continue;
            }
            var stored = await insert.ExecuteAsync(
                [line.Kind, line.PeriodStart, line.PeriodEnd, line.Provider, line.Model, line.Team, line.Description, line.ChargeClass, line.Quantity,
                 line.Unit, line.Amount, line.PriceSheetId, line.IngestionBatchId, line.NaturalKey], cancellationToken) == 1;
            if (stored)
            {
                batch.RowsAccepted++;
                if (line.Kind == CostLineKinds.ComputeTime)
                {
                    batch.ComputeCost += line.Amount;
                }
                else
                {
                    batch.TokenCost += line.Amount;
                }
            }
            else
            {
                batch.RowsDuplicate++;
            }
        }
        onRead?.Invoke(read);
        batch.RowsRead = read;
        batch.RowsCommitted = read;
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
    }

    /// <summary>The line with its amount, or why it cannot be priced.</summary>
    private (CostLine? Line, string? Column, string? Reason) Price(CostLineRow row, PriceBook prices, long batchId)
    {
        if (Check(row) is { } problem)
        {
            return (null, problem.Column, problem.Reason);
        }
        try
        {
            return PriceChecked(row, prices, batchId);
        }
        catch (OverflowException)
        {
            return (null, "units", "the amount it comes to is too large to be a charge");
        }
    }

    /// <summary>The largest amount, quantity or number of hours a line may give: more is a broken number, not a bill.</summary>
    private const decimal MaxQuantity = 1_000_000_000_000m;

    private (string Column, string Reason)? Check(CostLineRow row)
    {
        if (row.PeriodStart < UsageLimits.Earliest)
        {
            return ("period_start", $"{row.PeriodStart:yyyy-MM-dd} is before {UsageLimits.Earliest:yyyy-MM-dd}");
        }
        if (row.PeriodStart > latestAllowed)
        {
            return ("period_start", $"{row.PeriodStart:yyyy-MM-dd} is in the future");
        }
        var tooLong = UsageLimits.TooLong("provider", row.Provider, UsageLimits.ProviderLength)
            ?? UsageLimits.TooLong("model", row.Model, UsageLimits.NameLength)
            ?? UsageLimits.TooLong("team", row.Team, UsageLimits.NameLength) ?? UsageLimits.TooLong("workload", row.Description, UsageLimits.NameLength);
        if (tooLong is not null)
        {
            return tooLong;
        }
        foreach (var (column, value) in new[] { ("units", row.Units), ("hours", row.Hours), ("compute_seconds", row.ComputeSeconds), ("amount", row.Amount) })
        {
            if (value is < -MaxQuantity or > MaxQuantity)
            {
                return (column, $"{value} is not between -{MaxQuantity:N0} and {MaxQuantity:N0}");
            }
        }
        return null;
    }

    private static (CostLine? Line, string? Column, string? Reason) PriceChecked(CostLineRow row, PriceBook prices, long batchId)
    {
        decimal amount;
        int? sheet = null;
        var (quantity, unit) = row.Units is { } units && row.Hours is { } hours ? (units * hours, "unit-hours")
            : row.ComputeSeconds is { } seconds ? (seconds, "compute-seconds")
            : (row.Amount ?? 0m, "USD");
        if (row.Amount is { } given)
        {
            amount = given;
        }
        else if (unit == "unit-hours")
        {
            if (prices.UnitHourRateAt(row.Provider, row.Model!, row.PeriodStart) is not { } rate)
            {
                return (null, "model",
                    $"no capacity offer prices {row.Provider}/{row.Model} on {row.PeriodStart:yyyy-MM-dd}: activate a sheet with one, or give the amount");
            }
            (amount, sheet) = (quantity * rate.Rates, rate.PriceSheetId);
        }
        else
        {
            if (prices.ComputeRatesAt(row.Provider, row.Model!, row.PeriodStart) is not { } rates)
            {
                return (null, "model",
                    $"no compute-time price for {row.Provider}/{row.Model} on {row.PeriodStart:yyyy-MM-dd}: activate a sheet with its capacity offer, or " +
                    "give the amount");
            }
            (amount, sheet) = (ComputeTimeCalculator.Cost(quantity, rates.Rates), rates.PriceSheetId);
        }
        return (new CostLine
        {
            Kind = row.Kind,
            PeriodStart = row.PeriodStart,
            PeriodEnd = row.PeriodEnd,
            Provider = row.Provider,
            Model = row.Model,
            Team = row.Team,
            Description = row.Description,
            ChargeClass = row.ChargeClass,
            Quantity = quantity,
            Unit = unit,
            Amount = amount,
            PriceSheetId = sheet,
            IngestionBatchId = batchId,
            NaturalKey = row.NaturalKey,
        }, null, null);
    }
}
