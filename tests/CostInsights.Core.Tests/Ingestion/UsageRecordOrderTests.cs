using CostInsights.Core.Ingestion;
using CostInsights.Core.Usage;

namespace CostInsights.Core.Tests.Ingestion;

public sealed class UsageRecordOrderTests
{
    [Fact]
    public void Records_are_ordered_by_natural_key_and_equal_keys_keep_the_order_they_came_in()
    {
        var random = new Random(3);
        // Few distinct keys among many records, so that most keys repeat many times.
        var records = Enumerable.Range(0, 5000)
            .Select(i => new UsageRecord { Id = i, Provider = "openai", Model = "gpt-4o", Team = "t", NaturalKey = $"k{random.Next(40):x2}" })
            .ToList();
        var expected = records.OrderBy(r => r.NaturalKey, StringComparer.Ordinal).ThenBy(r => r.Id).Select(r => r.Id).ToList();

        UsageRecordWriter.Order(records);

        records.Select(r => r.Id).ShouldBe(expected);
    }
}
