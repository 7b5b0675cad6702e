using CostInsights.Core.Data;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace CostInsights.Migrations;

/// <summary>Users, catalog, price sheets, usage with rollups, ingestion, forecasts, scenarios, budgets, jobs.</summary>
[DbContext(typeof(CostInsightsDbContext))]
[Migration("20261122000000_Initial")]
public sealed class Initial : Migration
{
    private const int Name = 200;
    private const int Key = 100;
    private const int Text = 2000;

    protected override void Up(MigrationBuilder mb)
    {
        CreateIdentity(mb);
        CreateCatalog(mb);
        CreatePriceSheets(mb);
        CreateIngestionAndUsage(mb);
        CreatePlanning(mb);
        CreateOperations(mb);
    }

    private static void CreateIdentity(MigrationBuilder mb)
    {
        mb.CreateTable("AspNetRoles", c => new
        {
            Id = c.Text(),
            Name = c.Text(256, nullable: true),
            NormalizedName = c.Text(256, nullable: true),
            ConcurrencyStamp = c.Text(nullable: true),
        }, constraints: t => t.PrimaryKey("PK_AspNetRoles", x => x.Id));

        mb.CreateTable("AspNetUsers", c => new
        {
            Id = c.Text(),
            UserName = c.Text(256, nullable: true),
            NormalizedUserName = c.Text(256, nullable: true),
            Email = c.Text(256, nullable: true),
            NormalizedEmail = c.Text(256, nullable: true),
            EmailConfirmed = c.Column<bool>(nullable: false),
            PasswordHash = c.Text(nullable: true),
            SecurityStamp = c.Text(nullable: true),
            ConcurrencyStamp = c.Text(nullable: true),
            PhoneNumber = c.Text(nullable: true),
            PhoneNumberConfirmed = c.Column<bool>(nullable: false),
            TwoFactorEnabled = c.Column<bool>(nullable: false),
            LockoutEnd = c.Column<DateTimeOffset>(nullable: true),
            LockoutEnabled = c.Column<bool>(nullable: false),
            AccessFailedCount = c.Column<int>(nullable: false),
        }, constraints: t => t.PrimaryKey("PK_AspNetUsers", x => x.Id));

        mb.CreateTable("AspNetRoleClaims", c => new
        {
            Id = c.Identity<int>(),
            RoleId = c.Text(),
            ClaimType = c.Text(nullable: true),
            ClaimValue = c.Text(nullable: true),
        }, constraints: t =>
        {
            t.PrimaryKey("PK_AspNetRoleClaims", x => x.Id);
            t.ForeignKey("FK_AspNetRoleClaims_AspNetRoles_RoleId", x => x.RoleId, "AspNetRoles", "Id", onDelete: ReferentialAction.Cascade);
        });

        mb.CreateTable("AspNetUserClaims", c => new
        {
            Id = c.Identity<int>(),
            UserId = c.Text(),
            ClaimType = c.Text(nullable: true),
            ClaimValue = c.Text(nullable: true),
        }, constraints: t =>
        {
            t.PrimaryKey("PK_AspNetUserClaims", x => x.Id);
            t.ForeignKey("FK_AspNetUserClaims_AspNetUsers_UserId", x => x.UserId, "AspNetUsers", "Id", onDelete: ReferentialAction.Cascade);
        });

        mb.CreateTable("AspNetUserLogins", c => new
        {
            LoginProvider = c.Text(),
            ProviderKey = c.Text(),
            ProviderDisplayName = c.Text(nullable: true),
            UserId = c.Text(),
        }, constraints: t =>
        {
            t.PrimaryKey("PK_AspNetUserLogins", x => new { x.LoginProvider, x.ProviderKey });
            t.ForeignKey("FK_AspNetUserLogins_AspNetUsers_UserId", x => x.UserId, "AspNetUsers", "Id", onDelete: ReferentialAction.Cascade);
        });

        mb.CreateTable("AspNetUserRoles", c => new
        {
            UserId = c.Text(),
            RoleId = c.Text(),
        }, constraints: t =>
        {
            t.PrimaryKey("PK_AspNetUserRoles", x => new { x.UserId, x.RoleId });
            t.ForeignKey("FK_AspNetUserRoles_AspNetRoles_RoleId", x => x.RoleId, "AspNetRoles", "Id", onDelete: ReferentialAction.Cascade);
            t.ForeignKey("FK_AspNetUserRoles_AspNetUsers_UserId", x => x.UserId, "AspNetUsers", "Id", onDelete: ReferentialAction.Cascade);
        });

        mb.CreateTable("AspNetUserTokens", c => new
        {
            UserId = c.Text(),
            LoginProvider = c.Text(),
            Name = c.Text(),
            Value = c.Text(nullable: true),
        }, constraints: t =>
        {
            t.PrimaryKey("PK_AspNetUserTokens", x => new { x.UserId, x.LoginProvider, x.Name });
            t.ForeignKey("FK_AspNetUserTokens_AspNetUsers_UserId", x => x.UserId, "AspNetUsers", "Id", onDelete: ReferentialAction.Cascade);
        });

        mb.CreateIndex("IX_AspNetRoleClaims_RoleId", "AspNetRoleClaims", "RoleId");
        mb.CreateIndex("RoleNameIndex", "AspNetRoles", "NormalizedName", unique: true);
        mb.CreateIndex("IX_AspNetUserClaims_UserId", "AspNetUserClaims", "UserId");
        mb.CreateIndex("IX_AspNetUserLogins_UserId", "AspNetUserLogins", "UserId");
        mb.CreateIndex("IX_AspNetUserRoles_RoleId", "AspNetUserRoles", "RoleId");
        mb.CreateIndex("EmailIndex", "AspNetUsers", "NormalizedEmail");
        mb.CreateIndex("UserNameIndex", "AspNetUsers", "NormalizedUserName", unique: true);
    }

    private static void CreateCatalog(MigrationBuilder mb)
    {
        mb.CreateTable("Providers", c => new
        {
            Id = c.Text(Key),
            DisplayName = c.Text(Name),
        }, constraints: t => t.PrimaryKey("PK_Providers", x => x.Id));

        mb.CreateTable("Models", c => new
        {
            Id = c.Identity<int>(),
            Provider = c.Text(Key),
            Name = c.Text(Name),
            Family = c.Text(Name, nullable: true),
            SizeClass = c.Text(Key, nullable: true),
            EquivalentTo = c.Text(Name, nullable: true),
        }, constraints: t => t.PrimaryKey("PK_Models", x => x.Id));
        mb.CreateIndex("IX_Models_Provider_Name", "Models", ["Provider", "Name"], unique: true);
    }

    private static void CreatePriceSheets(MigrationBuilder mb)
    {
        mb.CreateTable("PriceSheets", c => new
        {
            Id = c.Identity<int>(),
            Name = c.Text(Name),
            Version = c.Column<int>(nullable: false),
            EffectiveFrom = c.Column<DateTime>(nullable: false),
            UploadedAt = c.Column<DateTime>(nullable: false),
            UploadedBy = c.Text(Name),
            Format = c.Text(Key),
            SourceFileName = c.Text(Name, nullable: true),
        }, constraints: t => t.PrimaryKey("PK_PriceSheets", x => x.Id));
        mb.CreateIndex("IX_PriceSheets_Name_Version", "PriceSheets", ["Name", "Version"], unique: true);

        mb.CreateTable("TokenPrices", c => new
        {
            Id = c.Identity<int>(),
            PriceSheetId = c.Column<int>(nullable: false),
            Provider = c.Text(Key),
            Model = c.Text(Name),
            EffectiveFrom = c.Column<DateTime>(nullable: false),
            InputPerMillion = c.Column<decimal>(nullable: false),
            OutputPerMillion = c.Column<decimal>(nullable: false),
            CachedInputPerMillion = c.Column<decimal>(nullable: true),
            PerRequestFee = c.Column<decimal>(nullable: true),
            BatchDiscountPercent = c.Column<decimal>(nullable: true),
        }, constraints: t =>
        {
            t.PrimaryKey("PK_TokenPrices", x => x.Id);
            t.ForeignKey("FK_TokenPrices_PriceSheets_PriceSheetId", x => x.PriceSheetId, "PriceSheets", "Id", onDelete: ReferentialAction.Restrict);
        });
        mb.CreateIndex("IX_TokenPrices_PriceSheetId", "TokenPrices", "PriceSheetId");
        mb.CreateIndex("IX_TokenPrices_Provider_Model_EffectiveFrom", "TokenPrices", ["Provider", "Model", "EffectiveFrom"]);

        mb.CreateTable("CapacityOffers", c => new
        {
            Id = c.Identity<int>(),
            PriceSheetId = c.Column<int>(nullable: false),
            Provider = c.Text(Key),
            Model = c.Text(Name),
            EffectiveFrom = c.Column<DateTime>(nullable: false),
            UnitKind = c.Text(40),
            Term = c.Text(40),
            RatePerUnitHour = c.Column<decimal>(nullable: false),
            MinimumUnits = c.Column<int>(nullable: false),
            InputTokensPerSecond = c.Column<decimal>(nullable: false),
            OutputTokensPerSecond = c.Column<decimal>(nullable: false),
            OutputWeight = c.Column<decimal>(nullable: false),
            RatePerComputeSecond = c.Column<decimal>(nullable: true),
        }, constraints: t =>
        {
            t.PrimaryKey("PK_CapacityOffers", x => x.Id);
            t.ForeignKey("FK_CapacityOffers_PriceSheets_PriceSheetId", x => x.PriceSheetId, "PriceSheets", "Id", onDelete: ReferentialAction.Restrict);
        });
        mb.CreateIndex("IX_CapacityOffers_PriceSheetId", "CapacityOffers", "PriceSheetId");
        mb.CreateIndex("IX_CapacityOffers_Provider_Model_EffectiveFrom", "CapacityOffers", ["Provider", "Model", "EffectiveFrom"]);
    }

    private static void CreateIngestionAndUsage(MigrationBuilder mb)
    {
        mb.CreateTable("IngestionBatches", c => new
        {
            Id = c.Identity<long>(),
            FileName = c.Text(Name),
            Format = c.Text(Key),
            StoredPath = c.Text(Name, nullable: true),
            SizeBytes = c.Column<long>(nullable: false),
            Status = c.Text(20),
            CreatedAt = c.Column<DateTime>(nullable: false),
            StartedAt = c.Column<DateTime>(nullable: true),
            FinishedAt = c.Column<DateTime>(nullable: true),
            CreatedBy = c.Text(Name),
            RowsRead = c.Column<long>(nullable: false),
            RowsAccepted = c.Column<long>(nullable: false),
            RowsDuplicate = c.Column<long>(nullable: false),
            RowsRejected = c.Column<long>(nullable: false),
            Error = c.Text(Text, nullable: true),
        }, constraints: t => t.PrimaryKey("PK_IngestionBatches", x => x.Id));
        mb.CreateIndex("IX_IngestionBatches_Status", "IngestionBatches", "Status");

        mb.CreateTable("RejectedRows", c => new
        {
            Id = c.Identity<long>(),
            IngestionBatchId = c.Column<long>(nullable: false),
            LineNumber = c.Column<long>(nullable: false),
            Column = c.Text(Name, nullable: true),
            Reason = c.Text(Text),
        }, constraints: t =>
        {
            t.PrimaryKey("PK_RejectedRows", x => x.Id);
            t.ForeignKey("FK_RejectedRows_IngestionBatches_IngestionBatchId", x => x.IngestionBatchId, "IngestionBatches", "Id",
                onDelete: ReferentialAction.Cascade);
        });
        mb.CreateIndex("IX_RejectedRows_IngestionBatchId", "RejectedRows", "IngestionBatchId");

        mb.CreateTable("UsageRecords", c => new
        {
            Id = c.Identity<long>(),
            OccurredAt = c.Column<DateTime>(nullable: false),
            Provider = c.Text(Key),
            Model = c.Text(Name),
            Team = c.Text(Name),
            Project = c.Text(Name, nullable: true),
            Application = c.Text(Name, nullable: true),
            InputTokens = c.Column<long>(nullable: false),
            OutputTokens = c.Column<long>(nullable: false),
            CachedInputTokens = c.Column<long>(nullable: false),
            Requests = c.Column<long>(nullable: false),
            IsBatch = c.Column<bool>(nullable: false),
            ComputeSeconds = c.Column<decimal>(nullable: true),
            TokenCost = c.Column<decimal>(nullable: false),
            TokenPriceSheetId = c.Column<int>(nullable: false),
            ComputeCost = c.Column<decimal>(nullable: true),
            ComputeCostIsEstimated = c.Column<bool>(nullable: false),
            ComputePriceSheetId = c.Column<int>(nullable: true),
            IngestionBatchId = c.Column<long>(nullable: false),
            NaturalKey = c.Text(Key),
        }, constraints: t =>
        {
            t.PrimaryKey("PK_UsageRecords", x => x.Id);
            t.ForeignKey("FK_UsageRecords_IngestionBatches_IngestionBatchId", x => x.IngestionBatchId, "IngestionBatches", "Id",
                onDelete: ReferentialAction.Restrict);
        });
        mb.CreateIndex("IX_UsageRecords_IngestionBatchId", "UsageRecords", "IngestionBatchId");
        mb.CreateIndex("IX_UsageRecords_NaturalKey", "UsageRecords", "NaturalKey", unique: true);
        mb.CreateIndex("IX_UsageRecords_OccurredAt", "UsageRecords", "OccurredAt");

        foreach (var table in new[] { "HourlyRollups", "MonthlyRollups" })
        {
            mb.CreateTable(table, c => new
            {
                Id = c.Identity<long>(),
                PeriodStart = c.Column<DateTime>(nullable: false),
                Provider = c.Text(Key),
                Model = c.Text(Name),
                Team = c.Text(Name),
                InputTokens = c.Column<long>(nullable: false),
                OutputTokens = c.Column<long>(nullable: false),
                CachedInputTokens = c.Column<long>(nullable: false),
                Requests = c.Column<long>(nullable: false),
                RecordCount = c.Column<long>(nullable: false),
                TokenCost = c.Column<decimal>(nullable: false),
                TokenPriceSheetId = c.Column<int>(nullable: false),
                ComputeCost = c.Column<decimal>(nullable: true),
                ComputeCostIsEstimated = c.Column<bool>(nullable: false),
                ComputePriceSheetId = c.Column<int>(nullable: true),
            }, constraints: t => t.PrimaryKey($"PK_{table}", x => x.Id));
            mb.CreateIndex($"IX_{table}_PeriodStart_Provider_Model_Team", table, ["PeriodStart", "Provider", "Model", "Team"]);
        }
    }

    private static void CreatePlanning(MigrationBuilder mb)
    {
        mb.CreateTable("ForecastRuns", c => new
        {
            Id = c.Identity<long>(),
            CreatedAt = c.Column<DateTime>(nullable: false),
            Series = c.Text(Name),
            Measure = c.Text(Key),
            Method = c.Text(Key),
            MethodReason = c.Text(Text, nullable: true),
            BacktestMape = c.Column<double>(nullable: true),
            FirstMonth = c.Column<DateTime>(nullable: false),
            HorizonMonths = c.Column<int>(nullable: false),
            PointsJson = c.Text(),
        }, constraints: t => t.PrimaryKey("PK_ForecastRuns", x => x.Id));
        mb.CreateIndex("IX_ForecastRuns_Series_CreatedAt", "ForecastRuns", ["Series", "CreatedAt"]);

        mb.CreateTable("Scenarios", c => new
        {
            Id = c.Identity<long>(),
            Name = c.Text(Name),
            LeversJson = c.Text(),
            CreatedBy = c.Text(Name),
            CreatedAt = c.Column<DateTime>(nullable: false),
            UpdatedAt = c.Column<DateTime>(nullable: false),
        }, constraints: t => t.PrimaryKey("PK_Scenarios", x => x.Id));

        mb.CreateTable("Budgets", c => new
        {
            Id = c.Identity<long>(),
            Team = c.Text(Name, nullable: true),
            Month = c.Column<DateTime>(nullable: false),
            Amount = c.Column<decimal>(nullable: false),
        }, constraints: t => t.PrimaryKey("PK_Budgets", x => x.Id));
        mb.CreateIndex("IX_Budgets_Team_Month", "Budgets", ["Team", "Month"]);
    }

    private static void CreateOperations(MigrationBuilder mb)
    {
        mb.CreateTable("JobRuns", c => new
        {
            Id = c.Identity<long>(),
            JobName = c.Text(Name),
            StartedAt = c.Column<DateTime>(nullable: false),
            FinishedAt = c.Column<DateTime>(nullable: false),
            Succeeded = c.Column<bool>(nullable: false),
            Message = c.Text(Text, nullable: true),
            Node = c.Text(Name, nullable: true),
        }, constraints: t => t.PrimaryKey("PK_JobRuns", x => x.Id));
        mb.CreateIndex("IX_JobRuns_JobName_StartedAt", "JobRuns", ["JobName", "StartedAt"]);

        mb.CreateTable("DataProtectionKeys", c => new
        {
            Id = c.Identity<int>(),
            FriendlyName = c.Text(Name, nullable: true),
            Xml = c.Text(),
        }, constraints: t => t.PrimaryKey("PK_DataProtectionKeys", x => x.Id));
    }

    protected override void Down(MigrationBuilder mb)
    {
        foreach (var table in new[]
                 {
                     "DataProtectionKeys", "JobRuns", "Budgets", "Scenarios", "ForecastRuns", "MonthlyRollups", "HourlyRollups",
                     "UsageRecords", "RejectedRows", "IngestionBatches", "CapacityOffers", "TokenPrices", "PriceSheets", "Models",
                     "Providers", "AspNetUserTokens", "AspNetUserRoles", "AspNetUserLogins", "AspNetUserClaims", "AspNetRoleClaims",
                     "AspNetUsers", "AspNetRoles",
                 })
        {
            mb.DropTable(table);
        }
    }
}
