using CostInsights.Web.Hosting;

var builder = WebApplication.CreateBuilder(args);
builder.AddCostInsights();

var app = builder.Build();
app.UseCostInsights();

if (!await app.PrepareDatabaseAsync())
{
    return 1;
}
await app.RunAsync();
return 0;

/// <summary>The web host's entry point, public so tests can start it.</summary>
public partial class Program;
