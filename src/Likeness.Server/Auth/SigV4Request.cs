namespace Likeness.Server.Auth;

/// <summary>
/// A request as received, for <see cref="SigV4Verifier"/>. <paramref name="Headers"/>: names lower-case, values as
/// received (a repeated header's values joined with ","). <paramref name="Path"/>: the raw request-target path,
/// still percent-encoded (e.g. "/" or "/my%20photos"), not ASP.NET's decoded PathString. <paramref name="QueryString"/>:
/// raw, without the '?'.
/// </summary>
public sealed record SigV4Request(string Method, string Path, string QueryString, IReadOnlyDictionary<string, string> Headers, ReadOnlyMemory<byte> Body);
