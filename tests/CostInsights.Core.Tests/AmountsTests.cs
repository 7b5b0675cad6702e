using System.Globalization;

namespace CostInsights.Core.Tests;

public sealed class AmountsTests
{
    [Theory]
    [InlineData("1234.5", "$1,234.50")]
    [InlineData("-1234567.891", "-$1,234,567.89")]
    public void Dollars_are_written_in_cents_with_the_sign_first(string amount, string written) =>
        Amounts.Usd(decimal.Parse(amount, CultureInfo.InvariantCulture)).ShouldBe(written);

    [Theory]
    [InlineData("0.075", "$0.075")]
    [InlineData("15", "$15.00")]
    [InlineData("0.000049", "$0.00")]
    [InlineData("1234.56789", "$1,234.5679")]
    [InlineData("-2.5", "-$2.50")]
    public void Prices_keep_the_hundredth_of_a_cent(string amount, string written) =>
        Amounts.PreciseUsd(decimal.Parse(amount, CultureInfo.InvariantCulture)).ShouldBe(written);

    [Theory]
    [InlineData(1, "1 budget alert")]
    [InlineData(0, "0 budget alerts")]
    [InlineData(1200, "1,200 budget alerts")]
    public void A_count_names_its_noun_in_the_plural_but_for_one(long count, string written) =>
        Amounts.Count(count, "budget alert").ShouldBe(written);

    [Fact]
    public void A_noun_with_its_own_plural_takes_it() => Amounts.Count(2, "entry", "entries").ShouldBe("2 entries");

    [Fact]
    public void A_culture_with_other_separators_does_not_change_them()
    {
        var before = CultureInfo.CurrentCulture;
        var german = (CultureInfo)CultureInfo.InvariantCulture.Clone();
        (german.NumberFormat.NumberGroupSeparator, german.NumberFormat.NumberDecimalSeparator) = (".", ",");
        CultureInfo.CurrentCulture = german;
        try
        {
            (Amounts.Usd(1234.5m), Amounts.Tokens(1_234_567)).ShouldBe(("$1,234.50", "1,234,567"));
        }
        finally
        {
            CultureInfo.CurrentCulture = before;
        }
    }
}
