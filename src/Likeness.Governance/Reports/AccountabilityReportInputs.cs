using Likeness.Governance.Audits;
using Likeness.Governance.AuditTrail;
using Likeness.Governance.Policy;
using Likeness.Governance.Review;
using Likeness.Vision.Faces.Similarity;

namespace Likeness.Governance.Reports;

/// <summary>
/// Everything the accountability report is made from: the agency's answers, the model card, the policy in
/// force, the audit trail (records and verification), the human review queue and its reviewers, the bias audits
/// recorded on this installation (<see cref="BiasAuditStore.List"/>, newest first; empty when none is) and the
/// calibration of the face model the service uses; <c>DetectorScales</c> are the detector's finer passes when the service was
/// started with other than the default (`--detector-scales`), null otherwise.
/// </summary>
public sealed record AccountabilityReportInputs(
    ReportConfiguration Configuration,
    ModelCard ModelCard,
    PolicyDocument Policy,
    AuditVerification Verification,
    IReadOnlyList<AuditEntry> Entries,
    IReadOnlyList<ReviewItem> Reviews,
    IReadOnlyList<Reviewer> Reviewers,
    IReadOnlyList<BiasAuditRecord> BiasAudits,
    SimilarityCalibration Calibration,
    DateTimeOffset GeneratedAt,
    IReadOnlyList<float>? DetectorScales = null);
