using System.Text;

namespace CostInsights.Cli;

/// <summary>Where the command line reads and writes; a test gives it text instead of a console.</summary>
public interface ITerminal
{
    TextWriter Out { get; }
    TextWriter Error { get; }
    /// <summary>A secret: from standard input when it is redirected, otherwise typed at a prompt without echo.</summary>
    string? ReadSecret(string prompt);
}

public sealed class ConsoleTerminal : ITerminal
{
    public TextWriter Out => Console.Out;
    public TextWriter Error => Console.Error;

    public string? ReadSecret(string prompt)
    {
        if (Console.IsInputRedirected)
        {
            return Console.In.ReadLine();
        }
        Console.Error.Write(prompt);
        var secret = new StringBuilder();
        while (true)
        {
            var key = Console.ReadKey(intercept: true);
            if (key.Key == ConsoleKey.Enter)
            {
                Console.Error.WriteLine();
                return secret.ToString();
            }
            if (key.Key == ConsoleKey.Backspace)
            {
                if (secret.Length > 0)
                {
                    secret.Length--;
                }
            }
            else if (!char.IsControl(key.KeyChar))
            {
                secret.Append(key.KeyChar);
            }
        }
    }
}

/// <summary>A terminal of plain text, for tests and scripts.</summary>
public sealed class TextTerminal(TextReader input) : ITerminal
{
    public TextWriter Out { get; } = new StringWriter();
    public TextWriter Error { get; } = new StringWriter();

    public string? ReadSecret(string prompt) => input.ReadLine();
}
