namespace Likeness.Models.Assets;

/// <summary>A missing, corrupt or unobtainable asset. The message is one line that says what and how to fix it.</summary>
public sealed class AssetException(string message, Exception? inner = null) : Exception(message, inner)
{
    public const string FixCommand = "likeness models install";

    internal static AssetException Missing(string path, string expectedSha256) =>
        new($"{path}: missing (expected sha256 {expectedSha256}); run `{FixCommand}`.");

    internal static AssetException Corrupt(string path, string expectedSha256, string actualSha256) =>
        new($"{path}: sha256 {actualSha256} does not match the pinned {expectedSha256}; run `{FixCommand}` to fetch it again.");
}
