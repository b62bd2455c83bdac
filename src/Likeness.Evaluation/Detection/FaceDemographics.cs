namespace Likeness.Evaluation.Detection;

/// <summary>Perceived gender, age group and Fitzpatrick skin type (I-VI) of one face, as annotators judged them; "Not Sure" is kept as a value.</summary>
public sealed record FaceDemographics(string Gender, string AgeGroup, string SkinType);
