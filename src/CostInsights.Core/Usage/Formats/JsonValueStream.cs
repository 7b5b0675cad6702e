using System.Text;
using System.Text.Json;
using CostInsights.Core.Csv;

namespace CostInsights.Core.Usage.Formats;

/// <summary>
/// The JSON values of a file one at a time, never the whole file: the elements of a top-level
/// array, or each top-level value in turn (one document, JSON Lines, or documents one after
/// another). A value is cut out by its brackets (strings and escapes respected) and parsed alone;
/// one that is not valid JSON stops the file with the line it starts on.
/// </summary>
internal static class JsonValueStream
{
    /// <summary>Each value with the line it starts on.</summary>
    public static IEnumerable<(JsonDocument Value, long Line)> Read(TextReader reader, long maxValueChars = 64L * 1024 * 1024)
    {
        var line = 1L;
        var text = new StringBuilder();
        var inArray = false;
        var first = true;
        int next;
        while ((next = reader.Read()) >= 0)
        {
            var c = (char)next;
            if (c == '\n')
            {
                line++;
                continue;
            }
            if (char.IsWhiteSpace(c) || c == '\uFEFF' || (inArray && c == ','))
            {
                continue;
            }
            if (first && c == '[')
            {
                inArray = true;
                first = false;
                continue;
            }
            first = false;
            if (inArray && c == ']')
            {
                inArray = false;
                continue;
            }
            var start = line;
            text.Clear().Append(c);
            if (c is '{' or '[')
            {
                line += Rest(reader, text, maxValueChars, start);
            }
            else if (c == '"')
            {
                var escaped = false;
                while (reader.Read() is var n and >= 0)
                {
                    text.Append((char)n);
                    if (escaped) escaped = false;
                    else if (n == '\\') escaped = true;
                    else if (n == '"') break;
                }
            }
            else
            {
                // A bare scalar: up to the next separator.
                while (reader.Peek() is var p and >= 0 && !char.IsWhiteSpace((char)p) && p is not (',' or ']'))
                {
                    text.Append((char)reader.Read());
                }
            }
            yield return (Parse(text.ToString(), start), start);
        }
        if (inArray)
        {
            throw new CsvFormatException($"the JSON array is never closed: the file ends at line {line}", line);
        }
    }

    /// <summary>Reads to the bracket that closes the value; returns the line breaks it held.</summary>
    private static long Rest(TextReader reader, StringBuilder text, long maxValueChars, long start)
    {
        var depth = 1;
        var inString = false;
        var escaped = false;
        long lines = 0;
        while (depth > 0)
        {
            var next = reader.Read();
            if (next < 0)
            {
                throw new CsvFormatException($"a JSON value opened on line {start} is never closed: the file is cut short", start);
            }
            var c = (char)next;
            text.Append(c);
            if (text.Length > maxValueChars)
            {
                throw new CsvFormatException($"a JSON value starting on line {start} is longer than {maxValueChars / 1024 / 1024} MB; split the file into " +
                    "pages", start);
            }
            if (c == '\n')
            {
                lines++;
            }
            if (inString)
            {
                if (escaped) escaped = false;
                else if (c == '\\') escaped = true;
                else if (c == '"') inString = false;
                continue;
            }
            switch (c)
            {
                case '"': inString = true; break;
                case '{' or '[': depth++; break;
                case '}' or ']': depth--; break;
            }
        }
        return lines;
    }

    private static JsonDocument Parse(string text, long start)
    {
        try
        {
            return JsonDocument.Parse(text);
        }
        catch (JsonException e)
        {
            var at = start + (e.LineNumber ?? 0);
            throw new CsvFormatException($"not valid JSON at line {at}: {e.Message.Split(" LineNumber", 2)[0]}", at);
        }
    }
}
