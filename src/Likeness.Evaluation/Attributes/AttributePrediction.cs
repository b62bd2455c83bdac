using Likeness.Vision.Faces.Attributes;

namespace Likeness.Evaluation.Attributes;

/// <summary>One UTKFace image: its labels and what the model said (null Age/Gender when no face was found).</summary>
public sealed record AttributePrediction(string File, UtkFaceLabel Label, double? Age, GenderType? Gender);
