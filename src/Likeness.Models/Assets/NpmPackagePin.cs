namespace Likeness.Models.Assets;

/// <summary>An npm package the project uses, with the SHA-256 of its tarball and of every file taken from it.</summary>
public sealed record NpmPackagePin(
    string Name,
    string Version,
    string Licence,
    string TarballSha256,
    IReadOnlyDictionary<string, string> Files)
{
    public string Spec => $"{Name}@{Version}";
}
