using System.Text.RegularExpressions;
using Likeness.Evaluation.Calibration;

namespace Likeness.Evaluation.Audits;

/// <summary>
/// Reads who is in each audit image and how they are labelled, from one of three sources (docs/AUDITS.md):
/// <list type="bullet">
/// <item>`utkface`: UTKFace file names `age_gender_race_timestamp.jpg...` give race, gender and age band; every image is a different person.</item>
/// <item>`lfw`: `images/Name/Name_0001.jpg`; the folder names the person; `male_names.txt` / `female_names.txt` beside `images/` give gender.</item>
/// <item>a CSV manifest: header `file,identity,&lt;dimension&gt;,...`; `file` relative to the images folder; `identity` optional
/// (empty: a person no other image shows); every other column is a label dimension.</item>
/// </list>
/// Without a manifest, identity comes from the file name: everything before a trailing `_0001`-style number.
/// </summary>
public static partial class AuditLabels
{
    /// <summary>Age bands the audits report, after NIST FRVT part 3's coarse bands for adults.</summary>
    public static string AgeBand(int age) => age switch
    {
        < 18 => "under 18",
        < 30 => "18-29",
        < 45 => "30-44",
        < 60 => "45-59",
        _ => "60+",
    };

    /// <summary>The subjects of <paramref name="imagesDirectory"/> labelled by <paramref name="labels"/>: `utkface`, `lfw`, `none`, or a CSV path.</summary>
    public static AuditSubjectSet Read(string imagesDirectory, string labels)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(imagesDirectory);
        ArgumentException.ThrowIfNullOrWhiteSpace(labels);
        if (!Directory.Exists(imagesDirectory)) throw new DirectoryNotFoundException($"No images folder at {imagesDirectory}.");
        return labels switch
        {
            "utkface" => UtkFace(imagesDirectory),
            "lfw" => Lfw(imagesDirectory),
            "none" => FromFileNames(imagesDirectory),
            _ => Csv(imagesDirectory, labels),
        };
    }

    /// <summary>UTKFace: race, gender, age band from each file name; no identities (every image a different person); padded 0.5 for the detector.</summary>
    public static AuditSubjectSet UtkFace(string directory)
    {
        var images = UtkFaceImage.ReadDirectory(directory);
        if (images.Count == 0) throw new InvalidDataException($"No UTKFace-named images (age_gender_race_....jpg) in {directory}.");
        var subjects = images.Select(i => new AuditSubject(i.Path, null, new Dictionary<string, string>
        {
            ["race"] = i.RaceName,
            ["gender"] = i.GenderName,
            ["age band"] = AgeBand(i.Age),
        })).ToList();
        return new AuditSubjectSet(subjects, ["race", "gender", "age band"], $"UTKFace file-name labels, {directory}", CalibrationEvaluator.UtkFacePadding);
    }

    /// <summary>LFW: identity from each image's folder, gender from the name lists when present (images in neither list are left unlabelled).</summary>
    public static AuditSubjectSet Lfw(string directory)
    {
        var imagesRoot = Directory.Exists(Path.Combine(directory, "images")) ? Path.Combine(directory, "images") : directory;
        var files = Directory.EnumerateFiles(imagesRoot, "*.jpg", SearchOption.AllDirectories).Order(StringComparer.Ordinal).ToList();
        if (files.Count == 0) throw new InvalidDataException($"No .jpg images under {imagesRoot}.");
        var gender = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (file, value) in new[] { ("male_names.txt", "Male"), ("female_names.txt", "Female") })
        {
            var path = new[] { Path.Combine(directory, file), Path.Combine(imagesRoot, "..", file) }.FirstOrDefault(File.Exists);
            if (path is null) continue;
            foreach (var line in File.ReadLines(path))
            {
                var name = line.Trim();
                if (name.Length > 0) gender[name] = value;
            }
        }
        var subjects = files.Select(f =>
        {
            var labels = new Dictionary<string, string>(StringComparer.Ordinal);
            if (gender.TryGetValue(Path.GetFileName(f), out var g)) labels["gender"] = g;
            return new AuditSubject(f, Path.GetFileName(Path.GetDirectoryName(f)!), labels);
        }).ToList();
        return new AuditSubjectSet(subjects, gender.Count > 0 ? ["gender"] : [], $"LFW folders as identities{(gender.Count > 0 ? ", gender from male_names.txt/female_names.txt" : "")}, {directory}", 0);
    }

    /// <summary>Every image under the folder, identity from its file name (`Name_0001.jpg` → Name), no labels.</summary>
    public static AuditSubjectSet FromFileNames(string directory)
    {
        var files = ImageFiles(directory);
        return new AuditSubjectSet(files.Select(f => new AuditSubject(f, IdentityFromFileName(f), new Dictionary<string, string>())).ToList(), [],
            $"identities from file names, {directory}", 0);
    }

    /// <summary>A CSV manifest (see the type's remarks); throws <see cref="FormatException"/> naming the line at fault.</summary>
    public static AuditSubjectSet Csv(string imagesDirectory, string csvPath)
    {
        if (!File.Exists(csvPath)) throw new FileNotFoundException($"--labels is utkface, lfw, none or a CSV manifest; there is no file {csvPath}.", csvPath);
        var lines = File.ReadAllLines(csvPath);
        if (lines.Length == 0) throw new FormatException($"{csvPath} is empty; its first line must be a header starting `file`.");
        var header = SplitCsv(lines[0]).Select(h => h.Trim()).ToList();
        var fileColumn = header.FindIndex(h => h.Equals("file", StringComparison.OrdinalIgnoreCase));
        if (fileColumn < 0) throw new FormatException($"{csvPath} line 1: the header needs a `file` column, got {string.Join(",", header)}.");
        var identityColumn = header.FindIndex(h => h.Equals("identity", StringComparison.OrdinalIgnoreCase));
        var dimensions = header.Select((h, i) => (h, i)).Where(x => x.i != fileColumn && x.i != identityColumn && x.h.Length > 0).ToList();
        var subjects = new List<AuditSubject>();
        for (var n = 1; n < lines.Length; n++)
        {
            if (string.IsNullOrWhiteSpace(lines[n])) continue;
            var fields = SplitCsv(lines[n]);
            if (fields.Count != header.Count) throw new FormatException($"{csvPath} line {n + 1}: {fields.Count} fields, the header has {header.Count}.");
            var path = Path.Combine(imagesDirectory, fields[fileColumn].Trim());
            if (!File.Exists(path)) throw new FileNotFoundException($"{csvPath} line {n + 1}: no image {path}.", path);
            var identity = identityColumn >= 0 && fields[identityColumn].Trim().Length > 0 ? fields[identityColumn].Trim() : null;
            var labels = dimensions.Where(d => fields[d.i].Trim().Length > 0).ToDictionary(d => d.h, d => fields[d.i].Trim(), StringComparer.Ordinal);
            subjects.Add(new AuditSubject(path, identity, labels));
        }
        if (subjects.Count == 0) throw new FormatException($"{csvPath} lists no images.");
        return new AuditSubjectSet(subjects, dimensions.Select(d => d.h).ToList(), $"manifest {csvPath}", 0);
    }

    /// <summary>`Name_0001.jpg` → `Name`; a name without a trailing number is its own identity.</summary>
    public static string IdentityFromFileName(string path)
    {
        var stem = Path.GetFileNameWithoutExtension(path);
        var match = TrailingNumber().Match(stem);
        return match.Success ? stem[..match.Index] : stem;
    }

    /// <summary>Every .jpg, .jpeg and .png under <paramref name="directory"/>, in path order.</summary>
    public static IReadOnlyList<string> ImageFiles(string directory)
    {
        if (!Directory.Exists(directory)) throw new DirectoryNotFoundException($"No images folder at {directory}.");
        var files = Directory.EnumerateFiles(directory, "*", SearchOption.AllDirectories)
            .Where(f => Path.GetExtension(f).ToLowerInvariant() is ".jpg" or ".jpeg" or ".png")
            .Order(StringComparer.Ordinal).ToList();
        return files.Count > 0 ? files : throw new InvalidDataException($"No .jpg or .png images under {directory}.");
    }

    // Quotes allowed around fields, "" for a quote inside one (RFC 4180).
    private static List<string> SplitCsv(string line)
    {
        var fields = new List<string>();
        var current = new System.Text.StringBuilder();
        var quoted = false;
        for (var i = 0; i < line.Length; i++)
        {
            var c = line[i];
            if (quoted)
            {
                if (c == '"' && i + 1 < line.Length && line[i + 1] == '"') { current.Append('"'); i++; }
                else if (c == '"') quoted = false;
                else current.Append(c);
            }
            else if (c == '"') quoted = true;
            else if (c == ',') { fields.Add(current.ToString()); current.Clear(); }
            else current.Append(c);
        }
        fields.Add(current.ToString());
        return fields;
    }

    [GeneratedRegex(@"[_\-\s]\d+$")]
    private static partial Regex TrailingNumber();
}
