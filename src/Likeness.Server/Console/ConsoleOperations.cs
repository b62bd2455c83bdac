using Likeness.Collections;
using Likeness.Governance.Enforcement;
using Likeness.Governance.Policy;
using Likeness.Server.Protocol;

namespace Likeness.Server.Console;

/// <summary>
/// The web console's operations (`X-Amz-Target: LikenessConsole.&lt;Operation&gt;`, docs/API.md), over the same
/// governance stores the Rekognition operations are enforced with: who the caller is, the calibration, human
/// review, the audit trail, the use policy, bias audits and the accountability report. Reviews need the key's
/// reviewer role; other accounts' trail records, policy changes and the accountability report need the governance role.
/// Each returns an object that <see cref="ConsoleJson"/> writes as the operation's response.
/// </summary>
public sealed partial class ConsoleOperations
{
    /// <summary>The X-Amz-Target prefix of the console's operations.</summary>
    public const string TargetPrefix = "LikenessConsole";

    private readonly Governor _governor;
    private readonly ServerOptions _options;
    private readonly TimeProvider _time;
    private readonly FaceModel _faceModel;
    private readonly Dictionary<string, Func<ConsoleCaller, ConsoleRequest, object>> _operations;

    /// <summary>
    /// The operations over <paramref name="governor"/>, configured by <paramref name="options"/> (the report configuration), for
    /// the server's <paramref name="faceModel"/> (null: <see cref="FaceModel.Default"/>).
    /// </summary>
    public ConsoleOperations(Governor governor, ServerOptions options, FaceModel? faceModel = null, TimeProvider? time = null)
    {
        _governor = governor;
        _options = options;
        _faceModel = faceModel ?? FaceModel.Default;
        _time = time ?? TimeProvider.System;
        _operations = new(StringComparer.Ordinal)
        {
            ["WhoAmI"] = (caller, _) => WhoAmI(caller),
            ["GetCalibration"] = (_, _) => GetCalibration(),
            ["ListReviews"] = ListReviews,
            ["DecideReview"] = DecideReview,
            ["SearchAuditTrail"] = SearchAuditTrail,
            ["VerifyAuditTrail"] = (_, _) => VerifyAuditTrail(),
            ["GetPolicy"] = (_, _) => GetPolicy(),
            ["SimulatePolicy"] = SimulatePolicy,
            ["ValidatePolicy"] = (_, request) => ValidatePolicy(request),
            ["PutPolicy"] = PutPolicy,
            ["ListAudits"] = (_, _) => ListAudits(),
            ["GetAuditReport"] = (_, request) => GetAuditReport(request),
            ["GetAccountabilityReport"] = GetAccountabilityReport,
        };
    }

    /// <summary>Whether <paramref name="operation"/> (without the prefix) is a console operation.</summary>
    public bool Serves(string operation) => _operations.ContainsKey(operation);

    /// <summary>
    /// Runs <paramref name="operation"/> for the key that signed the request. Throws <see cref="AwsErrorException"/> for the
    /// caller's errors: UnknownOperationException, AccessDeniedException (a role the key lacks), InvalidParameterException,
    /// ResourceNotFoundException, ConflictException.
    /// </summary>
    public object Run(string operation, string accountId, string accessKeyId, ConsoleRequest request)
    {
        if (!_operations.TryGetValue(operation, out var run))
        {
            throw new AwsErrorException("UnknownOperationException", $"Operation {TargetPrefix}.{operation} is not one this service serves.");
        }
        // Roles are read on every request rather than cached, so removing one takes effect at the next request.
        return run(new ConsoleCaller(accountId, accessKeyId, _governor.Roles.List(accessKeyId)), request);
    }

    private object WhoAmI(ConsoleCaller caller)
    {
        var profile = _governor.Profiles.Get(caller.AccountId);
        return new
        {
            caller.AccountId,
            caller.AccessKeyId,
            profile.Organisation,
            Sector = PolicyNames.Of(profile.Sector),
            Jurisdiction = ConsoleJurisdiction.Format(profile.Jurisdiction),
            UseCase = _governor.Profiles.BoundUseCase(caller.AccessKeyId),
            Roles = caller.Roles.Select(r => r.Role).ToList(),
            caller.ReviewerId,
            FaceModelId = _faceModel.EmbedderModelId,
            PolicyVersion = _governor.Policy.Current.Document.Version,
        };
    }

    private object GetCalibration()
    {
        var calibration = _faceModel.Calibration;
        var floors = _governor.Policy.Current.Document.Rules.Select(r => r.Effect.MinThreshold).OfType<double>().ToList();
        return new
        {
            calibration.ModelId,
            Points = calibration.Table.Points.Select(p => new { p.Similarity, p.FalseMatchRate, p.Extrapolated }).ToList(),
            PolicyFloor = floors.Count == 0 ? (double?)null : floors.Max(),
        };
    }
}
