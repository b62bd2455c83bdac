using System.Text;

namespace Likeness.Server.Auth;

/// <summary>
/// An active key as <see cref="SigV4Verifier"/> needs it: <paramref name="Secret"/> is the secret
/// access key's UTF-8 bytes, decrypted. Instances are cached and shared, so never modify the array;
/// <see cref="ToString"/> leaves it out.
/// </summary>
public sealed record KeyLookup(string AccountId, string AccessKeyId, byte[] Secret)
{
    private bool PrintMembers(StringBuilder builder)
    {
        builder.Append("AccountId = ").Append(AccountId).Append(", AccessKeyId = ").Append(AccessKeyId).Append(", Secret = <redacted>");
        return true;
    }
}
