using System.Globalization;

namespace Likeness.Cli.Commands;

/// <summary>
/// The face detector's finer passes as the CLI writes them, `0.5+1` (docs/DETECTION.md): `--detector-scales`
/// of serve, detect and compare, and `scales=` of `eval detection`'s detectors.
/// </summary>
internal static class DetectorScalesOption
{
    public const string Usage = "--detector-scales 0.5+1";

    /// <summary>Null when <paramref name="text"/> is null (the default scales).</summary>
    public static IReadOnlyList<float>? Parse(string? text)
    {
        if (text is null) return null;
        var scales = new List<float>();
        foreach (var part in text.Split('+'))
        {
            if (!float.TryParse(part, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var scale) || scale <= 0 || scale > 4)
            {
                throw new CliUsageException($"Detector scales are input pixels per image pixel joined by '+', each above 0 and at most 4 (e.g. 0.5+1: half size, then full size); got '{part}'.");
            }
            scales.Add(scale);
        }
        return scales;
    }
}
