namespace Likeness.Evaluation.Detection;

/// <summary>
/// One annotated WIDER FACE box in image pixels. <see cref="Invalid"/> marks boxes WIDER's own
/// evaluation ignores; <see cref="Demographics"/> is set for the faces widerface-demographics labelled.
/// </summary>
public sealed record WiderFace(int Left, int Top, int Width, int Height, bool Invalid, FaceDemographics? Demographics = null);
