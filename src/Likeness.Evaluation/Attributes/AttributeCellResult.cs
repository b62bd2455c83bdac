using Likeness.Evaluation.Detection;

namespace Likeness.Evaluation.Attributes;

/// <summary>
/// Age and gender accuracy on one group of faces (a race x gender cell, a race, a gender, or all):
/// faces labelled, faces found, gender errors with a Wilson 95% interval, age MAE in years, and the
/// share whose true age lies within estimate ± <see cref="AgeHalfWidth"/>.
/// </summary>
public sealed record AttributeCellResult(
    string Group,
    int Faces,
    int Found,
    int GenderErrors,
    double GenderErrorPercent,
    WilsonInterval GenderErrorInterval,
    double AgeMae,
    int AgeHalfWidth,
    double WithinRangePercent)
{
    /// <summary>The figures for the found faces among <paramref name="predictions"/>.</summary>
    public static AttributeCellResult Of(string group, IReadOnlyList<AttributePrediction> predictions, int ageHalfWidth)
    {
        ArgumentNullException.ThrowIfNull(predictions);
        var found = predictions.Where(p => p.Age is not null && p.Gender is not null).ToList();
        var errors = found.Count(p => p.Gender != p.Label.Gender);
        var mae = found.Count == 0 ? double.NaN : found.Average(p => Math.Abs(p.Age!.Value - p.Label.Age));
        var within = found.Count(p => Math.Abs(Math.Round(p.Age!.Value) - p.Label.Age) <= ageHalfWidth);
        return new AttributeCellResult(
            group,
            predictions.Count,
            found.Count,
            errors,
            found.Count == 0 ? double.NaN : 100.0 * errors / found.Count,
            WilsonInterval.Of(errors, found.Count),
            mae,
            ageHalfWidth,
            found.Count == 0 ? double.NaN : 100.0 * within / found.Count);
    }
}
