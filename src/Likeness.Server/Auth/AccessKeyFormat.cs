using System.Security.Cryptography;

namespace Likeness.Server.Auth;

/// <summary>
/// Shapes of the generated identifiers, modelled on AWS's so clients' validators accept them:
/// access key ids are a 4-letter prefix and 16 base-32 characters (AWS uses "AKIA"; "LKIA" marks
/// Likeness's), secrets are 40 characters of the base-64 alphabet (240 random bits), account ids 12 digits.
/// </summary>
internal static class AccessKeyFormat
{
    public const string KeyIdPrefix = "LKIA";
    public const int KeyIdLength = 20;
    public const int SecretLength = 40;
    public const int AccountIdLength = 12;

    private const string Base32 = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
    private const string Base64 = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    private const string Digits = "0123456789";

    public static string NewAccessKeyId() => KeyIdPrefix + new string(RandomNumberGenerator.GetItems<char>(Base32, KeyIdLength - KeyIdPrefix.Length));

    public static string NewSecret() => new(RandomNumberGenerator.GetItems<char>(Base64, SecretLength));

    public static string NewAccountId() => new(RandomNumberGenerator.GetItems<char>(Digits, AccountIdLength));

    /// <summary>Whether <paramref name="accessKeyId"/> could be one of ours; anything else is unknown without a database query.</summary>
    public static bool IsWellFormedKeyId(string accessKeyId) =>
        accessKeyId.Length == KeyIdLength
        && accessKeyId.StartsWith(KeyIdPrefix, StringComparison.Ordinal)
        && accessKeyId.AsSpan(KeyIdPrefix.Length).IndexOfAnyExcept(Base32) < 0;

    /// <summary>Account names: 1-64 of [A-Za-z0-9 _.-], not starting or ending with a space (they would vanish in terminal output).</summary>
    public static bool IsValidAccountName(string name) =>
        name.Length is >= 1 and <= 64
        && name[0] != ' ' && name[^1] != ' '
        && name.AsSpan().IndexOfAnyExcept("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789 _.-") < 0;
}
