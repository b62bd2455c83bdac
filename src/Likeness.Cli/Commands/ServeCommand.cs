using System.Globalization;
using Likeness.Server;

namespace Likeness.Cli.Commands;

/// <summary>
/// `likeness serve`: the Rekognition-compatible service on this machine. Prints the endpoint (and, on
/// the first start of an empty data directory, a development access key, once) and runs until
/// SIGTERM or Ctrl-C, then finishes the requests in progress and saves the indexes.
/// </summary>
public static class ServeCommand
{
    public const string Usage = """
          likeness serve [--host 127.0.0.1] [--port 8080] [--data-dir DIR] [--region us-east-1] [--s3-root DIR] [--policy FILE]
                         [--report-config FILE] [--detector-scales 0.5+1] [--face-model 2.0] [--threads 1]
                                                      the Rekognition-compatible service (AWS JSON 1.1, SigV4) and the web
                                                      console at /console/ (--policy: default DIR/policy.json if present;
                                                      --detector-scales: more passes find more small faces, slower;
                                                      --face-model 1.0: collections indexed before 2026-12-07;
                                                      --threads: ONNX Runtime threads per model run, default 1, as
                                                      image requests already run one per core)
        """;

    public static int Run(CliArguments args, TextWriter stdout, TextWriter stderr)
    {
        var options = new ServerOptions
        {
            Host = args.Option("host") ?? "127.0.0.1",
            Port = Port(args.Option("port") ?? Environment.GetEnvironmentVariable("LIKENESS_PORT") ?? "8080"),
            DataDirectory = args.Option("data-dir") ?? CollectionContext.DefaultDataDirectory(),
            Region = args.Option("region") ?? "us-east-1",
            S3Root = args.Option("s3-root"),
            PolicyPath = args.Option("policy"),
            ReportConfigPath = args.Option("report-config"),
            CacheDirectory = args.Option("cache-dir"),
            DetectorScales = DetectorScalesOption.Parse(args.Option("detector-scales")),
            FaceModelVersion = FaceModelOption.Parse(args.Option("face-model")).Version,
            IntraOpThreads = AuditCommand.Threads(args) is var threads and > 0 ? threads : ServerOptions.DefaultIntraOpThreads,
        };
        args.RejectUnknownOptions();
        if (!System.Net.IPAddress.TryParse(options.Host, out _)) throw new CliUsageException($"--host takes an IP address such as 127.0.0.1 or 0.0.0.0, not '{options.Host}'.");
        if (options.PolicyPath is not null && !File.Exists(options.PolicyPath)) throw new CliUsageException($"--policy {options.PolicyPath} does not exist; check it with `likeness policy validate FILE`.");
        if (options.ReportConfigPath is not null) CheckReportConfiguration(options.ReportConfigPath);
        if (options.S3Root is not null && !Directory.Exists(options.S3Root)) throw new CliUsageException($"--s3-root {options.S3Root} is not a directory; create it (each bucket is a subdirectory).");

        return RunAsync(options, stdout).GetAwaiter().GetResult();
    }

    private static async Task<int> RunAsync(ServerOptions options, TextWriter stdout)
    {
        await using var server = await LikenessServer.StartAsync(options);
        stdout.WriteLine($"Likeness is serving Rekognition at {server.Endpoint}");
        stdout.WriteLine($"endpoint: {server.Endpoint.ToString().TrimEnd('/')}");
        stdout.WriteLine($"region: {options.Region}   data: {Path.GetFullPath(options.DataDirectory)}   face model: {options.FaceModelVersion}");
        stdout.WriteLine($"console: {server.Endpoint.ToString().TrimEnd('/')}{Likeness.Server.Console.ConsoleFiles.BasePath}");
        if (server.DevelopmentKey is { } key)
        {
            stdout.WriteLine("A development account and access key were created (shown this once; the secret is stored encrypted):");
            stdout.WriteLine($"  account:               {key.AccountId}");
            stdout.WriteLine($"  AWS_ACCESS_KEY_ID=     {key.AccessKeyId}");
            stdout.WriteLine($"  AWS_SECRET_ACCESS_KEY= {key.SecretAccessKey}");
            stdout.WriteLine("More: `likeness accounts create NAME`, `likeness keys create ACCOUNT_ID`.");
        }
        stdout.WriteLine($"try: aws rekognition list-collections --endpoint-url {server.Endpoint.ToString().TrimEnd('/')} --region {options.Region}");
        stdout.Flush();
        await server.WaitForShutdownAsync();
        return 0;
    }

    // Read on every report request; checked here too, so a typo fails at start rather than when someone first asks for the report.
    private static void CheckReportConfiguration(string path)
    {
        try
        {
            Likeness.Governance.Reports.ReportConfiguration.Load(path);
        }
        catch (Exception e) when (e is FormatException or IOException or UnauthorizedAccessException)
        {
            throw new CliUsageException($"--report-config {path}: {e.Message}");
        }
    }

    private static int Port(string text) =>
        int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var port) && port is >= 0 and <= 65535
            ? port
            : throw new CliUsageException($"--port takes a TCP port 0-65535, not '{text}'.");
}
