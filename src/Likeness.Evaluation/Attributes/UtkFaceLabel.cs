using Likeness.Vision.Faces.Attributes;

namespace Likeness.Evaluation.Attributes;

/// <summary>The labels a UTKFace file name carries: `&lt;age&gt;_&lt;gender 0 male, 1 female&gt;_&lt;race 0-4&gt;_&lt;date&gt;.jpg.chip.jpg`.</summary>
public sealed record UtkFaceLabel(int Age, GenderType Gender, UtkRace Race)
{
    /// <summary>The labels of a file name, or null when it does not follow UTKFace's pattern (a few originals lack a field).</summary>
    public static UtkFaceLabel? Parse(string fileName)
    {
        ArgumentNullException.ThrowIfNull(fileName);
        var fields = Path.GetFileName(fileName).Split('_');
        if (fields.Length < 4) return null;
        if (!int.TryParse(fields[0], out var age) || age < 0) return null;
        if (!int.TryParse(fields[1], out var gender) || gender is < 0 or > 1) return null;
        if (!int.TryParse(fields[2], out var race) || race is < 0 or > 4) return null;
        return new UtkFaceLabel(age, gender == 0 ? GenderType.Male : GenderType.Female, (UtkRace)race);
    }
}
