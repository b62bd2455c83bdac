namespace Likeness.Evaluation.Verification;

/// <summary>One line of LFW's pairs.txt: two images (name and 1-based number) and whether they show the same person.</summary>
public sealed record LfwPair(int Fold, string NameA, int NumberA, string NameB, int NumberB, bool IsSame)
{
    /// <summary>The path of an image under an LFW folder: `images/Name/Name_0001.jpg`.</summary>
    public static string ImagePath(string lfwDirectory, string name, int number) =>
        Path.Combine(lfwDirectory, "images", name, $"{name}_{number:D4}.jpg");
}
