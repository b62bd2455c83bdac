namespace Likeness.Vision.Faces.Attributes;

/// <summary>Rekognition's GenderType: the perceived gender presentation a model was trained to label, not anyone's identity.</summary>
public enum GenderType
{
    Male,
    Female,
}
