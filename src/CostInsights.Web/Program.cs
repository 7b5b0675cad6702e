using CostInsights.Web.Hosting;

var builder = WebApplication.CreateBuilder(args);
builder.AddCostInsights();

var app = builder.Build();
app.UseCostInsights();

try
{
    await app.RunAsync();
    return 0;
}
catch (StartupRefusedException e)
{
    Console.Error.WriteLine(e.Message);
    return 1;
}

/// <summary>The web host's entry point, public so tests can start it.</summary>
public partial class Program;
