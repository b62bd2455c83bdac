namespace Likeness.Server.Protocol;

/// <summary>A request answered with an AWS error: `{"__type": Type, "Message": ...}` and the HTTP status.</summary>
public sealed class AwsErrorException(string type, string message, int status = 400) : Exception(message)
{
    /// <summary>The error name clients see, e.g. InvalidParameterException.</summary>
    public string Type { get; } = type;

    /// <summary>400 for the caller's mistakes, 403 for missing authentication, 5xx for ours.</summary>
    public int Status { get; } = status;

    public static AwsErrorException InvalidParameter(string message) => new("InvalidParameterException", message);
}
