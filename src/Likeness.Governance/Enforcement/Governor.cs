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

    private Governor(GovernanceDatabase database, PolicyProvider policy, AuditTrail.AuditTrail trail, Func<DateTimeOffset>? clock)
    {
        _database = database;
        Policy = policy;
        Trail = trail;
        _clock = clock ?? (() => DateTimeOffset.UtcNow);
        Profiles = new ProfileStore(database);
        Reviews = new ReviewQueue(database, trail);
    }

    public ProfileStore Profiles { get; }

    public ReviewQueue Reviews { get; }

    public AuditTrail.AuditTrail Trail { get; }

    public PolicyProvider Policy { get; }

    /// <summary>Opens the governance stores in <paramref name="dataDirectory"/> with the policy file at <paramref name="policyPath"/> (null: the shipped default policy).</summary>
    public static Governor Open(string dataDirectory, string? policyPath = null, Action<string>? warn = null, Func<DateTimeOffset>? clock = null) =>
        new(GovernanceDatabase.Open(dataDirectory), new PolicyProvider(policyPath, warn), AuditTrail.AuditTrail.Open(dataDirectory), clock);

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
        if (decision.BiasAuditRequired)
        {
            Deny(call, ObligationRule(decision, e => e.BiasAuditRequired), "this use requires a passing bias audit of the face model, and none is recorded");
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
            reviews.Count > 0 ? $"{reviews.Count} candidate(s) queued for human review" : null));
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
