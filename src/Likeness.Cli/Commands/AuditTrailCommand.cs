using System.Text;
using Likeness.Governance.AuditTrail;

namespace Likeness.Cli.Commands;

/// <summary>
/// `likeness audit-trail verify|export|show`: checks the hash chain (optionally against a recorded anchor),
/// exports one case's records for disclosure, and prints the latest records. Reads the trail without opening it
/// for append, so it can run beside a live server.
/// </summary>
public static class AuditTrailCommand
{
    public const string Usage = """
          likeness audit-trail verify [--expect-last HASH]  check every record's hash, order and link; exit 1 if not intact
                                                      (--expect-last: a hash recorded earlier must still be in the chain)
          likeness audit-trail export --case CASE_ID [--out FILE]
                                                      the case's records for disclosure, with the hashes to check them
          likeness audit-trail show [--last N]        the last N records (default 20) as JSON Lines
        """;

    public static int Run(CliArguments args, TextWriter stdout, TextWriter stderr)
    {
        var action = CollectionContext.Required(args, 1, "likeness audit-trail verify|export|show");
        var path = Path.Combine(args.Option("data-dir") ?? CollectionContext.DefaultDataDirectory(), AuditTrail.FileName);
        try
        {
            return action switch
            {
                "verify" => Verify(args, path, stdout),
                "export" => Export(args, path, stdout, stderr),
                "show" => Show(args, path, stdout),
                _ => throw new CliUsageException($"Unknown audit-trail action '{action}'; use verify, export or show."),
            };
        }
        catch (AuditTrailException e)
        {
            stderr.WriteLine($"likeness: {e.Message}");
            return 1;
        }
    }

    private static int Verify(CliArguments args, string path, TextWriter stdout)
    {
        var expected = args.Option("expect-last");
        args.RejectUnknownOptions();
        if (expected is not null && (expected.Length != 64 || !expected.All(char.IsAsciiHexDigit)))
        {
            throw new CliUsageException($"--expect-last takes a 64-digit hex SHA-256 (as `verify` printed it), not '{expected}'.");
        }
        var result = AuditTrail.Verify(path, expected);
        stdout.WriteLine(result.Message);
        return result.Intact ? 0 : 1;
    }

    private static int Export(CliArguments args, string path, TextWriter stdout, TextWriter stderr)
    {
        var caseId = args.Option("case");
        var outPath = args.Option("out");
        args.RejectUnknownOptions();
        if (string.IsNullOrEmpty(caseId)) throw new CliUsageException("usage: likeness audit-trail export --case CASE_ID [--out FILE]");
        if (!File.Exists(path)) throw new AuditTrailException($"No audit trail at {path}; give --data-dir.");
        using var file = outPath is null ? null : new StreamWriter(outPath, append: false, new UTF8Encoding(encoderShouldEmitUTF8Identifier: false));
        var (verification, count) = AuditTrailExport.Write(path, caseId, file ?? stdout, DateTimeOffset.UtcNow);
        // The export itself goes to stdout or the file; the summary goes to stderr so the two never mix.
        stderr.WriteLine($"{count} records for case {caseId}{(outPath is null ? "" : $" written to {outPath}")}; trail {verification.Message}");
        return verification.Intact ? 0 : 1;
    }

    private static int Show(CliArguments args, string path, TextWriter stdout)
    {
        var last = CollectionContext.Integer(args, "last") ?? 20;
        args.RejectUnknownOptions();
        if (last < 1) throw new CliUsageException("--last takes a positive number of records.");
        if (!File.Exists(path)) throw new AuditTrailException($"No audit trail at {path}; give --data-dir.");
        foreach (var record in AuditTrail.Read(path).TakeLast(last))
        {
            stdout.WriteLine(record.ToLine());
        }
        return 0;
    }
}
