namespace Likeness.Bench;

/// <summary>The counting progress line on stderr, so a run of several minutes shows where it is.</summary>
/// <remarks>
/// On a terminal one line is rewritten in place for every repetition; when stderr is redirected (a
/// log, CI) only finished measurements are written, one line each, so the log stays readable.
/// The line is written between repetitions, never inside a timed one.
/// </remarks>
public sealed class ProgressLine(TextWriter writer, bool interactive)
{
    /// <summary>Progress on the terminal, rewritten in place when stderr is one.</summary>
    public static ProgressLine StandardError { get; } = new(Console.Error, !Console.IsErrorRedirected);

    /// <summary>Shows transient progress (terminal only).</summary>
    public void Tick(string text)
    {
        if (interactive) writer.Write($"\r{text}\x1b[K");
    }

    /// <summary>Ends an item with a line that stays.</summary>
    public void Done(string text) => writer.Write(interactive ? $"\r{text}\x1b[K\n" : $"{text}\n");
}
