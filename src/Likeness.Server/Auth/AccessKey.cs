using System.Text;

namespace Likeness.Server.Auth;

/// <summary>
/// A new access key with its secret, returned only when the key is created or rotated; the secret
/// is not recoverable afterwards. <see cref="ToString"/> leaves the secret out so logging the record
/// cannot leak it.
/// </summary>
public sealed record AccessKey(string AccessKeyId, string SecretAccessKey, string AccountId, DateTimeOffset Created)
{
    private bool PrintMembers(StringBuilder builder)
    {
        builder.Append("AccessKeyId = ").Append(AccessKeyId)
            .Append(", SecretAccessKey = <redacted>, AccountId = ").Append(AccountId)
            .Append(", Created = ").Append(Created.ToString("O", System.Globalization.CultureInfo.InvariantCulture));
        return true;
    }
}
