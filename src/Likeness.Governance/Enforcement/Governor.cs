using Likeness.Governance.Audits;
using Likeness.Governance.AuditTrail;
using Likeness.Governance.Policy;
using Likeness.Governance.Profiles;
using Likeness.Governance.Review;

namespace Likeness.Governance.Enforcement;

/// <summary>
/// The use policy, enforced around every face and collection operation, for the server and the CLI alike:
/// <see cref="Begin"/> decides (and records a refusal) before the operation runs, <see cref="Complete"/>
/// records what it did and queues candidate matches for human review when a rule requires it.
/// Obligations are enforced, not advised: a missing case id, a threshold under the floor or a missing
/// bias audit refuse the request, naming the rule.
/// </summary>
public sealed class Governor : IDisposable
{
    private readonly GovernanceDatabase _database;
    private readonly Func<DateTimeOffset> _clock;

    private Governor(GovernanceDatabase database, PolicyProvider policy, AuditTrail.AuditTrail trail, Func<DateTimeOffset>? clock, string? faceModelId)
    {
        _database = database;
        Policy = policy;
        Trail = trail;
        _clock = clock ?? (() => DateTimeOffset.UtcNow);
        FaceModelId = faceModelId;
        Profiles = new ProfileStore(database);
        Reviews = new ReviewQueue(database, trail);
        Audits = new BiasAuditStore(database, trail, _clock);
    }

    /// <summary>Account profiles, their use cases and key bindings.</summary>
    public ProfileStore Profiles { get; }

    /// <summary>Candidate matches awaiting human review, and the reviewers.</summary>
    public ReviewQueue Reviews { get; }

    /// <summary>The audits of face models recorded on this installation; biasAuditRequired rules are checked against them.</summary>
    public BiasAuditStore Audits { get; }

    /// <summary>The hash-chained record of every operation and decision.</summary>
    public AuditTrail.AuditTrail Trail { get; }

    /// <summary>The live use policy.</summary>
    public PolicyProvider Policy { get; }

    /// <summary>The embedder model id the service identifies faces with, whose audits biasAuditRequired rules need; null when the host did not say.</summary>
    public string? FaceModelId { get; }

    /// <summary>
    /// Opens the governance stores in <paramref name="dataDirectory"/> with the policy file at <paramref name="policyPath"/>
    /// (null: the shipped default policy). <paramref name="faceModelId"/> is the embedder the host identifies faces with
    /// (FaceEmbedderSpec.ModelId): the model a biasAuditRequired rule needs an audit of. Without it such rules refuse every request they match.
    /// </summary>
    public static Governor Open(string dataDirectory, string? policyPath = null, Action<string>? warn = null, Func<DateTimeOffset>? clock = null, string? faceModelId = null) =>
        new(GovernanceDatabase.Open(dataDirectory), new PolicyProvider(policyPath, warn), AuditTrail.AuditTrail.Open(dataDirectory), clock, faceModelId);

    /// <summary>The class policies see an operation as.</summary>
    public static OperationClass ClassOf(string operation) => operation switch
    {
        "DetectFaces" => OperationClass.Analysis,
        "CompareFaces" => OperationClass.Comparison,
        "SearchFaces" or "SearchFacesByImage" or "SearchUsers" or "SearchUsersByImage" => OperationClass.Identification,
        "IndexFaces" or "CreateUser" or "AssociateFaces" => OperationClass.Indexing,
        _ => OperationClass.Management,
    };

    /// <summary>
    /// Decides whether <paramref name="operation"/> may run for <paramref name="caller"/> at <paramref name="threshold"/>
    /// (the request's similarity threshold; null where the operation has none or the default applies,
    /// given as <paramref name="defaultThreshold"/>). Throws <see cref="AccessDeniedException"/>, recorded in the trail, when it may not.
    /// </summary>
    public GovernedCall Begin(CallerContext caller, string operation, string? collectionId, double? threshold, double? defaultThreshold = null)
    {
        ArgumentNullException.ThrowIfNull(caller);
        var useCase = caller.UseCase ?? (caller.AccessKeyId is null ? null : Profiles.BoundUseCase(caller.AccessKeyId));
        var profile = Profiles.Get(caller.AccountId);
        var operationClass = ClassOf(operation);
        var now = _clock();
        var decision = Policy.Current.Evaluate(new PolicyRequest(profile, useCase, caller.CaseId, operationClass, now));
        var effective = threshold ?? defaultThreshold;
        var call = new GovernedCall(caller, operation, operationClass, collectionId, effective, useCase, decision);

        if (!decision.Allowed) Deny(call, decision.DecidingRule ?? "policy", decision.Reason);
        if (decision.CaseIdRequired && string.IsNullOrWhiteSpace(caller.CaseId))
        {
            Deny(call, ObligationRule(decision, e => e.CaseIdRequired), $"this use requires a case id: send the header x-likeness-case-id (docs/POLICY.md) naming the case the {operation} is for");
        }
        if (decision.MinThreshold is { } floor && effective is { } asked && asked < floor)
        {
            Deny(call, ObligationRule(decision, e => e.MinThreshold == floor), $"this use requires a similarity threshold of at least {floor:G}; the request asked for {asked:G}. Send the threshold explicitly (e.g. FaceMatchThreshold {floor:G})");
        }
        if (decision.BiasAudit is { } requirement)
        {
            var audit = CheckBiasAudit(decision, requirement, effective, now);
            if (!audit.Check.Passed) Deny(call, audit.Rule, $"this use requires a passing bias audit of the face model: {audit.Check.Reason}");
            call = call with { BiasAuditId = audit.Check.AuditId };
        }
        return call;
    }

    /// <summary>
    /// Records a completed operation in the trail; with human review required and candidates found,
    /// queues each candidate and returns the review ids (empty otherwise).
    /// </summary>
    public IReadOnlyList<string> Complete(GovernedCall call, int? resultCount, long? gallerySize, string? modelVersion, IReadOnlyList<(string FaceId, double Similarity)>? candidates = null)
    {
        ArgumentNullException.ThrowIfNull(call);
        IReadOnlyList<string> reviews = [];
        if (call.Decision.HumanReviewRequired && candidates is { Count: > 0 })
        {
            reviews = Reviews.Enqueue(call.Caller.AccountId, call.Caller.CaseId, call.UseCase, call.Operation, call.CollectionId, candidates);
        }
        Trail.Append(new AuditEntry(_clock(), call.Caller.AccountId, call.Caller.AccessKeyId, call.UseCase, call.Caller.CaseId, call.Operation, call.CollectionId,
            call.Threshold, gallerySize, modelVersion, resultCount, reviews.Count > 0 ? "allowed-pending-review" : "allowed", call.Decision.DecidingRule,
            Detail(reviews.Count > 0 ? $"{reviews.Count} candidate(s) queued for human review" : null, call.BiasAuditId is { } audit ? $"bias audit {audit} passed" : null)));
        return reviews;
    }

    /// <summary>
    /// Begin, run <paramref name="work"/>, Complete: the one call the server and the CLI wrap every
    /// operation in. <paramref name="describe"/> turns the result into what the trail records
    /// (default <see cref="Outcome.Of"/>); <paramref name="gallerySize"/> gives the searched gallery's size
    /// for identifications. Returns the result and the review ids of candidates queued for review.
    /// </summary>
    public (T Result, IReadOnlyList<string> Reviews) Run<T>(CallerContext caller, string operation, string? collectionId, double? threshold, double? defaultThreshold,
        Func<T> work, Func<T, Outcome>? describe = null, Func<long?>? gallerySize = null)
    {
        ArgumentNullException.ThrowIfNull(work);
        var call = Begin(caller, operation, collectionId, threshold, defaultThreshold);
        var result = work();
        if (!Recorded(call.Class, operation)) return (result, []);
        var outcome = describe?.Invoke(result) ?? Outcome.Of(result!);
        var gallery = call.Class == OperationClass.Identification ? gallerySize?.Invoke() : null;
        return (result, Complete(call, outcome.ResultCount, gallery, outcome.ModelVersion, outcome.Candidates));
    }

    /// <summary>Analysis and read-only listings are not recorded (they identify no one and change nothing); everything else is.</summary>
    public static bool Recorded(OperationClass operationClass, string operation) =>
        operationClass is not OperationClass.Analysis && !operation.StartsWith("List", StringComparison.Ordinal) && !operation.StartsWith("Describe", StringComparison.Ordinal);

    public void Dispose()
    {
        Policy.Dispose();
        Trail.Dispose();
        _database.Dispose();
    }

    /// <summary>
    /// Checks the latest demographics audit of the face model against the decision's (strictest) requirement; on failure
    /// names the first matched rule whose own requirement fails too (the combined one fails exactly when some rule's does).
    /// </summary>
    private (BiasAuditCheckResult Check, string Rule) CheckBiasAudit(PolicyDecision decision, BiasAuditRequirement requirement, double? threshold, DateTimeOffset now)
    {
        var rule = ObligationRule(decision, e => e.BiasAuditRequired);
        if (FaceModelId is null)
        {
            return (new BiasAuditCheckResult(false, "the service was started without naming its face model, so no audit can be matched to it"), rule);
        }
        var latest = Audits.Latest(BiasAuditKinds.Demographics, FaceModelId);
        var check = BiasAuditCheck.Evaluate(latest, requirement, threshold, FaceModelId, now);
        if (check.Passed) return (check, rule);
        var failing = Policy.Current.Document.Rules
            .Where(r => decision.MatchedRules.Contains(r.Id) && r.Effect.BiasAudit is { } own && !BiasAuditCheck.Evaluate(latest, own, threshold, FaceModelId, now).Passed)
            .Select(r => r.Id).FirstOrDefault();
        return (check, failing ?? rule);
    }

    private static string? Detail(params string?[] parts) => parts.Any(p => p is not null) ? string.Join("; ", parts.OfType<string>()) : null;

    /// <summary>The first matched rule whose obligation <paramref name="imposes"/> the one being enforced.</summary>
    private string ObligationRule(PolicyDecision decision, Func<PolicyEffect, bool> imposes) =>
        Policy.Current.Document.Rules.Where(r => decision.MatchedRules.Contains(r.Id) && !r.Effect.DecidesAccess && imposes(r.Effect)).Select(r => r.Id).FirstOrDefault() ?? "policy";

    private void Deny(GovernedCall call, string rule, string reason)
    {
        Trail.Append(new AuditEntry(_clock(), call.Caller.AccountId, call.Caller.AccessKeyId, call.UseCase, call.Caller.CaseId, call.Operation, call.CollectionId,
            call.Threshold, null, null, null, "denied", rule, reason));
        throw new AccessDeniedException(rule, $"Denied by policy rule {rule} (policy {call.Decision.PolicyVersion}): {reason}");
    }
}
