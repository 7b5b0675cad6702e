using Microsoft.EntityFrameworkCore.Migrations.Operations;
using Microsoft.EntityFrameworkCore.Migrations.Operations.Builders;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

namespace CostInsights.Migrations;

/// <summary>Column helpers that keep one migration valid on SQLite and PostgreSQL.</summary>
internal static class ColumnsBuilderExtensions
{
    /// <summary>An auto-incrementing key, annotated for both providers.</summary>
    public static OperationBuilder<AddColumnOperation> Identity<T>(this ColumnsBuilder c) =>
        c.Column<T>(nullable: false)
            .Annotation("Sqlite:Autoincrement", true)
            .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn);

    public static OperationBuilder<AddColumnOperation> Text(this ColumnsBuilder c, int? maxLength = null, bool nullable = false) =>
        c.Column<string>(maxLength: maxLength, nullable: nullable);
}
