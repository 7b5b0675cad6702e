using CostInsights.Core.Reconciliation;

namespace CostInsights.Core.Tests.Reconciliation;

public sealed class ModelNamesTests
{
    private static readonly string[] Usage = ["gpt-4o", "gpt-4o-mini", "o1", "o1-mini", "gpt-5.1"];

    [Theory]
    [InlineData("gpt-4o-0806", "gpt-4o")]
    [InlineData("gpt 4o mini 0718", "gpt-4o-mini")]
    [InlineData("gpt-4o-2024-08-06", "gpt-4o")]
    [InlineData("o1-1217", "o1")]
    [InlineData("o1-mini-0912", "o1-mini")]
    [InlineData("GPT-4O", "gpt-4o")]
    // Another model, not a version of one: left as billed.
    [InlineData("gpt-4", null)]
    [InlineData("gpt-5", null)]
    [InlineData("gpt-4o-audio", null)]
    [InlineData("", null)]
    public void A_billed_name_means_the_usage_model_it_versions(string billed, string? model) =>
        ModelNames.Resolve(billed, Usage).ShouldBe(model);

    [Fact]
    public void A_name_two_usage_models_version_equally_means_neither()
    {
        ModelNames.Resolve("gpt-4o", ["gpt-4o-2024-08-06", "gpt-4o-2024-11-20"]).ShouldBeNull();
        ModelNames.Resolve("gpt-4o", ["gpt-4o-2024-08-06"]).ShouldBe("gpt-4o-2024-08-06");
    }
}
