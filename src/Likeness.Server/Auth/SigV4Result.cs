namespace Likeness.Server.Auth;

/// <summary>
/// The outcome of <see cref="SigV4Verifier.Verify"/>: on success the caller's account and key; on failure the
/// error to answer, named and worded as AWS JSON services answer it (<paramref name="ErrorType"/> is the
/// `__type`, <paramref name="HttpStatus"/> the status code). Messages never contain a secret.
/// </summary>
public sealed record SigV4Result(bool Success, string? AccountId, string? AccessKeyId, string? ErrorType, string? Message, int HttpStatus)
{
    /// <summary>No Authorization header (HTTP 403).</summary>
    public const string MissingAuthenticationToken = "MissingAuthenticationTokenException";

    /// <summary>The Authorization header or a header it depends on is malformed or missing (HTTP 400).</summary>
    public const string IncompleteSignature = "IncompleteSignatureException";

    /// <summary>The access key is unknown or revoked (HTTP 400).</summary>
    public const string UnrecognizedClient = "UnrecognizedClientException";

    /// <summary>The signature, its scope or its date is wrong (HTTP 400).</summary>
    public const string InvalidSignature = "InvalidSignatureException";

    /// <summary>AWS's words for a signature that does not match.</summary>
    public const string SignatureMismatchMessage =
        "The request signature we calculated does not match the signature you provided. Check your AWS Secret Access Key and signing method. Consult the service documentation for details.";

    /// <summary>AWS's words for an unknown or revoked access key.</summary>
    public const string UnrecognizedClientMessage = "The security token included in the request is invalid.";

    /// <summary>A verified request from <paramref name="accountId"/> signed with <paramref name="accessKeyId"/>.</summary>
    public static SigV4Result Verified(string accountId, string accessKeyId) => new(true, accountId, accessKeyId, null, null, 200);

    /// <summary>A refused request answered with <paramref name="errorType"/>, <paramref name="message"/> and <paramref name="httpStatus"/>.</summary>
    public static SigV4Result Refused(string errorType, string message, int httpStatus) => new(false, null, null, errorType, message, httpStatus);

    internal static SigV4Result MissingToken() => Refused(MissingAuthenticationToken, "Missing Authentication Token", 403);

    internal static SigV4Result Incomplete(string message) => Refused(IncompleteSignature, message, 400);

    internal static SigV4Result Unrecognized() => Refused(UnrecognizedClient, UnrecognizedClientMessage, 400);

    internal static SigV4Result Invalid(string message) => Refused(InvalidSignature, message, 400);

    internal static SigV4Result Mismatch() => Invalid(SignatureMismatchMessage);
}
