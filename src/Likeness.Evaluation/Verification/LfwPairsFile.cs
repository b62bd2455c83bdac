using System.Globalization;

namespace Likeness.Evaluation.Verification;

/// <summary>
/// Reads LFW's View 2 `pairs.txt`: a header `folds TAB n`, then per fold n same-person lines
/// `name TAB i TAB j` followed by n different-person lines `name1 TAB i TAB name2 TAB j`
/// (http://vis-www.cs.umass.edu/lfw/README.txt).
/// </summary>
public static class LfwPairsFile
{
    /// <summary>Reads and parses the file at <paramref name="path"/>.</summary>
    public static IReadOnlyList<LfwPair> Read(string path)
    {
        using var reader = new StreamReader(path);
        return Parse(reader);
    }

    /// <summary>Parses pairs.txt text; throws <see cref="FormatException"/> naming the line that is wrong.</summary>
    public static IReadOnlyList<LfwPair> Parse(TextReader reader)
    {
        ArgumentNullException.ThrowIfNull(reader);
        var header = Fields(reader.ReadLine(), 1);
        if (header.Length != 2) throw new FormatException("pairs.txt line 1 should be `folds<TAB>pairs per class`.");
        var folds = Number(header[0], 1);
        var perClass = Number(header[1], 1);
        var pairs = new List<LfwPair>(folds * perClass * 2);
        var lineNumber = 1;
        for (var fold = 0; fold < folds; fold++)
        {
            for (var k = 0; k < 2 * perClass; k++)
            {
                lineNumber++;
                var same = k < perClass;
                var f = Fields(reader.ReadLine(), lineNumber);
                if (same && f.Length == 3) pairs.Add(new LfwPair(fold, f[0], Number(f[1], lineNumber), f[0], Number(f[2], lineNumber), true));
                else if (!same && f.Length == 4) pairs.Add(new LfwPair(fold, f[0], Number(f[1], lineNumber), f[2], Number(f[3], lineNumber), false));
                else throw new FormatException($"pairs.txt line {lineNumber} should be a {(same ? "same-person (3 fields)" : "different-person (4 fields)")} pair, got {f.Length} fields.");
            }
        }
        return pairs;
    }

    private static string[] Fields(string? line, int lineNumber) =>
        line?.Split(['\t', ' '], StringSplitOptions.RemoveEmptyEntries) ?? throw new FormatException($"pairs.txt ends before line {lineNumber}.");

    private static int Number(string text, int lineNumber) =>
        int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n > 0
            ? n
            : throw new FormatException($"pairs.txt line {lineNumber}: '{text}' is not a positive number.");
}
