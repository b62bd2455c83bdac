namespace Likeness.Governance.Policy;

/// <summary>
/// The live policy: the file at a path (or the default policy when the path is null), re-read when the file's
/// modification time or length changes. The check runs on <see cref="Current"/>, at most once a second, so a
/// busy server touches the file system once a second at most. A changed file that does not parse is refused:
/// the warning callback is told why and the previous policy stays in force (an operator's typo must never
/// open or close the service by accident). A file that is invalid at construction throws.
/// </summary>
public sealed class PolicyProvider : IDisposable
{
    private static readonly TimeSpan CheckInterval = TimeSpan.FromSeconds(1);

    private readonly string? _path;
    private readonly Action<string>? _warn;
    private readonly TimeProvider _time;
    private readonly Lock _lock = new();
    private volatile PolicyEngine _engine;
    private long _lastCheck;
    private (DateTime WriteTime, long Length) _stamp;
    private bool _disposed;

    /// <summary>Loads the policy at <paramref name="path"/> (null: the default policy); throws <see cref="PolicyException"/> when the file is invalid or unreadable.</summary>
    public PolicyProvider(string? path, Action<string>? warn = null)
        : this(path, warn, TimeProvider.System)
    {
    }

    /// <summary>As the public constructor, with the clock that paces the checks (tests pass a manual one).</summary>
    internal PolicyProvider(string? path, Action<string>? warn, TimeProvider time)
    {
        _path = path is null ? null : Path.GetFullPath(path);
        _warn = warn;
        _time = time;
        _lastCheck = time.GetTimestamp();
        if (_path is null)
        {
            _engine = new PolicyEngine(PolicyDocument.Default);
            return;
        }
        try
        {
            _stamp = Stamp(_path);
            _engine = new PolicyEngine(PolicyDocument.Parse(File.ReadAllText(_path)));
        }
        catch (PolicyException e)
        {
            throw new PolicyException($"{_path}: {e.Message}");
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new PolicyException($"{_path}: cannot read the policy file: {e.Message}");
        }
    }

    /// <summary>The policy file's full path, or null when the default policy is in force.</summary>
    public string? FilePath => _path;

    /// <summary>The engine for the policy in force now, after re-reading the file if it changed (checked at most once a second).</summary>
    public PolicyEngine Current
    {
        get
        {
            if (_path is not null && !_disposed && _time.GetElapsedTime(Interlocked.Read(ref _lastCheck)) >= CheckInterval) Check(_path);
            return _engine;
        }
    }

    /// <summary>Stops checking the file; <see cref="Current"/> keeps returning the last policy loaded.</summary>
    public void Dispose() => _disposed = true;

    private void Check(string path)
    {
        lock (_lock)
        {
            // Another thread may have checked while this one waited for the lock.
            if (_time.GetElapsedTime(_lastCheck) < CheckInterval) return;
            Interlocked.Exchange(ref _lastCheck, _time.GetTimestamp());
            (DateTime, long) stamp;
            string json;
            try
            {
                stamp = Stamp(path);
                if (stamp == _stamp) return;
                json = File.ReadAllText(path);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                // Warn once per disappearance, not once a second.
                if (_stamp != default) _warn?.Invoke($"Policy file {path} cannot be read ({e.Message}); keeping policy version {_engine.Document.Version}.");
                _stamp = default;
                return;
            }
            // Remember the stamp even when the new file is refused, so it is reported once and re-read only
            // when it changes again (a half-written file changes again when the writer finishes).
            _stamp = stamp;
            try
            {
                _engine = new PolicyEngine(PolicyDocument.Parse(json));
            }
            catch (PolicyException e)
            {
                _warn?.Invoke($"Policy file {path} was changed but is invalid, so it was not loaded; policy version {_engine.Document.Version} stays in force. {e.Message}");
            }
        }
    }

    private static (DateTime, long) Stamp(string path)
    {
        var info = new FileInfo(path);
        if (!info.Exists) throw new FileNotFoundException($"{path} does not exist");
        return (info.LastWriteTimeUtc, info.Length);
    }
}
