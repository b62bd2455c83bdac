using Likeness.Collections;
using Likeness.Collections.Results;
using Likeness.Vision.Faces.Analysis;

namespace Likeness.Cli.Commands;

/// <summary>
/// `likeness faces index|list|delete|search|search-image`: IndexFaces, ListFaces, DeleteFaces, SearchFaces
/// and SearchFacesByImage on the local store. `index` takes many photos and prints one compact JSON line
/// per photo (its path and IndexFaces' response) as soon as that photo's faces are committed, with a
/// counting line on stderr, so a long enrolment can be followed and resumed.
/// </summary>
public static class FacesCommand
{
    public const string Usage = """
          (collection, face and user verbs also take --account ID, --use-case NAME, --case-id ID, --policy FILE: the use policy applies as on the server)
          likeness faces index COLLECTION IMAGE... [--external-id ID] [--max-faces N] [--quality-filter none|auto|low|medium|high] [--attributes default|all]
          likeness faces list COLLECTION [--user USER] [--max N] [--next-token T]
          likeness faces delete COLLECTION FACE_ID...
          likeness faces search COLLECTION FACE_ID [--threshold N] [--max N]
          likeness faces search-image COLLECTION IMAGE [--threshold N] [--max N] [--quality-filter F]
        """;

    public static int Run(CliArguments args, TextWriter stdout, TextWriter stderr)
    {
        var action = CollectionContext.Required(args, 1, "likeness faces index|list|delete|search|search-image COLLECTION ...");
        var collection = CollectionContext.Required(args, 2, $"likeness faces {action} COLLECTION ...");
        var rest = args.Positional.Skip(3).ToList();
        var externalId = args.Option("external-id");
        var maxFaces = CollectionContext.Integer(args, "max-faces");
        var max = CollectionContext.Integer(args, "max");
        var threshold = CollectionContext.Number(args, "threshold");
        var filter = CollectionContext.Filter(args);
        var user = args.Option("user");
        var nextToken = args.Option("next-token");
        var attributes = args.Option("attributes")?.ToUpperInvariant() switch
        {
            null or "DEFAULT" => FaceAnalysisAttributes.Default,
            "ALL" => FaceAnalysisAttributes.All,
            var other => throw new CliUsageException($"--attributes takes default or all, not '{other}'."),
        };
        if (action is "index" or "delete" && rest.Count == 0) throw new CliUsageException($"`likeness faces {action}` needs at least one {(action == "index" ? "IMAGE" : "FACE_ID")} after the collection.");
        if (action is "search" or "search-image" && rest.Count != 1) throw new CliUsageException($"`likeness faces {action}` takes one {(action == "search" ? "FACE_ID" : "IMAGE")} after the collection.");
        var images = action is "index" or "search-image" ? rest.Select(ImageFile.Read).ToList() : [];

        using var context = CollectionContext.Open(args, needsImages: images.Count > 0);
        var service = context.Service;
        switch (action)
        {
            case "index":
                var faces = 0;
                for (var i = 0; i < images.Count; i++)
                {
                    var image = images[i];
                    var indexed = context.Governed("IndexFaces", collection, null, null, () => service.IndexFaces(context.Account, collection, image, externalId, attributes, maxFaces, filter ?? QualityFilter.Auto));
                    faces += indexed.FaceRecords.Count;
                    stdout.WriteLine($"{{\"Image\":{System.Text.Json.JsonSerializer.Serialize(rest[i])},\"Response\":{ResultJson.Serialize(indexed, indented: false)}}}");
                    stdout.Flush();
                    stderr.Write($"\rindexed {i + 1}/{images.Count} images, {faces} faces");
                }
                stderr.WriteLine();
                return 0;
            case "list":
                stdout.WriteLine(ResultJson.Serialize(service.ListFaces(context.Account, collection, nextToken, max, user)));
                return 0;
            case "delete":
                stdout.WriteLine(ResultJson.Serialize(context.Governed("DeleteFaces", collection, null, null, () => service.DeleteFaces(context.Account, collection, rest))));
                return 0;
            case "search":
                stdout.WriteLine(ResultJson.Serialize(context.Governed("SearchFaces", collection, threshold, CollectionService.DefaultMatchThreshold,
                    () => service.SearchFaces(context.Account, collection, rest[0], max, threshold))));
                return 0;
            case "search-image":
                stdout.WriteLine(ResultJson.Serialize(context.Governed("SearchFacesByImage", collection, threshold, CollectionService.DefaultMatchThreshold,
                    () => service.SearchFacesByImage(context.Account, collection, images[0], max, threshold, filter ?? QualityFilter.None))));
                return 0;
            default:
                throw new CliUsageException($"Unknown faces action '{action}'; use index, list, delete, search or search-image.");
        }
    }
}
