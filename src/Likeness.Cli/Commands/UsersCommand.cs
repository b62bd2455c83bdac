using Likeness.Collections;
using Likeness.Collections.Results;

namespace Likeness.Cli.Commands;

/// <summary>`likeness users create|delete|list|associate|disassociate|search|search-image`: Rekognition's user operations on the local store.</summary>
public static class UsersCommand
{
    public const string Usage = """
          likeness users create|delete COLLECTION USER | list COLLECTION
          likeness users associate COLLECTION USER FACE_ID... [--threshold N]   (default 75)
          likeness users disassociate COLLECTION USER FACE_ID...
          likeness users search COLLECTION (--user USER | --face FACE_ID) [--threshold N] [--max N]
          likeness users search-image COLLECTION IMAGE [--threshold N] [--max N] [--quality-filter F]
        """;

    public static int Run(CliArguments args, TextWriter stdout, TextWriter stderr)
    {
        var action = CollectionContext.Required(args, 1, "likeness users create|delete|list|associate|disassociate|search|search-image COLLECTION ...");
        var collection = CollectionContext.Required(args, 2, $"likeness users {action} COLLECTION ...");
        string User() => CollectionContext.Required(args, 3, $"likeness users {action} COLLECTION USER ...");
        var faceIds = args.Positional.Skip(4).ToList();
        var threshold = CollectionContext.Number(args, "threshold");
        var max = CollectionContext.Integer(args, "max");
        var filter = CollectionContext.Filter(args);
        var byUser = args.Option("user");
        var byFace = args.Option("face");
        var nextToken = args.Option("next-token");
        if (action is "associate" or "disassociate" && faceIds.Count == 0) throw new CliUsageException($"`likeness users {action}` needs FACE_IDs after the user.");
        var image = action == "search-image" ? ImageFile.Read(CollectionContext.Required(args, 3, "likeness users search-image COLLECTION IMAGE")) : null;

        using var context = CollectionContext.Open(args, needsImages: image is not null);
        var service = context.Service;
        object result;
        switch (action)
        {
            case "create":
                context.Governed("CreateUser", collection, null, null, () => { service.CreateUser(context.Account, collection, User()); return 0; });
                result = new { };
                break;
            case "delete":
                context.Governed("DeleteUser", collection, null, null, () => { service.DeleteUser(context.Account, collection, User()); return 0; });
                result = new { };
                break;
            case "list":
                result = service.ListUsers(context.Account, collection, nextToken, max);
                break;
            case "associate":
                result = context.Governed("AssociateFaces", collection, null, null, () => service.AssociateFaces(context.Account, collection, User(), faceIds, threshold));
                break;
            case "disassociate":
                result = context.Governed("DisassociateFaces", collection, null, null, () => service.DisassociateFaces(context.Account, collection, User(), faceIds));
                break;
            case "search":
                result = context.Governed("SearchUsers", collection, threshold, CollectionService.DefaultMatchThreshold, () => service.SearchUsers(context.Account, collection, byUser, byFace, threshold, max));
                break;
            case "search-image":
                result = context.Governed("SearchUsersByImage", collection, threshold, CollectionService.DefaultMatchThreshold,
                    () => service.SearchUsersByImage(context.Account, collection, image!, threshold, max, filter ?? QualityFilter.None));
                break;
            default:
                throw new CliUsageException($"Unknown users action '{action}'; use create, delete, list, associate, disassociate, search or search-image.");
        }
        stdout.WriteLine(ResultJson.Serialize(result));
        return 0;
    }
}
