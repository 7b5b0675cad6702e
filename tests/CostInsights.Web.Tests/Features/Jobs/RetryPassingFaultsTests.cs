using CostInsights.Web.Features.Jobs;
using Microsoft.Data.Sqlite;

namespace CostInsights.Web.Tests.Features.Jobs;

public sealed class RetryPassingFaultsTests
{
    private static readonly TimeSpan[] Delays = [TimeSpan.Zero, TimeSpan.Zero, TimeSpan.Zero];

    /// <summary>SQLite's 'database is locked': another connection is writing.</summary>
    private static SqliteException Locked() => new("SQLite Error 5: 'database is locked'.", 5);

    [Fact]
    public void A_write_that_met_another_writer_is_made_once_the_other_is_done()
    {
        var calls = 0;
        RetryPassingFaults.Run(() =>
        {
            if (++calls < 3)
            {
                throw new InvalidOperationException("saving failed", Locked());
            }
        }, Delays);
        calls.ShouldBe(3);
    }

    [Fact]
    public void A_lasting_fault_is_not_tried_again_and_a_passing_one_only_as_often_as_there_are_delays()
    {
        var calls = 0;
        Should.Throw<InvalidOperationException>(() => RetryPassingFaults.Run(() =>
        {
            calls++;
            throw new InvalidOperationException("a bug");
        }, Delays));
        calls.ShouldBe(1);
        calls = 0;
        Should.Throw<SqliteException>(() => RetryPassingFaults.Run(() =>
        {
            calls++;
            throw Locked();
        }, Delays));
        calls.ShouldBe(Delays.Length + 1);
    }
}
