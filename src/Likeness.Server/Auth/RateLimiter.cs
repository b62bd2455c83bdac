using System.Collections.Concurrent;

namespace Likeness.Server.Auth;

/// <summary>
/// A token bucket per access key: each key may send <c>burst</c> requests at once and
/// <c>requestsPerSecond</c> on average. Thread-safe. Call it after <see cref="SigV4Verifier"/> succeeds,
/// so only real keys get a bucket and memory stays bounded by the number of keys. The host answers a
/// refusal (docs/SECURITY.md says with what); this class only counts.
/// </summary>
public sealed class RateLimiter
{
    private readonly double _rate;
    private readonly double _burst;
    private readonly ConcurrentDictionary<string, Bucket> _buckets = new(StringComparer.Ordinal);

    /// <summary>A limiter refilling <paramref name="requestsPerSecond"/> tokens a second up to <paramref name="burst"/>; every key starts full.</summary>
    public RateLimiter(double requestsPerSecond, int burst)
    {
        if (!(requestsPerSecond > 0) || double.IsInfinity(requestsPerSecond))
        {
            throw new ArgumentOutOfRangeException(nameof(requestsPerSecond), requestsPerSecond, "The rate must be a positive finite number of requests per second.");
        }
        ArgumentOutOfRangeException.ThrowIfLessThan(burst, 1);
        _rate = requestsPerSecond;
        _burst = burst;
    }

    /// <summary>Takes one token from <paramref name="accessKeyId"/>'s bucket as of <paramref name="now"/>: true if the request may proceed.</summary>
    public bool TryAcquire(string accessKeyId, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(accessKeyId);
        var bucket = _buckets.GetOrAdd(accessKeyId, static (_, state) => new Bucket(state.Burst, state.Now), (Burst: _burst, Now: now));
        lock (bucket)
        {
            // Concurrent callers may pass slightly out-of-order clocks; time never runs backwards here.
            var elapsed = (now - bucket.Updated).TotalSeconds;
            if (elapsed > 0)
            {
                bucket.Tokens = Math.Min(_burst, bucket.Tokens + elapsed * _rate);
                bucket.Updated = now;
            }
            if (bucket.Tokens < 1) return false;
            bucket.Tokens -= 1;
            return true;
        }
    }

    private sealed class Bucket(double tokens, DateTimeOffset updated)
    {
        public double Tokens = tokens;
        public DateTimeOffset Updated = updated;
    }
}
