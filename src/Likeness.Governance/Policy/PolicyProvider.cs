using System.Text;

namespace Likeness.Governance.Policy;

/// <summary>
/// The live policy: the file at a path (or the default policy when the path is null), re-read when the file's
/// modification time or length changes. The check runs on <see cref="Current"/>, at most once a second, so a
/// busy server touches the file system once a second at most. A changed file that does not parse is refused:
/// the warning callback is told why and the previous policy stays in force (an operator's typo must never
/// open or close the service by accident). A file that is invalid at construction throws.
/// An optional file (<see cref="Optional"/>) may be absent: the default policy is in force until it appears.
/// </summary>
public sealed class PolicyProvider : IDisposable
{
    /// <summary>The policy file of a data directory: what the service and the CLI use when no policy file is named.</summary>
    public const string DataDirectoryFileName = "policy.json";

    /// <summary>What <see cref="Source"/> says while the embedded default policy is in force.</summary>
    public const string DefaultSource = "built-in default";

    private static readonly TimeSpan CheckInterval = TimeSpan.FromSeconds(1);

    private readonly string? _path;
    private readonly Action<string>? _warn;
    private readonly TimeProvider _time;
    private readonly Lock _lock = new();
    private volatile Loaded _loaded;
    private long _lastCheck;
    private (DateTime WriteTime, long Length) _stamp;
    private bool _disposed;

    /// <summary>Loads the policy at <paramref name="path"/> (null: the default policy); throws <see cref="PolicyException"/> when the file is invalid or unreadable.</summary>
    public PolicyProvider(string? path, Action<string>? warn = null)
        : this(path, warn, TimeProvider.System)
    {
    }

    /// <summary>As the public constructor, with the clock that paces the checks (tests pass a manual one).</summary>
    internal PolicyProvider(string? path, Action<string>? warn, TimeProvider time, bool optional = false)
    {
        _path = path is null ? null : Path.GetFullPath(path);
        _warn = warn;
        _time = time;
        _lastCheck = time.GetTimestamp();
        _loaded = new Loaded(new PolicyEngine(PolicyDocument.Default), null);
        if (_path is null || (optional && !File.Exists(_path))) return;
        try
        {
            _stamp = Stamp(_path);
            _loaded = new Loaded(new PolicyEngine(PolicyDocument.Parse(File.ReadAllText(_path))), _path);
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

    /// <summary>
    /// Watches <paramref name="path"/>, which need not exist: the default policy is in force until the file appears
    /// (by <see cref="Save"/> or written by an operator), then the file, re-read as any policy file. A file that
    /// exists and is invalid throws <see cref="PolicyException"/>.
    /// </summary>
    public static PolicyProvider Optional(string path, Action<string>? warn = null) => Optional(path, warn, TimeProvider.System);

    internal static PolicyProvider Optional(string path, Action<string>? warn, TimeProvider time)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        return new PolicyProvider(path, warn, time, optional: true);
    }

    /// <summary>The watched policy file's full path (it may not exist yet), or null when the provider serves only the default policy.</summary>
    public string? FilePath => _path;

    /// <summary>The engine for the policy in force now, after re-reading the file if it changed (checked at most once a second).</summary>
    public PolicyEngine Current => Refresh().Engine;

    /// <summary>Where the policy in force came from: the file's full path, or <see cref="DefaultSource"/>.</summary>
    public string Source => Refresh().File ?? DefaultSource;

    /// <summary>
    /// Writes <paramref name="document"/>'s JSON, exactly as it was read, to <see cref="FilePath"/> and puts it in force
    /// at once. The write is atomic (a temporary file in the same directory, flushed to disk, renamed over the old
    /// file, the directory flushed), so neither this provider nor another process ever reads half a policy.
    /// InvalidOperationException when the provider has no file (it serves only the default policy).
    /// </summary>
    public void Save(PolicyDocument document)
    {
        ArgumentNullException.ThrowIfNull(document);
        var path = _path ?? throw new InvalidOperationException("This policy provider serves the built-in default policy only; it has no policy file to write.");
        lock (_lock)
        {
            var directory = Path.GetDirectoryName(path)!;
            var temporary = Path.Combine(directory, $".{Path.GetFileName(path)}.{Guid.NewGuid():N}.tmp");
            try
            {
                using (var stream = new FileStream(temporary, FileMode.CreateNew, FileAccess.Write, FileShare.None))
                {
                    stream.Write(new UTF8Encoding(encoderShouldEmitUTF8Identifier: false).GetBytes(document.Json));
                    stream.Flush(flushToDisk: true);
                }
                File.Move(temporary, path, overwrite: true);
            }
            catch
            {
                File.Delete(temporary);
                throw;
            }
            Likeness.Vectors.Storage.DirectorySync.Flush(directory);
            // The new stamp is this file's, so the next check does not read back what was just written.
            _stamp = Stamp(path);
            Interlocked.Exchange(ref _lastCheck, _time.GetTimestamp());
            _loaded = new Loaded(new PolicyEngine(document), path);
        }
    }

    /// <summary>Stops checking the file; <see cref="Current"/> keeps returning the last policy loaded.</summary>
    public void Dispose() => _disposed = true;

    private Loaded Refresh()
    {
        if (_path is not null && !_disposed && _time.GetElapsedTime(Interlocked.Read(ref _lastCheck)) >= CheckInterval) Check(_path);
        return _loaded;
    }

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
                // Warn once per disappearance, not once a second; an optional file that never existed is no news.
                if (_stamp != default) _warn?.Invoke($"Policy file {path} cannot be read ({e.Message}); keeping policy version {_loaded.Engine.Document.Version}.");
                _stamp = default;
                return;
            }
            // Remember the stamp even when the new file is refused, so it is reported once and re-read only
            // when it changes again (a half-written file changes again when the writer finishes).
            _stamp = stamp;
            try
            {
                _loaded = new Loaded(new PolicyEngine(PolicyDocument.Parse(json)), path);
            }
            catch (PolicyException e)
            {
                _warn?.Invoke($"Policy file {path} was changed but is invalid, so it was not loaded; policy version {_loaded.Engine.Document.Version} stays in force. {e.Message}");
            }
        }
    }

    private static (DateTime, long) Stamp(string path)
    {
        var info = new FileInfo(path);
        if (!info.Exists) throw new FileNotFoundException($"{path} does not exist");
        return (info.LastWriteTimeUtc, info.Length);
    }

    // The engine and the file it came from (null: the default), swapped together so a reader never pairs one policy with another's source.
    private sealed record Loaded(PolicyEngine Engine, string? File);
}
