using System.Collections.Concurrent;
using CostInsights.Web.Features.Jobs;
using Hangfire;
using Hangfire.Common;
using Hangfire.InMemory;
using Hangfire.States;
using Hangfire.Storage.Monitoring;

namespace CostInsights.Web.Tests.Features.Jobs;

/// <summary>
/// The product's job filters on a Hangfire server of their own; the storage is not what is under test, so it is in memory.
/// </summary>
public sealed class JobFilterTests : IDisposable
{
    private static readonly ConcurrentDictionary<string, int> Attempts = new();
    private static readonly ConcurrentDictionary<string, SemaphoreSlim> Gates = new();

    private readonly InMemoryStorage _storage = new();
    private readonly BackgroundJobServer _server;
    private readonly BackgroundJobClient _client;
    private readonly string _key = Guid.NewGuid().ToString("N");

    public JobFilterTests()
    {
        var filters = new JobFilterCollection();
        filters.Add(new OneAtATime(new ProcessJobLocks()), order: 0);
        filters.Add(new RetryPassingFaults([TimeSpan.Zero, TimeSpan.Zero, TimeSpan.Zero]));
        var provider = new JobFilterProviderCollection(filters, new JobFilterAttributeFilterProvider());
        _server = new BackgroundJobServer(new BackgroundJobServerOptions
        {
            FilterProvider = provider,
            // Its own activator: Hangfire's default one is process-wide, and web hosts of other tests set and dispose it.
            Activator = new JobActivator(),
            SchedulePollingInterval = TimeSpan.FromMilliseconds(100),
            WorkerCount = 4,
        }, _storage);
        _client = new BackgroundJobClient(_storage, provider);
    }

    [Fact]
    public async Task A_passing_fault_is_retried_until_the_run_succeeds()
    {
        var id = _client.Enqueue<FlakyJob>(j => j.RunAsync(_key, 2, CancellationToken.None));

        var state = await FinalStateAsync(id);
        state.ShouldBe(SucceededState.StateName);
        Attempts[_key].ShouldBe(3);
    }

    [Fact]
    public async Task Passing_faults_past_the_retries_fail_the_run_with_its_reason()
    {
        var id = _client.Enqueue<FlakyJob>(j => j.RunAsync(_key, 10, CancellationToken.None));

        (await FinalStateAsync(id)).ShouldBe(FailedState.StateName);
        Attempts[_key].ShouldBe(4);
        Details(id).History[0].Data["ExceptionMessage"].ShouldContain("the database did not answer");
    }

    [Fact]
    public async Task A_lasting_fault_fails_once_and_is_not_retried()
    {
        var id = _client.Enqueue<RefusedJob>(j => j.RunAsync(_key, CancellationToken.None));

        (await FinalStateAsync(id)).ShouldBe(FailedState.StateName);
        await Task.Delay(500);
        Attempts[_key].ShouldBe(1);
        Details(id).History[0].Data["ExceptionMessage"].ShouldContain("rejected: the file has no header");
    }

    [Fact]
    public async Task Two_runs_of_one_job_never_overlap_the_second_ends_while_the_first_works()
    {
        var gate = Gates.GetOrAdd(_key, _ => new SemaphoreSlim(0));
        var first = _client.Enqueue<SlowJob>(j => j.RunAsync(_key, CancellationToken.None));
        await WaitAsync(() => Attempts.GetValueOrDefault(_key) >= 1);
        var second = _client.Enqueue<SlowJob>(j => j.RunAsync(_key, CancellationToken.None));

        (await FinalStateAsync(second)).ShouldBe(DeletedState.StateName);
        Details(second).History[0].Reason.ShouldContain(nameof(OneAtATime));
        gate.Release();
        (await FinalStateAsync(first)).ShouldBe(SucceededState.StateName);
        Attempts[_key].ShouldBe(1);

        // Once the first has finished, the job runs again.
        var third = _client.Enqueue<SlowJob>(j => j.RunAsync(_key, CancellationToken.None));
        gate.Release();
        (await FinalStateAsync(third)).ShouldBe(SucceededState.StateName);
        Attempts[_key].ShouldBe(2);
    }

    public void Dispose()
    {
        _server.Dispose();
        _storage.Dispose();
    }

    private JobDetailsDto Details(string id) => _storage.GetMonitoringApi().JobDetails(id);

    private async Task<string> FinalStateAsync(string id)
    {
        string? state = null;
        string[] final = [SucceededState.StateName, FailedState.StateName, DeletedState.StateName];
        await WaitAsync(() => (state = _storage.GetConnection().GetStateData(id)?.Name) is { } name && final.Contains(name));
        return state!;
    }

    private static async Task WaitAsync(Func<bool> condition)
    {
        // Generous: on a busy two-core machine a new server can take a while to take its first job.
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (!condition())
        {
            DateTime.UtcNow.ShouldBeLessThan(deadline, "the job did not get there in 60 s");
            await Task.Delay(50);
        }
    }

    /// <summary>Fails with a passing fault (a timeout) the first few times.</summary>
    public sealed class FlakyJob
    {
        public Task<string> RunAsync(string key, int failures, CancellationToken cancellationToken) =>
            Attempts.AddOrUpdate(key, 1, (_, n) => n + 1) <= failures
                ? throw new TimeoutException("the database did not answer in time")
                : Task.FromResult("done");
    }

    /// <summary>Fails for a lasting reason.</summary>
    public sealed class RefusedJob
    {
        public Task<string> RunAsync(string key, CancellationToken cancellationToken)
        {
            Attempts.AddOrUpdate(key, 1, (_, n) => n + 1);
            throw new InvalidOperationException("rejected: the file has no header");
        }
    }

    /// <summary>Works until the test lets it finish.</summary>
    public sealed class SlowJob
    {
        public async Task<string> RunAsync(string key, CancellationToken cancellationToken)
        {
            Attempts.AddOrUpdate(key, 1, (_, n) => n + 1);
            await Gates[key].WaitAsync(cancellationToken);
            return "done";
        }
    }
}
