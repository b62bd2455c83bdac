using Likeness.Evaluation.Audits;
using Likeness.Evaluation.Verification;
using Likeness.Imaging;
using Likeness.Vision.Faces.Embedding;
using Likeness.Vision.Faces.Landmarks;
using Likeness.Vision.Faces.Similarity;

namespace Likeness.Evaluation.Calibration;

/// <summary>
/// Embeds every UTKFace and LFW image once (through <see cref="AuditEmbedder"/>, which caches them), then
/// scores the pairs a calibration is fitted on: all UTKFace cross pairs and LFW's non-mated pairs as
/// impostors, LFW's mated pairs as genuine. Progress goes to <paramref name="progress"/>.
/// </summary>
public sealed class CalibrationEvaluator(CentralFaceLocator locator, OnnxFaceEmbedder embedder, string cacheRoot, TextWriter progress)
{
    /// <summary>
    /// UTKFace chips are cropped at the chin and hairline, tighter than any detector's training faces;
    /// BlazeFace finds them once the chip sits in a border of this fraction of its side on every side.
    /// </summary>
    public const double UtkFacePadding = 0.5;

    private readonly AuditEmbedder _utkFace = new(locator, embedder, cacheRoot, UtkFacePadding, progress);
    private readonly AuditEmbedder _lfw = new(locator, embedder, cacheRoot, 0, progress);

    /// <summary>Embeds and scores both data sets.</summary>
    public CalibrationScores Score(string utkFaceDirectory, string lfwDirectory)
    {
        var utk = UtkFaceImage.ReadDirectory(utkFaceDirectory);
        var utkEmbeddings = _utkFace.Embed(utk.Select(i => i.Path).ToList(), "UTKFace");

        var pairs = LfwPairsFile.Read(Path.Combine(lfwDirectory, "pairs.txt"));
        var lfwPaths = pairs.SelectMany(p => new[] { LfwPair.ImagePath(lfwDirectory, p.NameA, p.NumberA), LfwPair.ImagePath(lfwDirectory, p.NameB, p.NumberB) })
            .Distinct(StringComparer.Ordinal).ToList();
        var lfwEmbeddings = _lfw.Embed(lfwPaths, "LFW");
        var byPath = lfwPaths.Select((p, i) => (p, i)).ToDictionary(x => x.p, x => lfwEmbeddings[x.i], StringComparer.Ordinal);

        var impostors = new List<double>(utk.Count * (utk.Count - 1) / 2 + pairs.Count);
        var found = utkEmbeddings.Where(e => e is not null).Select(e => e!).ToList();
        long duplicates = 0;
        for (var i = 0; i < found.Count; i++)
        {
            for (var j = i + 1; j < found.Count; j++)
            {
                if (IsDuplicate(found[i], found[j])) duplicates++;
                else impostors.Add(FaceSimilarity.Compare(found[i], found[j]));
            }
        }
        var utkPairs = (long)impostors.Count;
        var lfwImpostorScores = new List<double>();
        var genuine = new List<double>();
        long lfwImpostors = 0;
        foreach (var pair in pairs)
        {
            var a = byPath[LfwPair.ImagePath(lfwDirectory, pair.NameA, pair.NumberA)];
            var b = byPath[LfwPair.ImagePath(lfwDirectory, pair.NameB, pair.NumberB)];
            if (a is null || b is null) continue;
            var score = FaceSimilarity.Compare(a, b);
            if (pair.IsSame)
            {
                genuine.Add(score);
            }
            else
            {
                impostors.Add(score);
                lfwImpostorScores.Add(score);
                lfwImpostors++;
            }
        }
        var impostorArray = impostors.ToArray();
        Array.Sort(impostorArray);
        var genuineArray = genuine.ToArray();
        Array.Sort(genuineArray);
        var lfwImpostorArray = lfwImpostorScores.ToArray();
        Array.Sort(lfwImpostorArray);
        var missing = utkEmbeddings.Count(e => e is null) + lfwEmbeddings.Count(e => e is null);
        return new CalibrationScores(impostorArray, genuineArray, utk, utkEmbeddings, utkPairs, duplicates, lfwImpostorArray, lfwImpostors, missing);
    }

    /// <summary>
    /// Whether two embeddings are bit-identical: UTKFace files some photos twice under different names
    /// (15 pairs in utkface-dev, some with different age or gender labels), and the same picture twice is
    /// not a false match. Near-identical pairs are kept: nothing says they are one person, and counting
    /// them only makes the measured rates higher, the safe side.
    /// </summary>
    public static bool IsDuplicate(FaceEmbedding a, FaceEmbedding b) => a.Vector.SequenceEqual(b.Vector);

    /// <summary>
    /// The FMR inside each UTKFace race x gender cell, each race and each gender (pairs with both faces
    /// in the group) at each threshold, as audits compare them with the calibrated rate.
    /// </summary>
    public static IReadOnlyList<GroupFalseMatchRate> GroupRates(CalibrationScores scores, SimilarityCalibration calibration, IReadOnlyList<double> thresholds)
    {
        ArgumentNullException.ThrowIfNull(scores);
        ArgumentNullException.ThrowIfNull(calibration);
        var faces = scores.UtkFaceImages.Zip(scores.UtkFaceEmbeddings).Where(x => x.Second is not null).Select(x => (Image: x.First, Embedding: x.Second!)).ToList();
        var groups = new List<(string Name, Func<UtkFaceImage, bool> Member)>();
        for (var race = 0; race < UtkFaceImage.RaceNames.Count; race++)
        {
            for (var gender = 0; gender < UtkFaceImage.GenderNames.Count; gender++)
            {
                var (r, g) = (race, gender);
                groups.Add(($"{UtkFaceImage.RaceNames[r]} {UtkFaceImage.GenderNames[g]}", i => i.Race == r && i.Gender == g));
            }
        }
        for (var race = 0; race < UtkFaceImage.RaceNames.Count; race++)
        {
            var r = race;
            groups.Add((UtkFaceImage.RaceNames[r], i => i.Race == r));
        }
        for (var gender = 0; gender < UtkFaceImage.GenderNames.Count; gender++)
        {
            var g = gender;
            groups.Add((UtkFaceImage.GenderNames[g], i => i.Gender == g));
        }
        groups.Add(("All", _ => true));

        var rawThresholds = thresholds.Select(calibration.RawScore).ToArray();
        var result = new List<GroupFalseMatchRate>();
        foreach (var (name, member) in groups)
        {
            var inGroup = faces.Where(f => member(f.Image)).Select(f => f.Embedding).ToList();
            var counts = new long[thresholds.Count];
            long pairs = 0;
            for (var i = 0; i < inGroup.Count; i++)
            {
                for (var j = i + 1; j < inGroup.Count; j++)
                {
                    if (IsDuplicate(inGroup[i], inGroup[j])) continue;
                    var score = FaceSimilarity.Compare(inGroup[i], inGroup[j]);
                    pairs++;
                    for (var t = 0; t < rawThresholds.Length; t++)
                    {
                        if (score >= rawThresholds[t]) counts[t]++;
                    }
                }
            }
            for (var t = 0; t < thresholds.Count; t++)
            {
                result.Add(new GroupFalseMatchRate(name, thresholds[t], pairs, counts[t], pairs == 0 ? 0 : (double)counts[t] / pairs, calibration.EstimatedFalseMatchRate(thresholds[t])));
            }
        }
        return result;
    }

    /// <summary>A new image with <paramref name="image"/> in the middle and its edge pixels repeated outwards by <paramref name="fraction"/> of each side.</summary>
    public static DecodedImage Pad(DecodedImage image, double fraction)
    {
        ArgumentNullException.ThrowIfNull(image);
        var padX = (int)Math.Round(image.Width * fraction);
        var padY = (int)Math.Round(image.Height * fraction);
        var width = image.Width + 2 * padX;
        var height = image.Height + 2 * padY;
        var pixels = new byte[width * height * 3];
        for (var y = 0; y < height; y++)
        {
            var sy = Math.Clamp(y - padY, 0, image.Height - 1);
            for (var x = 0; x < width; x++)
            {
                var sx = Math.Clamp(x - padX, 0, image.Width - 1);
                var s = (sy * image.Width + sx) * 3;
                var d = (y * width + x) * 3;
                pixels[d] = image.Pixels[s];
                pixels[d + 1] = image.Pixels[s + 1];
                pixels[d + 2] = image.Pixels[s + 2];
            }
        }
        return new DecodedImage(width, height, pixels);
    }
}
