using System.Globalization;
using System.Text;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;

namespace CostInsights.Web.Features.Exports;

/// <summary>An amount of US dollars in an export: a number in CSV, a currency cell in XLSX.</summary>
public readonly record struct UsdCell(decimal Amount);

/// <summary>A calendar month in an export: <c>2026-06</c> in CSV, a date shown as "Jun 2026" in XLSX.</summary>
public readonly record struct MonthCell(DateTime Month);

/// <summary>One sheet of an XLSX workbook: its name, its column headers and its rows.</summary>
public sealed record ExportSheet(string Name, IReadOnlyList<string> Headers, IEnumerable<IReadOnlyList<object?>> Rows);

/// <summary>
/// A table written as CSV or as an XLSX workbook of one sheet or more. Text that a spreadsheet would take
/// for a formula (starting with =, +, -, @, tab or carriage return) is written with a leading
/// apostrophe in CSV and as a plain string cell in XLSX, so opening an export never runs anything.
/// </summary>
public static class TableExport
{
    public const string CsvContentType = "text/csv; charset=utf-8";
    public const string XlsxContentType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

    /// <summary>Whether an export's <c>format</c> asks for a workbook; anything else gets CSV.</summary>
    public static bool IsXlsx(string? format) => string.Equals(format, "xlsx", StringComparison.OrdinalIgnoreCase);

    /// <summary>A page's export of one table: an XLSX workbook of one sheet when <paramref name="format"/> asks for it, else CSV.</summary>
    public static IResult File(string? format, string name, IReadOnlyList<string> headers, IEnumerable<IReadOnlyList<object?>> rows, string sheetName) =>
        File(format, name, [new ExportSheet(sheetName, headers, rows)]);

    /// <summary>
    /// A page's export of several tables: every one, a sheet each, in an XLSX workbook when <paramref name="format"/> asks for it;
    /// else the first, as CSV holds one table (the others' rows are not read).
    /// </summary>
    public static IResult File(string? format, string name, IReadOnlyList<ExportSheet> sheets) =>
        IsXlsx(format)
            ? Results.File(Xlsx(sheets), XlsxContentType, name + ".xlsx")
            : Results.File(Csv(sheets[0].Headers, sheets[0].Rows), CsvContentType, name + ".csv");

    public static byte[] Csv(IReadOnlyList<string> headers, IEnumerable<IReadOnlyList<object?>> rows)
    {
        var text = new StringBuilder();
        text.AppendJoin(',', headers.Select(Quote)).Append("\r\n");
        foreach (var row in rows)
        {
            text.AppendJoin(',', row.Select(v => Quote(Format(v)))).Append("\r\n");
        }
        return Encoding.UTF8.GetBytes(text.ToString());
    }

    /// <summary>Writes rows as CSV to a stream as they come, for exports too large to hold.</summary>
    public static async Task WriteCsvAsync(Stream output, IReadOnlyList<string> headers, IAsyncEnumerable<IReadOnlyList<object?>> rows,
        CancellationToken cancellationToken)
    {
        await using var writer = new StreamWriter(output, new UTF8Encoding(false), 1 << 16, leaveOpen: true);
        await writer.WriteAsync(string.Join(',', headers.Select(Quote)) + "\r\n");
        await foreach (var row in rows.WithCancellation(cancellationToken))
        {
            await writer.WriteAsync(string.Join(',', row.Select(v => Quote(Format(v)))) + "\r\n");
        }
    }

    public static byte[] Xlsx(string sheetName, IReadOnlyList<string> headers, IEnumerable<IReadOnlyList<object?>> rows) =>
        Xlsx([new ExportSheet(sheetName, headers, rows)]);

    /// <summary>A workbook of several sheets, in their order.</summary>
    public static byte[] Xlsx(IReadOnlyList<ExportSheet> sheets)
    {
        using var buffer = new MemoryStream();
        using (var document = SpreadsheetDocument.Create(buffer, SpreadsheetDocumentType.Workbook))
        {
            var workbook = document.AddWorkbookPart();
            workbook.AddNewPart<WorkbookStylesPart>().Stylesheet = Styles();
            var entries = new Sheets();
            foreach (var (sheet, index) in sheets.Select((sheet, i) => (sheet, i)))
            {
                var worksheet = workbook.AddNewPart<WorksheetPart>();
                using (var writer = OpenXmlWriter.Create(worksheet))
                {
                    writer.WriteStartElement(new Worksheet());
                    writer.WriteStartElement(new SheetData());
                    WriteRow(writer, [.. sheet.Headers]);
                    foreach (var row in sheet.Rows)
                    {
                        WriteRow(writer, row);
                    }
                    writer.WriteEndElement();
                    writer.WriteEndElement();
                }
                entries.Append(new Sheet { Name = SheetName(sheet.Name), SheetId = (uint)index + 1, Id = workbook.GetIdOfPart(worksheet) });
            }
            workbook.Workbook = new Workbook(entries);
        }
        return buffer.ToArray();
    }

    /// <summary>The cell styles, by index: 0 plain, 1 a month ("Jun 2026"), 2 US dollars, 3 a date and time.</summary>
    private static Stylesheet Styles() => new(
        new NumberingFormats(
            new NumberingFormat { NumberFormatId = MonthFormat, FormatCode = "mmm yyyy" },
            new NumberingFormat { NumberFormatId = UsdFormat, FormatCode = "\"$\"#,##0.00" },
            new NumberingFormat { NumberFormatId = DateTimeFormat, FormatCode = "yyyy-mm-dd hh:mm:ss" })
        { Count = 3 },
        new Fonts(new Font(new FontSize { Val = 11 }, new FontName { Val = "Calibri" })) { Count = 1 },
        new Fills(new Fill(new PatternFill { PatternType = PatternValues.None }),
            new Fill(new PatternFill { PatternType = PatternValues.Gray125 }))
        { Count = 2 },
        new Borders(new Border(new LeftBorder(), new RightBorder(), new TopBorder(), new BottomBorder(), new DiagonalBorder())) { Count = 1 },
        new CellStyleFormats(new CellFormat { NumberFormatId = 0, FontId = 0, FillId = 0, BorderId = 0 }) { Count = 1 },
        new CellFormats(
            new CellFormat { NumberFormatId = 0, FontId = 0, FillId = 0, BorderId = 0, FormatId = 0 },
            Numbered(MonthFormat),
            Numbered(UsdFormat),
            Numbered(DateTimeFormat))
        { Count = 4 });

    private const uint MonthFormat = 164;
    private const uint UsdFormat = 165;
    private const uint DateTimeFormat = 166;

    private static CellFormat Numbered(uint format) =>
        new() { NumberFormatId = format, FontId = 0, FillId = 0, BorderId = 0, FormatId = 0, ApplyNumberFormat = true };

    /// <summary>Numbers as numbers, months, dollars and times as styled numbers, everything else as an inline string (never a formula).</summary>
    private static void WriteRow(OpenXmlWriter writer, IReadOnlyList<object?> values)
    {
        writer.WriteStartElement(new Row());
        foreach (var value in values)
        {
            writer.WriteElement(value switch
            {
                MonthCell m => new Cell(new CellValue(m.Month.ToOADate())) { StyleIndex = 1 },
                UsdCell u => new Cell(new CellValue(Format(u.Amount))) { StyleIndex = 2 },
                DateTime d => new Cell(new CellValue(d.ToOADate())) { StyleIndex = 3 },
                decimal or double or int or long => new Cell(new CellValue(Format(value))),
                _ => new Cell(new InlineString(new Text(Format(value)))) { DataType = CellValues.InlineString },
            });
        }
        writer.WriteEndElement();
    }

    private static string Format(object? value) => value switch
    {
        null => "",
        bool b => b ? "true" : "false",
        MonthCell m => m.Month.ToString("yyyy-MM", CultureInfo.InvariantCulture),
        UsdCell u => Normal(u.Amount).ToString(Normal(u.Amount).Scale < 2 ? "F2" : null, CultureInfo.InvariantCulture),
        // A decimal as it is, without the trailing zeros a database's scale adds (3.2500000000000000000000000000).
        decimal d => Normal(d).ToString(CultureInfo.InvariantCulture),
        DateTime d => d.ToString(d.TimeOfDay == TimeSpan.Zero ? "yyyy-MM-dd" : "yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture),
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString() ?? "",
    };

    /// <summary>The same number at the smallest scale that holds it exactly.</summary>
    private static decimal Normal(decimal value) => value / 1.000000000000000000000000000000000m;

    private static string Quote(string text)
    {
        if (text.Length > 0 && "=+-@\t\r".Contains(text[0]) && !decimal.TryParse(text, NumberStyles.Number, CultureInfo.InvariantCulture, out _))
        {
            text = "'" + text;
        }
        return text.IndexOfAny([',', '"', '\r', '\n']) >= 0 ? "\"" + text.Replace("\"", "\"\"") + "\"" : text;
    }

    private static string SheetName(string name) => new string([.. name.Where(c => !"[]:*?/\\".Contains(c))]) is { Length: > 0 } clean
        ? clean[..Math.Min(31, clean.Length)] : "Sheet1";
}
