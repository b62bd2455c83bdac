using System.Globalization;

namespace Likeness.Evaluation.Detection;

/// <summary>
/// Reads WIDER FACE's `wider_face_*_bbx_gt.txt`: an image path, a face count, then one line per face
/// `x y w h blur expression illumination invalid occlusion pose`. An image with no faces still has
/// one all-zero line, which is skipped.
/// </summary>
public static class WiderGroundTruthFile
{
    public static IReadOnlyList<WiderImage> Parse(TextReader reader)
    {
        var images = new List<WiderImage>();
        var lineNumber = 0;
        string? Next()
        {
            string? line;
            do
            {
                line = reader.ReadLine();
                lineNumber++;
            }
            while (line is not null && line.Trim().Length == 0);
            return line?.Trim();
        }

        while (Next() is { } path)
        {
            var countText = Next() ?? throw new FormatException($"Line {lineNumber}: {path} has no face count.");
            if (!int.TryParse(countText, NumberStyles.None, CultureInfo.InvariantCulture, out var count))
            {
                throw new FormatException($"Line {lineNumber}: expected a face count, got '{countText}'.");
            }
            var faces = new List<WiderFace>(count);
            for (var i = 0; i < Math.Max(count, 1); i++)
            {
                var line = Next() ?? throw new FormatException($"Line {lineNumber}: {path} ends before its {count} faces.");
                if (count == 0) continue;
                var v = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
                if (v.Length < 8) throw new FormatException($"Line {lineNumber}: a face needs at least 8 numbers, got '{line}'.");
                int N(int k) => int.Parse(v[k], NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture);
                faces.Add(new WiderFace(N(0), N(1), N(2), N(3), N(7) != 0));
            }
            images.Add(new WiderImage(path, faces));
        }
        return images;
    }

    /// <summary>
    /// Attaches widerface-demographics labels (`,file,perceived_gender,perceived_age,perceived_skin,face`,
    /// file = `images/&lt;path&gt;`, face = 0-based index in the image's box list) to the matching faces.
    /// </summary>
    public static IReadOnlyList<WiderImage> JoinDemographics(IReadOnlyList<WiderImage> images, TextReader csv)
    {
        var header = (csv.ReadLine() ?? "").Split(',');
        int Column(string name) => Array.IndexOf(header, name) is var i and >= 0 ? i : throw new FormatException($"The demographics file has no '{name}' column.");
        var (file, gender, age, skin, face) = (Column("file"), Column("perceived_gender"), Column("perceived_age"), Column("perceived_skin"), Column("face"));
        var labels = new Dictionary<(string, int), FaceDemographics>();
        while (csv.ReadLine() is { } line)
        {
            if (line.Length == 0) continue;
            var v = line.Split(',');
            var path = v[file].StartsWith("images/", StringComparison.Ordinal) ? v[file]["images/".Length..] : v[file];
            labels[(path, int.Parse(v[face], CultureInfo.InvariantCulture))] = new FaceDemographics(v[gender], v[age], v[skin]);
        }
        return images.Select(image => image with
        {
            Faces = image.Faces.Select((f, i) => labels.TryGetValue((image.RelativePath, i), out var d) ? f with { Demographics = d } : f).ToList(),
        }).ToList();
    }
}
