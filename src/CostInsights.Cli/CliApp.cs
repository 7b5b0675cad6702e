using System.CommandLine;
using CostInsights.Core;
using CostInsights.Core.Data;
using CostInsights.Core.Demo;
using CostInsights.Core.Users;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace CostInsights.Cli;

/// <summary>
/// The <c>costinsights</c> command line over Core. It reads the same configuration as the web
/// app (environment variables such as <c>Database__Provider</c>), which the options below override.
/// </summary>
public static class CliApp
{
    private static readonly Option<DatabaseProvider?> DatabaseOption = new("--database")
    {
        Description = "sqlite (default) or postgres",
        Recursive = true,
    };

    private static readonly Option<string?> ConnectionOption = new("--connection")
    {
        Description = "Database connection string (required for postgres)",
        Recursive = true,
    };

    private static readonly Option<string?> DataFolderOption = new("--data-folder")
    {
        Description = "Folder of the SQLite database and uploads (default: the user's local application data)",
        Recursive = true,
    };

    public static async Task<int> RunAsync(string[] args, ITerminal terminal)
    {
        var root = new RootCommand("CostInsights: what your company spends on language models, and what it will spend.")
        {
            Options = { DatabaseOption, ConnectionOption, DataFolderOption },
            Subcommands = { UsersCommand(terminal), DemoCommand(terminal), PricesCommand.Create(terminal, OpenAsync), UsageCommand.Create(terminal, OpenAsync),
                ForecastCommand.Create(terminal, OpenAsync) },
        };
        var parsed = root.Parse(args);
        return await parsed.InvokeAsync(new InvocationConfiguration { Output = terminal.Out, Error = terminal.Error });
    }

    private static Command UsersCommand(ITerminal terminal)
    {
        var email = new Option<string>("--email") { Description = "The user's email, used to sign in", Required = true };
        var role = new Option<string>("--role") { Description = $"One of {string.Join(", ", AppRoles.All)}", Required = true };
        var add = new Command("add", "Create a user. The password is prompted for, or read from standard input when it is redirected.")
        {
            Options = { email, role },
        };
        add.SetAction((parse, cancellationToken) => RunSafelyAsync(terminal, async () =>
        {
            if (!AppRoles.IsKnown(parse.GetValue(role)!))
            {
                await terminal.Error.WriteLineAsync($"Unknown role '{parse.GetValue(role)}': use one of {string.Join(", ", AppRoles.All)}.");
                return 2;
            }
            var password = terminal.ReadSecret("Password (10 characters or more): ");
            if (string.IsNullOrEmpty(password))
            {
                await terminal.Error.WriteLineAsync("No password given: type one at the prompt or pipe it to standard input.");
                return 2;
            }
            await using var services = await OpenAsync(parse, cancellationToken);
            var users = services.ServiceProvider.GetRequiredService<UserAdministration>();
            var result = await users.AddAsync(parse.GetValue(email)!.Trim(), password, parse.GetValue(role)!);
            if (!result.Succeeded)
            {
                await terminal.Error.WriteLineAsync($"User not created: {result.Error}");
                return 1;
            }
            await terminal.Out.WriteLineAsync($"Created {parse.GetValue(email)} with role {parse.GetValue(role)}.");
            return 0;
        }));
        return new Command("users", "Manage who may sign in") { Subcommands = { add } };
    }

    private static Command DemoCommand(ITerminal terminal)
    {
        var seed = new Command("seed", "Fill an empty database with 24 months of a demo company's usage, prices and one user per role.");
        seed.SetAction((parse, cancellationToken) => RunSafelyAsync(terminal, async () =>
        {
            await using var services = await OpenAsync(parse, cancellationToken);
            var seeder = services.ServiceProvider.GetRequiredService<DemoSeeder>();
            await seeder.SeedUsersAsync();
            var result = await seeder.SeedUsageAsync(cancellationToken);
            if (!result.Seeded)
            {
                await terminal.Error.WriteLineAsync($"No demo usage added: {result.Reason}.");
                return 1;
            }
            await seeder.SeedPlanAsync(cancellationToken);
            await terminal.Out.WriteLineAsync($"Generated {result.Records:N0} usage records over {DemoDataGenerator.Months} months, with demo price sheets, " +
                "a first forecast, budgets and users:");
            foreach (var user in DemoUsers.All)
            {
                await terminal.Out.WriteLineAsync($"  {user.Role,-20} {user.Email}  password: {user.Password}");
            }
            return 0;
        }));
        return new Command("demo", "Demo data") { Subcommands = { seed } };
    }

    /// <summary>Failures become one clear line on standard error and exit code 1, never a stack trace.</summary>
    public static async Task<int> RunSafelyAsync(ITerminal terminal, Func<Task<int>> action)
    {
        try
        {
            return await action();
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            await terminal.Error.WriteLineAsync($"Failed: {e.GetBaseException().Message}");
            return 1;
        }
    }

    /// <summary>A scope over the services of Core on the configured database, migrated.</summary>
    private static async Task<AsyncServiceScope> OpenAsync(ParseResult parse, CancellationToken cancellationToken)
    {
        var overrides = new Dictionary<string, string?>();
        if (parse.GetValue(DatabaseOption) is { } database)
        {
            overrides[$"{DatabaseOptions.Section}:{nameof(DatabaseOptions.Provider)}"] = database.ToString();
        }
        if (parse.GetValue(ConnectionOption) is { } connection)
        {
            overrides[$"{DatabaseOptions.Section}:{nameof(DatabaseOptions.ConnectionString)}"] = connection;
        }
        if (parse.GetValue(DataFolderOption) is { } folder)
        {
            overrides[$"{DatabaseOptions.Section}:{nameof(DatabaseOptions.DataFolder)}"] = folder;
        }
        var configuration = new ConfigurationBuilder()
            .AddEnvironmentVariables()
            .AddInMemoryCollection(overrides)
            .Build();
        var services = new ServiceCollection();
        services.AddLogging(b => b.AddSimpleConsole().SetMinimumLevel(LogLevel.Warning));
        services.AddCostInsightsCore(configuration);
        services.AddCostInsightsIdentityCore();
        // The provider lives as long as the process; the scope is what the command disposes.
        var provider = services.BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true, ValidateScopes = true });
        var scope = provider.CreateAsyncScope();
        await DatabaseStartupLock.MigrateAsync(scope.ServiceProvider.GetRequiredService<CostInsightsDbContext>(),
            scope.ServiceProvider.GetRequiredService<Microsoft.Extensions.Options.IOptions<DatabaseOptions>>().Value, cancellationToken);
        return scope;
    }
}
