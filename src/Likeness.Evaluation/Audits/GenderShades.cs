using Likeness.Evaluation.Statistics;
using Likeness.Vision.Faces.Attributes;

namespace Likeness.Evaluation.Audits;

/// <summary>
/// The Gender Shades table (Buolamwini and Gebru 2018): how often the gender classifier is wrong for each
/// labelled gender crossed with each group of another dimension (race, skin type, ...). The labels and the
/// classifier both know only two genders; faces without a found face are counted apart, not as errors.
/// </summary>
public static class GenderShades
{
    /// <summary>One cell per labelled gender x group of <paramref name="groupDimension"/>, then one per gender over all groups.</summary>
    public static IReadOnlyList<GenderClassificationCell> Cells(AuditSubjectSet set, IReadOnlyList<GenderType?> predicted, string groupDimension)
    {
        ArgumentNullException.ThrowIfNull(set);
        ArgumentNullException.ThrowIfNull(predicted);
        var labelled = set.Subjects.Select((s, i) => (Gender: Normalise(s.Labels.GetValueOrDefault("gender")), Group: s.Labels.GetValueOrDefault(groupDimension), Predicted: predicted[i]))
            .Where(x => x.Gender is not null).ToList();
        var cells = new List<GenderClassificationCell>();
        foreach (var gender in new[] { GenderType.Female, GenderType.Male })
        {
            var ofGender = labelled.Where(x => x.Gender == gender).ToList();
            foreach (var group in ofGender.Select(x => x.Group).OfType<string>().Distinct().Order(StringComparer.Ordinal))
            {
                cells.Add(Cell(gender, group, ofGender.Where(x => x.Group == group).Select(x => x.Predicted).ToList()));
            }
            cells.Add(Cell(gender, "all", ofGender.Select(x => x.Predicted).ToList()));
        }
        return cells;
    }

    /// <summary>A gender label as the classifier's type: male/man/m and female/woman/f, any case; anything else is unlabelled.</summary>
    public static GenderType? Normalise(string? label) => label?.Trim().ToLowerInvariant() switch
    {
        "male" or "man" or "m" => GenderType.Male,
        "female" or "woman" or "f" => GenderType.Female,
        _ => null,
    };

    private static GenderClassificationCell Cell(GenderType gender, string group, IReadOnlyList<GenderType?> predictions)
    {
        var found = predictions.Where(p => p is not null).ToList();
        return new GenderClassificationCell(gender.ToString(), group, predictions.Count, predictions.Count - found.Count, ErrorRate.Of(found.Count(p => p != gender), found.Count));
    }
}
