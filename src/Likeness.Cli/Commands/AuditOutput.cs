using System.Globalization;
using System.Security.Cryptography;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Likeness.Cli.Commands;

/// <summary>
/// Where an audit's reports go: --out DIR, else `&lt;data dir&gt;/audits/&lt;kind&gt;-&lt;UTC time&gt;/`. Each audit writes
/// `&lt;kind&gt;.json` (versioned, for machines and the policy check) and `&lt;kind&gt;.html` (self-contained, for people).
/// </summary>
internal sealed class AuditOutput
{
    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        WriteIndented = true,
        NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals,
    };

    private AuditOutput(string kind, string directory, string id)
    {
        Kind = kind;
        Directory = directory;
        Id = id;
    }

    public string Kind { get; }

    public string Directory { get; }

    /// <summary>The audit's id: kind and UTC start time, e.g. `demographics-20261129T231500Z`.</summary>
    public string Id { get; }

    public string JsonPath => Path.Combine(Directory, $"{Kind}.json");

    public string HtmlPath => Path.Combine(Directory, $"{Kind}.html");

    /// <summary>Reports in --out DIR, else in the data directory's `audits/` folder; the folder is created when the reports are written.</summary>
    public static AuditOutput For(string kind, string? outDirectory, string dataDirectory, DateTimeOffset started)
    {
        var id = IdOf(kind, started);
        return new AuditOutput(kind, outDirectory ?? Path.Combine(dataDirectory, "audits", id), id);
    }

    /// <summary>Reports in <paramref name="directory"/>, for runs that are never recorded.</summary>
    public static AuditOutput In(string kind, string directory, DateTimeOffset started) => new(kind, directory, IdOf(kind, started));

    private static string IdOf(string kind, DateTimeOffset started) => $"{kind}-{started.UtcDateTime.ToString("yyyyMMdd'T'HHmmss'Z'", CultureInfo.InvariantCulture)}";

    /// <summary>Writes both reports (each to a temporary name first, so a crash never leaves half a report) and returns the JSON's SHA-256.</summary>
    public string Write<T>(T result, string html)
    {
        System.IO.Directory.CreateDirectory(Directory);
        var json = JsonSerializer.SerializeToUtf8Bytes(result, Json);
        WriteAtomically(JsonPath, json);
        WriteAtomically(HtmlPath, System.Text.Encoding.UTF8.GetBytes(html));
        return Convert.ToHexStringLower(SHA256.HashData(json));
    }

    /// <summary>The one-line note printed when the reports are written.</summary>
    public void Announce(TextWriter stdout)
    {
        stdout.WriteLine($"report: {HtmlPath}");
        stdout.WriteLine($"data:   {JsonPath}");
    }

    private static void WriteAtomically(string path, byte[] bytes)
    {
        var temporary = path + ".tmp";
        File.WriteAllBytes(temporary, bytes);
        File.Move(temporary, path, overwrite: true);
    }
}
