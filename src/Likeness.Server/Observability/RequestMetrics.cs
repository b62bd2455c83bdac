using System.Collections.Concurrent;
using System.Globalization;
using System.Text;

namespace Likeness.Server.Observability;

/// <summary>
/// Requests, errors and latency per operation, written in Prometheus' text format at /metrics.
/// Latency is a histogram with fixed buckets, so p50/p99 can be computed by the scraper.
/// </summary>
public sealed class RequestMetrics
{
    private static readonly double[] Buckets = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];

    private readonly ConcurrentDictionary<string, Operation> _operations = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<(string Operation, string Error), long> _errors = new();

    /// <summary>Records one finished request; <paramref name="error"/> is the AWS error type, or null for success.</summary>
    public void Record(string operation, TimeSpan elapsed, string? error)
    {
        _operations.GetOrAdd(operation, _ => new Operation()).Add(elapsed.TotalSeconds);
        if (error is not null) _errors.AddOrUpdate((operation, error), 1, (_, n) => n + 1);
    }

    /// <summary>The Prometheus exposition text.</summary>
    public string Render()
    {
        var text = new StringBuilder();
        text.AppendLine("# HELP likeness_requests_total Requests answered, by operation.");
        text.AppendLine("# TYPE likeness_requests_total counter");
        foreach (var (name, op) in _operations.OrderBy(p => p.Key, StringComparer.Ordinal)) text.AppendLine(Invariant($"likeness_requests_total{{operation=\"{name}\"}} {op.Count}"));
        text.AppendLine("# HELP likeness_errors_total Requests answered with an error, by operation and AWS error type.");
        text.AppendLine("# TYPE likeness_errors_total counter");
        foreach (var ((name, error), count) in _errors.OrderBy(p => p.Key.Operation, StringComparer.Ordinal).ThenBy(p => p.Key.Error, StringComparer.Ordinal))
        {
            text.AppendLine(Invariant($"likeness_errors_total{{operation=\"{name}\",error=\"{error}\"}} {count}"));
        }
        text.AppendLine("# HELP likeness_request_seconds Time from request received to response written, by operation.");
        text.AppendLine("# TYPE likeness_request_seconds histogram");
        foreach (var (name, op) in _operations.OrderBy(p => p.Key, StringComparer.Ordinal))
        {
            var (counts, sum, total) = op.Snapshot();
            long cumulative = 0;
            for (var i = 0; i < Buckets.Length; i++)
            {
                cumulative += counts[i];
                text.AppendLine(Invariant($"likeness_request_seconds_bucket{{operation=\"{name}\",le=\"{Buckets[i]}\"}} {cumulative}"));
            }
            text.AppendLine(Invariant($"likeness_request_seconds_bucket{{operation=\"{name}\",le=\"+Inf\"}} {total}"));
            text.AppendLine(Invariant($"likeness_request_seconds_sum{{operation=\"{name}\"}} {sum}"));
            text.AppendLine(Invariant($"likeness_request_seconds_count{{operation=\"{name}\"}} {total}"));
        }
        return text.ToString();
    }

    private static string Invariant(FormattableString s) => s.ToString(CultureInfo.InvariantCulture);

    private sealed class Operation
    {
        private readonly long[] _counts = new long[Buckets.Length];
        private readonly Lock _gate = new();
        private double _sum;
        private long _total;

        public long Count
        {
            get { lock (_gate) return _total; }
        }

        public void Add(double seconds)
        {
            lock (_gate)
            {
                var i = Array.FindIndex(Buckets, b => seconds <= b);
                if (i >= 0) _counts[i]++;
                _sum += seconds;
                _total++;
            }
        }

        public (long[] Counts, double Sum, long Total) Snapshot()
        {
            lock (_gate) return ((long[])_counts.Clone(), _sum, _total);
        }
    }
}
