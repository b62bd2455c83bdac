namespace Likeness.Collections;

/// <summary>A collection operation refused, with the Rekognition error it maps to and a message saying what to fix.</summary>
public sealed class CollectionException(CollectionErrorCode code, string message) : Exception(message)
{
    /// <summary>What went wrong, as Rekognition classifies it.</summary>
    public CollectionErrorCode Code { get; } = code;

    /// <summary>The error's name on the wire, e.g. `ResourceNotFoundException`.</summary>
    public string RekognitionName => Code switch
    {
        CollectionErrorCode.InvalidParameter => "InvalidParameterException",
        CollectionErrorCode.ResourceNotFound => "ResourceNotFoundException",
        CollectionErrorCode.ResourceAlreadyExists => "ResourceAlreadyExistsException",
        CollectionErrorCode.InvalidPaginationToken => "InvalidPaginationTokenException",
        CollectionErrorCode.ServiceQuotaExceeded => "ServiceQuotaExceededException",
        CollectionErrorCode.Conflict => "ConflictException",
        CollectionErrorCode.IdempotentParameterMismatch => "IdempotentParameterMismatchException",
        _ => throw new InvalidOperationException($"No Rekognition name for {Code}."),
    };

    internal static CollectionException Invalid(string message) => new(CollectionErrorCode.InvalidParameter, message);
}
