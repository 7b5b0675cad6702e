using System.Text;
using System.Text.Json;
using System.Threading.Channels;
using CostInsights.Core.Ingestion;

namespace CostInsights.Core.Tests.Ingestion;

/// <summary>A batch stopped by its file is described in words and logged as a failure; anything else is a fault for the log.</summary>
public sealed class IngestionFailureTests
{
    [Fact]
    public void A_file_that_is_not_utf8_is_the_file_s_fault_even_when_it_reaches_the_writer_through_the_channel()
    {
        var bad = new DecoderFallbackException("Unable to translate bytes [E9]", [0xE9], 95);
        var wrapped = new ChannelClosedException(bad);

        IngestionFailure.IsTheFile(wrapped).ShouldBeTrue();
        IngestionFailure.Describe("usage.csv", wrapped).ShouldStartWith("usage.csv: is not UTF-8 text: byte 0xE9 cannot be read as UTF-8");
    }

    [Fact]
    public void Broken_json_and_damaged_compression_are_the_file_s_fault_but_a_bug_is_not()
    {
        IngestionFailure.IsTheFile(new JsonException("'x' is invalid", null, 3, 7)).ShouldBeTrue();
        IngestionFailure.IsTheFile(new InvalidDataException("bad block")).ShouldBeTrue();

        var bug = new InvalidOperationException("Sequence contains no elements");
        IngestionFailure.IsTheFile(bug).ShouldBeFalse();
        IngestionFailure.IsTheFile(new ChannelClosedException(bug)).ShouldBeFalse();
        IngestionFailure.Describe("usage.csv", bug).ShouldEndWith("the details are in the log");
    }
}
