namespace CostInsights.Core.Data;

public enum DatabaseProvider
{
    Sqlite,
    Postgres,
}

/// <summary>The <c>Database</c> configuration section.</summary>
public sealed class DatabaseOptions
{
    public const string Section = "Database";

    public DatabaseProvider Provider { get; set; } = DatabaseProvider.Sqlite;

    /// <summary>Required for PostgreSQL; for SQLite, defaults to <c>costinsights.db</c> in the data folder.</summary>
    public string? ConnectionString { get; set; }

    /// <summary>Where the SQLite file and uploads live; by default the user's local application data folder.</summary>
    public string? DataFolder { get; set; }

    public string ResolveDataFolder() => Path.GetFullPath(string.IsNullOrWhiteSpace(DataFolder)
        ? Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.LocalApplicationData, Environment.SpecialFolderOption.Create), "costinsights")
        : DataFolder);

    public string ResolveConnectionString()
    {
        if (!string.IsNullOrWhiteSpace(ConnectionString))
        {
            return ConnectionString;
        }
        if (Provider == DatabaseProvider.Postgres)
        {
            throw new InvalidOperationException(
                "Database:Provider is postgres but Database:ConnectionString is empty. Set it, e.g. Host=127.0.0.1;Database=costinsights;Username=...");
        }
        return $"Data Source={Path.Combine(ResolveDataFolder(), "costinsights.db")}";
    }
}
