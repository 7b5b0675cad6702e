using MudBlazor;

namespace CostInsights.Web.Features.Shell;

/// <summary>A far-reaching action asks first, in a dialog that says what will happen; the names in it are shown as text.</summary>
public static class Confirmations
{
    public static async Task<bool> ConfirmAsync(this IDialogService dialogs, string title, string whatHappens, string action) =>
        await dialogs.ShowMessageBoxAsync(title, whatHappens, yesText: action, cancelText: "Cancel") == true;
}
