using System.Globalization;
using System.IO.Compression;
using System.Text;
using System.Xml;

namespace CostInsights.Web.Features.Exports;

/// <summary>An amount of US dollars in an export: a number in CSV, a currency cell in XLSX.</summary>
public readonly record struct UsdCell(decimal Amount);

/// <summary>A calendar month in an export: <c>2026-06</c> in CSV, a date shown as "Jun 2026" in XLSX.</summary>
public readonly record struct MonthCell(DateTime Month);

/// <summary>
/// A table written as CSV or as an XLSX workbook of one sheet. Text that a spreadsheet would take
/// for a formula (starting with =, +, -, @, tab or carriage return) is written with a leading
/// apostrophe in CSV and as a plain string cell in XLSX, so opening an export never runs anything.
/// </summary>
public static class TableExport
{
    public const string CsvContentType = "text/csv; charset=utf-8";
    public const string XlsxContentType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

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
    public static async Task WriteCsvAsync(Stream output, IReadOnlyList<string> headers, IAsyncEnumerable<IReadOnlyList<object?>> rows, CancellationToken cancellationToken)
    {
        await using var writer = new StreamWriter(output, new UTF8Encoding(false), 1 << 16, leaveOpen: true);
        await writer.WriteAsync(string.Join(',', headers.Select(Quote)) + "\r\n");
        await foreach (var row in rows.WithCancellation(cancellationToken))
        {
            await writer.WriteAsync(string.Join(',', row.Select(v => Quote(Format(v)))) + "\r\n");
        }
    }

    public static byte[] Xlsx(string sheetName, IReadOnlyList<string> headers, IEnumerable<IReadOnlyList<object?>> rows)
    {
        using var buffer = new MemoryStream();
        using (var zip = new ZipArchive(buffer, ZipArchiveMode.Create, leaveOpen: true))
        {
            Part(zip, "[Content_Types].xml",
                "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?><Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\">" +
                "<Default Extension=\"rels\" ContentType=\"application/vnd.openxmlformats-package.relationships+xml\"/><Default Extension=\"xml\" ContentType=\"application/xml\"/>" +
                "<Override PartName=\"/xl/workbook.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml\"/>" +
                "<Override PartName=\"/xl/styles.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml\"/>" +
                "<Override PartName=\"/xl/worksheets/sheet1.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml\"/></Types>");
            Part(zip, "_rels/.rels",
                "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?><Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">" +
                "<Relationship Id=\"rId1\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument\" Target=\"xl/workbook.xml\"/></Relationships>");
            Part(zip, "xl/_rels/workbook.xml.rels",
                "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?><Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">" +
                "<Relationship Id=\"rId1\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet\" Target=\"worksheets/sheet1.xml\"/>" +
                "<Relationship Id=\"rId2\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles\" Target=\"styles.xml\"/></Relationships>");
            // Cell styles: 0 plain, 1 a month ("Jun 2026"), 2 US dollars, 3 a date and time.
            Part(zip, "xl/styles.xml",
                "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?><styleSheet xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\">" +
                "<numFmts count=\"3\"><numFmt numFmtId=\"164\" formatCode=\"mmm yyyy\"/><numFmt numFmtId=\"165\" formatCode=\"&quot;$&quot;#,##0.00\"/>" +
                "<numFmt numFmtId=\"166\" formatCode=\"yyyy-mm-dd hh:mm:ss\"/></numFmts>" +
                "<fonts count=\"1\"><font><sz val=\"11\"/><name val=\"Calibri\"/></font></fonts><fills count=\"2\"><fill><patternFill patternType=\"none\"/></fill>" +
                "<fill><patternFill patternType=\"gray125\"/></fill></fills><borders count=\"1\"><border><left/><right/><top/><bottom/><diagonal/></border></borders>" +
                "<cellStyleXfs count=\"1\"><xf numFmtId=\"0\" fontId=\"0\" fillId=\"0\" borderId=\"0\"/></cellStyleXfs><cellXfs count=\"4\">" +
                "<xf numFmtId=\"0\" fontId=\"0\" fillId=\"0\" borderId=\"0\" xfId=\"0\"/><xf numFmtId=\"164\" fontId=\"0\" fillId=\"0\" borderId=\"0\" xfId=\"0\" applyNumberFormat=\"1\"/>" +
                "<xf numFmtId=\"165\" fontId=\"0\" fillId=\"0\" borderId=\"0\" xfId=\"0\" applyNumberFormat=\"1\"/><xf numFmtId=\"166\" fontId=\"0\" fillId=\"0\" borderId=\"0\" xfId=\"0\" applyNumberFormat=\"1\"/>" +
                "</cellXfs></styleSheet>");
            Part(zip, "xl/workbook.xml",
                "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?><workbook xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\" " +
                "xmlns:r=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships\"><sheets><sheet name=\"" + SecurityElementEscape(SheetName(sheetName)) +
                "\" sheetId=\"1\" r:id=\"rId1\"/></sheets></workbook>");
            using var sheet = zip.CreateEntry("xl/worksheets/sheet1.xml", CompressionLevel.Fastest).Open();
            using var xml = XmlWriter.Create(sheet, new XmlWriterSettings { Encoding = new UTF8Encoding(false) });
            const string ns = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";
            xml.WriteStartDocument(true);
            xml.WriteStartElement("worksheet", ns);
            xml.WriteStartElement("sheetData", ns);
            WriteRow(xml, ns, [.. headers]);
            foreach (var row in rows)
            {
                WriteRow(xml, ns, row);
            }
            xml.WriteEndElement();
            xml.WriteEndElement();
            xml.WriteEndDocument();
        }
        return buffer.ToArray();
    }

    private static void WriteRow(XmlWriter xml, string ns, IReadOnlyList<object?> values)
    {
        xml.WriteStartElement("row", ns);
        foreach (var value in values)
        {
            xml.WriteStartElement("c", ns);
            if (value is MonthCell or UsdCell or DateTime)
            {
                var (style, number) = value switch
                {
                    MonthCell m => ("1", m.Month.ToOADate().ToString(CultureInfo.InvariantCulture)),
                    UsdCell u => ("2", Format(u.Amount)),
                    _ => ("3", ((DateTime)value).ToOADate().ToString(CultureInfo.InvariantCulture)),
                };
                xml.WriteAttributeString("s", style);
                xml.WriteElementString("v", ns, number);
            }
            else if (value is decimal or double or int or long)
            {
                xml.WriteElementString("v", ns, Format(value));
            }
            else
            {
                xml.WriteAttributeString("t", "inlineStr");
                xml.WriteStartElement("is", ns);
                xml.WriteElementString("t", ns, Format(value));
                xml.WriteEndElement();
            }
            xml.WriteEndElement();
        }
        xml.WriteEndElement();
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

    private static string SheetName(string name) => new string([.. name.Where(c => !"[]:*?/\\".Contains(c))]) is { Length: > 0 } clean ? clean[..Math.Min(31, clean.Length)] : "Sheet1";

    private static string SecurityElementEscape(string text) => System.Security.SecurityElement.Escape(text) ?? "";

    private static void Part(ZipArchive zip, string name, string content)
    {
        using var stream = zip.CreateEntry(name, CompressionLevel.Fastest).Open();
        stream.Write(Encoding.UTF8.GetBytes(content));
    }
}
