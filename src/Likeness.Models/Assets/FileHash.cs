using System.Security.Cryptography;

namespace Likeness.Models.Assets;

/// <summary>SHA-256 as lower-case hex, the form the pins are written in.</summary>
public static class FileHash
{
    public static string Sha256(string path)
    {
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 20);
        return Convert.ToHexStringLower(SHA256.HashData(stream));
    }

    public static string Sha256(ReadOnlySpan<byte> bytes) => Convert.ToHexStringLower(SHA256.HashData(bytes));

    /// <summary>Throws <see cref="AssetException"/> unless the file exists with the pinned hash.</summary>
    public static void Require(string path, string expectedSha256)
    {
        if (!File.Exists(path)) throw AssetException.Missing(path, expectedSha256);
        var actual = Sha256(path);
        if (!string.Equals(actual, expectedSha256, StringComparison.OrdinalIgnoreCase)) throw AssetException.Corrupt(path, expectedSha256, actual);
    }

    public static bool Matches(string path, string expectedSha256) =>
        File.Exists(path) && string.Equals(Sha256(path), expectedSha256, StringComparison.OrdinalIgnoreCase);
}
