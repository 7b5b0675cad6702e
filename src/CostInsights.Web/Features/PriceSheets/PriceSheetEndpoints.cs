using System.Text;
using CostInsights.Core.PriceSheets;
using CostInsights.Core.Usage;
using CostInsights.Core.Users;
using Microsoft.AspNetCore.Http.HttpResults;

namespace CostInsights.Web.Features.PriceSheets;

public static class PriceSheetEndpoints
{
    /// <summary>Downloadable templates of the project's CSV formats.</summary>
    public static IEndpointRouteBuilder MapPriceSheetEndpoints(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/templates").RequireAuthorization(AppPolicies.Administer);
        group.MapGet("/price-sheet.csv", () => Results.File(Encoding.UTF8.GetBytes(PriceSheetCsv.Template), "text/csv", "price-sheet-template.csv"));
        group.MapGet("/usage.csv", () => Results.File(Encoding.UTF8.GetBytes(UsageCsv.Template), "text/csv", "usage-template.csv"));
        group.MapGet("/compute-usage.csv",
            () => Results.File(Encoding.UTF8.GetBytes(Core.Usage.Formats.ComputeUsageCsv.Template), "text/csv", "compute-usage-template.csv"));
        // The Price sheets page's upload: the browser posts the file here, so that it never travels through the circuit.
        app.MapPost("/price-sheets/upload", UploadAsync).RequireAuthorization(AppPolicies.Administer);
        return app;
    }

    private static async Task<Results<Ok<UploadedSheet>, ProblemHttpResult>> UploadAsync(HttpRequest request, PriceSheetService sheets,
        CancellationToken cancellationToken)
    {
        if (!request.HasFormContentType)
        {
            return Refused(["Send the file as multipart/form-data, in a field named file."]);
        }
        var form = await request.ReadFormAsync(cancellationToken);
        if (form.Files.GetFile("file") is not { Length: > 0 } file)
        {
            return Refused(["Choose a price sheet to upload: the file sent was empty or missing."]);
        }
        var format = form["format"].ToString() is { Length: > 0 } named ? named : null;
        if (format is not null && !PriceSheetService.Formats.Contains(format))
        {
            return Refused([$"'{format}' is not a price-sheet format; choose one of {string.Join(", ", PriceSheetService.Formats)}, or let it detect."]);
        }
        var name = form["name"].ToString() is { Length: > 0 } given ? given : null;
        await using var buffered = new MemoryStream();
        await file.CopyToAsync(buffered, cancellationToken);
        buffered.Position = 0;
        var result = await sheets.UploadAsync(name, format, buffered, file.FileName, request.HttpContext.User.Identity?.Name ?? "unknown",
            cancellationToken);
        return result.Draft is { } draft
            ? TypedResults.Ok(new UploadedSheet(draft.Id, $"{draft.Name} v{draft.Version} is a draft: see what it changes, then activate it."))
            : Refused(result.Import.Errors);
    }

    /// <summary>A refused sheet's reasons: the first as the detail, all of them as <c>errors</c>.</summary>
    private static ProblemHttpResult Refused(IReadOnlyList<string> errors) => TypedResults.Problem(statusCode: StatusCodes.Status400BadRequest,
        title: "The price sheet was not stored.", detail: errors.FirstOrDefault(), extensions: new Dictionary<string, object?> { ["errors"] = errors });
}

/// <summary>An uploaded sheet's draft, and the sentence the page shows for it.</summary>
public sealed record UploadedSheet(int Id, string Message);
