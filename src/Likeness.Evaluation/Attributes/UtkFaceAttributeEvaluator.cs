using Likeness.Evaluation.Verification;
using Likeness.Imaging;
using Likeness.Vision.Faces.Attributes;
using Likeness.Vision.Faces.Landmarks;

namespace Likeness.Evaluation.Attributes;

/// <summary>
/// Runs an age-and-gender estimator on every UTKFace image of a folder and groups the results by
/// race x gender (Gender Shades' cells, Buolamwini and Gebru 2018), by race, by gender and overall.
/// </summary>
/// <remarks>
/// UTKFace's "chip" images are 200x200 crops cut tight around the face; BlazeFace needs the context
/// it was trained with, so each image is centred on a black canvas twice its size before
/// <see cref="CentralFaceLocator"/> finds the face and its landmarks.
/// </remarks>
public static class UtkFaceAttributeEvaluator
{
    /// <summary>Age in years and gender for one face, given the image and its 68 landmarks.</summary>
    public delegate (double Age, GenderType Gender) Estimator(DecodedImage image, FaceLandmarks68 landmarks);

    /// <summary>One prediction per labelled image in <paramref name="folder"/>, in file-name order.</summary>
    public static IReadOnlyList<AttributePrediction> Predict(string folder, CentralFaceLocator locator, Estimator estimator, int? limit = null)
    {
        ArgumentNullException.ThrowIfNull(locator);
        ArgumentNullException.ThrowIfNull(estimator);
        var decoder = new ImageDecoder();
        var files = Directory.EnumerateFiles(folder, "*.jpg").Order(StringComparer.Ordinal).ToList();
        if (limit is { } n) files = files.Take(n).ToList();
        var predictions = new List<AttributePrediction>();
        foreach (var file in files)
        {
            if (UtkFaceLabel.Parse(file) is not { } label) continue;
            var image = Pad(decoder.Decode(File.ReadAllBytes(file)));
            var landmarks = locator.Locate(image);
            if (landmarks is null)
            {
                predictions.Add(new AttributePrediction(Path.GetFileName(file), label, null, null));
                continue;
            }
            var (age, gender) = estimator(image, landmarks);
            predictions.Add(new AttributePrediction(Path.GetFileName(file), label, age, gender));
        }
        return predictions;
    }

    /// <summary>Every race x gender cell, then each race, each gender and all faces.</summary>
    public static IReadOnlyList<AttributeCellResult> Summarise(IReadOnlyList<AttributePrediction> predictions, int ageHalfWidth)
    {
        ArgumentNullException.ThrowIfNull(predictions);
        var cells = new List<AttributeCellResult>();
        foreach (var race in Enum.GetValues<UtkRace>())
        {
            foreach (var gender in Enum.GetValues<GenderType>())
            {
                cells.Add(AttributeCellResult.Of($"{race} {gender}", predictions.Where(p => p.Label.Race == race && p.Label.Gender == gender).ToList(), ageHalfWidth));
            }
        }
        foreach (var race in Enum.GetValues<UtkRace>()) cells.Add(AttributeCellResult.Of($"{race}", predictions.Where(p => p.Label.Race == race).ToList(), ageHalfWidth));
        foreach (var gender in Enum.GetValues<GenderType>()) cells.Add(AttributeCellResult.Of($"{gender}", predictions.Where(p => p.Label.Gender == gender).ToList(), ageHalfWidth));
        cells.Add(AttributeCellResult.Of("all", predictions, ageHalfWidth));
        return cells;
    }

    /// <summary>The image centred on a black canvas twice its width and height.</summary>
    internal static DecodedImage Pad(DecodedImage image)
    {
        var (width, height) = (image.Width * 2, image.Height * 2);
        var pixels = new byte[width * height * 3];
        var (left, top) = (image.Width / 2, image.Height / 2);
        for (var y = 0; y < image.Height; y++)
        {
            Array.Copy(image.Pixels, y * image.Width * 3, pixels, ((top + y) * width + left) * 3, image.Width * 3);
        }
        return new DecodedImage(width, height, pixels);
    }
}
