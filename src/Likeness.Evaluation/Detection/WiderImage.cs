namespace Likeness.Evaluation.Detection;

/// <summary>One image of a WIDER FACE split: its path relative to the images folder and its boxes in file order.</summary>
public sealed record WiderImage(string RelativePath, IReadOnlyList<WiderFace> Faces);
