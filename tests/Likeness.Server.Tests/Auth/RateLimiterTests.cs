using Likeness.Server.Auth;

namespace Likeness.Server.Tests.Auth;

public sealed class RateLimiterTests
{
    private static readonly DateTimeOffset Start = new(2026, 11, 29, 12, 0, 0, TimeSpan.Zero);

    [Fact]
    public void BurstIsServedThenRefusedThenRefilledAtTheRate()
    {
        var limiter = new RateLimiter(requestsPerSecond: 2, burst: 3);

        Assert.True(limiter.TryAcquire("LKIAAAAAAAAAAAAAAAAA", Start));
        Assert.True(limiter.TryAcquire("LKIAAAAAAAAAAAAAAAAA", Start));
        Assert.True(limiter.TryAcquire("LKIAAAAAAAAAAAAAAAAA", Start));
        Assert.False(limiter.TryAcquire("LKIAAAAAAAAAAAAAAAAA", Start));
        Assert.False(limiter.TryAcquire("LKIAAAAAAAAAAAAAAAAA", Start.AddMilliseconds(400)));   // 0.8 of a token
        Assert.True(limiter.TryAcquire("LKIAAAAAAAAAAAAAAAAA", Start.AddMilliseconds(500)));    // 1.0
        Assert.False(limiter.TryAcquire("LKIAAAAAAAAAAAAAAAAA", Start.AddMilliseconds(500)));
        Assert.True(limiter.TryAcquire("LKIAAAAAAAAAAAAAAAAA", Start.AddSeconds(1)));
    }

    [Fact]
    public void RefillStopsAtTheBurst()
    {
        var limiter = new RateLimiter(requestsPerSecond: 10, burst: 2);
        Assert.True(limiter.TryAcquire("k", Start));

        var later = Start.AddHours(1);

        Assert.True(limiter.TryAcquire("k", later));
        Assert.True(limiter.TryAcquire("k", later));
        Assert.False(limiter.TryAcquire("k", later));
    }

    [Fact]
    public void EachKeyHasItsOwnBucket()
    {
        var limiter = new RateLimiter(requestsPerSecond: 1, burst: 1);

        Assert.True(limiter.TryAcquire("first", Start));
        Assert.False(limiter.TryAcquire("first", Start));
        Assert.True(limiter.TryAcquire("second", Start));
    }

    [Fact]
    public void ClockGoingBackwardsGrantsNothing()
    {
        var limiter = new RateLimiter(requestsPerSecond: 1, burst: 1);
        Assert.True(limiter.TryAcquire("k", Start));

        Assert.False(limiter.TryAcquire("k", Start.AddSeconds(-30)));
        Assert.False(limiter.TryAcquire("k", Start.AddMilliseconds(999)));
        Assert.True(limiter.TryAcquire("k", Start.AddSeconds(1)));
    }

    [Fact]
    public void ConcurrentCallersNeverExceedTheBurst()
    {
        var limiter = new RateLimiter(requestsPerSecond: 1, burst: 100);
        var granted = 0;

        Parallel.For(0, 10_000, _ =>
        {
            if (limiter.TryAcquire("k", Start)) Interlocked.Increment(ref granted);
        });

        Assert.Equal(100, granted);
    }

    [Fact]
    public void InvalidLimitsAreRefused()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new RateLimiter(0, 1));
        Assert.Throws<ArgumentOutOfRangeException>(() => new RateLimiter(double.NaN, 1));
        Assert.Throws<ArgumentOutOfRangeException>(() => new RateLimiter(1, 0));
    }
}
