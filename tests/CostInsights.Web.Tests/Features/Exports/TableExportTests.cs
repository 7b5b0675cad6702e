using CostInsights.Web.Features.Exports;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;
using DocumentFormat.OpenXml.Validation;

namespace CostInsights.Web.Tests.Features.Exports;

public sealed class TableExportTests
{
    private static readonly IReadOnlyList<object?>[] Rows =
    [
        ["=HYPERLINK(\"http://evil\")", new MonthCell(new DateTime(2027, 3, 1)), new UsdCell(1234.5m), 3.2500m, new DateTime(2027, 3, 4, 5, 6, 7), null],
        ["team <b>a</b>", new MonthCell(new DateTime(2027, 4, 1)), new UsdCell(-0.01m), 42L, new DateTime(2027, 4, 1), true],
    ];

    [Fact]
    public void A_workbook_is_valid_open_xml_with_months_and_dollars_styled_and_text_never_a_formula()
    {
        var bytes = TableExport.Xlsx("Forecast: [total]", ["name", "month", "cost", "tokens", "at", "flag"], Rows);

        using var document = SpreadsheetDocument.Open(new MemoryStream(bytes), isEditable: false);
        new OpenXmlValidator().Validate(document).Select(e => $"{e.Path?.XPath}: {e.Description}").ShouldBeEmpty();
        var workbook = document.WorkbookPart!;
        workbook.Workbook.Descendants<Sheet>().Single().Name!.Value.ShouldBe("Forecast total");
        var formats = workbook.WorkbookStylesPart!.Stylesheet.NumberingFormats!.Elements<NumberingFormat>()
            .ToDictionary(f => f.NumberFormatId!.Value, f => f.FormatCode!.Value);
        var styles = workbook.WorkbookStylesPart.Stylesheet.CellFormats!.Elements<CellFormat>().ToList();

        var rows = workbook.WorksheetParts.Single().Worksheet.Descendants<Row>().ToList();
        rows.Count.ShouldBe(3);
        rows[0].Elements<Cell>().Select(c => c.InlineString!.Text!.Text).ShouldBe(["name", "month", "cost", "tokens", "at", "flag"]);
        var cells = rows[1].Elements<Cell>().ToList();
        cells[0].DataType!.Value.ShouldBe(CellValues.InlineString);
        cells[0].InlineString!.Text!.Text.ShouldBe("=HYPERLINK(\"http://evil\")");
        cells[0].CellFormula.ShouldBeNull();
        formats[styles[(int)cells[1].StyleIndex!.Value].NumberFormatId!.Value].ShouldBe("mmm yyyy");
        DateTime.FromOADate(double.Parse(cells[1].CellValue!.Text, System.Globalization.CultureInfo.InvariantCulture)).ShouldBe(new DateTime(2027, 3, 1));
        formats[styles[(int)cells[2].StyleIndex!.Value].NumberFormatId!.Value].ShouldBe("\"$\"#,##0.00");
        cells[2].CellValue!.Text.ShouldBe("1234.5");
        cells[3].CellValue!.Text.ShouldBe("3.25");
        formats[styles[(int)cells[4].StyleIndex!.Value].NumberFormatId!.Value].ShouldBe("yyyy-mm-dd hh:mm:ss");
        rows[2].Elements<Cell>().First().InlineString!.Text!.Text.ShouldBe("team <b>a</b>");
    }

    [Fact]
    public void Csv_text_a_spreadsheet_would_run_is_quoted_as_text()
    {
        var csv = System.Text.Encoding.UTF8.GetString(TableExport.Csv(["name", "month", "cost", "tokens", "at", "flag"], Rows));
        csv.Split("\r\n")[1].ShouldBe("\"'=HYPERLINK(\"\"http://evil\"\")\",2027-03,1234.50,3.25,2027-03-04 05:06:07,");
    }
}
