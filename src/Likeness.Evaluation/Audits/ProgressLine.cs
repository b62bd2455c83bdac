using System.Diagnostics;

namespace Likeness.Evaluation.Audits;

/// <summary>
/// A progress bar on one terminal line: `label [#####-----] 1,200/3,500 images  34/s  1m07s left`,
/// redrawn at most four times a second and finished with a newline.
/// </summary>
public sealed class ProgressLine(TextWriter output, string label, long total, string unit = "images")
{
    private const int Width = 24;
    private readonly Stopwatch _clock = Stopwatch.StartNew();
    private TimeSpan? _lastDraw;

    /// <summary>Reports <paramref name="done"/> of the total; the last call (done = total) always draws and ends the line.</summary>
    public void Report(long done)
    {
        var now = _clock.Elapsed;
        if (done < total && _lastDraw is { } last && now - last < TimeSpan.FromMilliseconds(250)) return;
        _lastDraw = now;
        var fraction = total == 0 ? 1 : Math.Clamp((double)done / total, 0, 1);
        var filled = (int)Math.Round(fraction * Width);
        var rate = now.TotalSeconds > 0 ? done / now.TotalSeconds : 0;
        var left = rate > 0 && done < total ? TimeSpan.FromSeconds((total - done) / rate) : TimeSpan.Zero;
        var eta = done >= total ? $"{Format(now)} total" : rate > 0 ? $"{Format(left)} left" : "";
        output.Write(FormattableString.Invariant($"\r{label} [{new string('#', filled)}{new string('-', Width - filled)}] {done:N0}/{total:N0} {unit}  {rate:F0}/s  {eta}   "));
        if (done >= total) output.WriteLine();
        output.Flush();
    }

    private static string Format(TimeSpan t) => t.TotalMinutes >= 1 ? $"{(int)t.TotalMinutes}m{t.Seconds:D2}s" : $"{t.TotalSeconds:F0}s";
}
