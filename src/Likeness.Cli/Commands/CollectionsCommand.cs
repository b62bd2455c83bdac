using Likeness.Collections;
using Likeness.Collections.Results;

namespace Likeness.Cli.Commands;

/// <summary>
/// `likeness collections create|describe|list|delete|reindex`: Rekognition's collection operations on
/// the local store, printing Rekognition's JSON responses.
/// </summary>
public static class CollectionsCommand
{
    public const string Usage = """
          likeness collections create ID [--store-images]   CreateCollection (--store-images keeps photos for reindex)
          likeness collections describe ID | list | delete ID
          likeness collections reindex ID                   re-embed a collection that kept its photos with the current model
        """;

    public static int Run(CliArguments args, TextWriter stdout, TextWriter stderr)
    {
        var action = CollectionContext.Required(args, 1, "likeness collections create|describe|list|delete|reindex [ID]");
        var storeImages = args.Flag("store-images");
        var nextToken = args.Option("next-token");
        var max = CollectionContext.Integer(args, "max");
        using var context = CollectionContext.Open(args, needsImages: action == "reindex");
        var service = context.Service;
        string Id() => CollectionContext.Required(args, 2, $"likeness collections {action} ID");
        object result = action switch
        {
            "create" => context.Governed("CreateCollection", Id(), null, null, () => service.CreateCollection(context.Account, Id(), storeImages ? new Dictionary<string, string> { [CollectionServiceOptions.StoreImagesTag] = "true" } : null)),
            "describe" => service.DescribeCollection(context.Account, Id()),
            "list" => service.ListCollections(context.Account, nextToken, max),
            "delete" => context.Governed("DeleteCollection", Id(), null, null, () => service.DeleteCollection(context.Account, Id())),
            "reindex" => service.ReindexCollection(context.Account, Id()),
            _ => throw new CliUsageException($"Unknown collections action '{action}'; use create, describe, list, delete or reindex."),
        };
        stdout.WriteLine(ResultJson.Serialize(result));
        return 0;
    }
}
