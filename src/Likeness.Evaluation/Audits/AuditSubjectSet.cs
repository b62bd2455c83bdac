namespace Likeness.Evaluation.Audits;

/// <summary>
/// The images of an audit with their identities and labels, the label dimensions in report order, where
/// they came from, and the border (fraction of the side) the images need for the detector.
/// </summary>
public sealed record AuditSubjectSet(IReadOnlyList<AuditSubject> Subjects, IReadOnlyList<string> Dimensions, string Source, double Padding);
