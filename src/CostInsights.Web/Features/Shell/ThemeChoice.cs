namespace CostInsights.Web.Features.Shell;

/// <summary>
/// The colour scheme a user chose: the system's, or light or dark whatever the system says. It is
/// kept in a cookie, so that the first, server-rendered paint already has it.
/// </summary>
public enum ThemeChoice
{
    System,
    Light,
    Dark,
}

public static class ThemeChoices
{
    public const string CookieName = "costinsights-theme";

    public static ThemeChoice Parse(string? value) => value switch
    {
        "light" => ThemeChoice.Light,
        "dark" => ThemeChoice.Dark,
        _ => ThemeChoice.System,
    };

    public static string CookieValue(this ThemeChoice choice) => choice switch
    {
        ThemeChoice.Light => "light",
        ThemeChoice.Dark => "dark",
        _ => "system",
    };
}
