namespace Likeness.Evaluation.Calibration;

/// <summary>One UTKFace file and the labels its name carries: `&lt;age&gt;_&lt;gender&gt;_&lt;race&gt;_&lt;timestamp&gt;.jpg.chip.jpg`.</summary>
/// <param name="Path">The image file.</param>
/// <param name="Age">Age in years.</param>
/// <param name="Gender">UTKFace's label: 0 male, 1 female.</param>
/// <param name="Race">UTKFace's label: 0 White, 1 Black, 2 Asian, 3 Indian, 4 Others.</param>
public sealed record UtkFaceImage(string Path, int Age, int Gender, int Race)
{
    /// <summary>UTKFace's race labels 0-4 as its authors name them.</summary>
    public static IReadOnlyList<string> RaceNames { get; } = ["White", "Black", "Asian", "Indian", "Others"];

    /// <summary>UTKFace's gender labels 0-1 as its authors name them.</summary>
    public static IReadOnlyList<string> GenderNames { get; } = ["Male", "Female"];

    /// <summary>UTKFace's race label as its authors name it.</summary>
    public string RaceName => RaceNames[Race];

    /// <summary>UTKFace's gender label as its authors name it.</summary>
    public string GenderName => GenderNames[Gender];

    /// <summary>The labels of <paramref name="path"/>'s file name, or null when the name does not follow UTKFace's pattern.</summary>
    public static UtkFaceImage? Parse(string path)
    {
        var fields = System.IO.Path.GetFileName(path).Split('_');
        if (fields.Length < 4) return null;
        if (!int.TryParse(fields[0], out var age) || !int.TryParse(fields[1], out var gender) || !int.TryParse(fields[2], out var race)) return null;
        if (gender is < 0 or > 1 || race is < 0 or > 4) return null;
        return new UtkFaceImage(path, age, gender, race);
    }

    /// <summary>Every labelled image in <paramref name="directory"/>, sorted by file name.</summary>
    public static IReadOnlyList<UtkFaceImage> ReadDirectory(string directory) =>
        Directory.EnumerateFiles(directory, "*.jpg").Order(StringComparer.Ordinal).Select(Parse).OfType<UtkFaceImage>().ToList();
}
