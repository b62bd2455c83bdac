namespace Likeness.Collections;

/// <summary>The Rekognition errors the collection operations answer with; <see cref="CollectionException.RekognitionName"/> gives the wire name.</summary>
public enum CollectionErrorCode
{
    /// <summary>A parameter is missing, malformed or out of range, or the image holds no usable face.</summary>
    InvalidParameter,

    /// <summary>The collection, face or user does not exist (in this account).</summary>
    ResourceNotFound,

    /// <summary>CreateCollection with an id this account already uses.</summary>
    ResourceAlreadyExists,

    /// <summary>A NextToken this service did not issue for this listing.</summary>
    InvalidPaginationToken,

    /// <summary>A quota is reached, e.g. 100 faces per user.</summary>
    ServiceQuotaExceeded,

    /// <summary>CreateUser for a user that exists.</summary>
    Conflict,

    /// <summary>A ClientRequestToken reused with different parameters.</summary>
    IdempotentParameterMismatch,
}
