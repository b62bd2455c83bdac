using System.Globalization;
using System.Text.Json;
using Likeness.Governance.Enforcement;

namespace Likeness.Cli.Commands;

/// <summary>
/// `likeness review list|decide|reviewer`: the human review of candidate matches that review-required
/// policy rules queue. A decision is final and chained into the audit trail.
/// </summary>
public static class ReviewCommand
{
    public const string Usage = """
          likeness review list [--status pending|confirmed|rejected] [--case CASE_ID] [--account ACCOUNT_ID]
          likeness review decide REVIEW_ID --reviewer ID (--confirm | --reject) [--note TEXT]
          likeness review reviewer add ID --name NAME --role ROLE --trained-on YYYY-MM-DD | reviewer list
        """;

    public static int Run(CliArguments args, TextWriter stdout, TextWriter stderr)
    {
        var action = CollectionContext.Required(args, 1, "likeness review list|decide|reviewer ...");
        var dataDirectory = args.Option("data-dir") ?? CollectionContext.DefaultDataDirectory();
        var status = args.Option("status");
        var caseId = args.Option("case");
        var account = args.Option("account");
        var reviewer = args.Option("reviewer");
        var note = args.Option("note");
        var name = args.Option("name");
        var role = args.Option("role");
        var trainedOn = args.Option("trained-on");
        var confirm = args.Flag("confirm");
        var reject = args.Flag("reject");
        args.RejectUnknownOptions();
        using var governor = Governor.Open(dataDirectory);
        object result;
        switch (action)
        {
            case "list":
                result = governor.Reviews.List(status, account, caseId);
                break;
            case "decide":
                var id = CollectionContext.Required(args, 2, "likeness review decide REVIEW_ID --reviewer ID (--confirm | --reject)");
                if (reviewer is null || confirm == reject) throw new CliUsageException("`likeness review decide` needs --reviewer ID and exactly one of --confirm and --reject.");
                try
                {
                    result = governor.Reviews.Decide(id, reviewer, confirm, note);
                }
                catch (InvalidOperationException e)
                {
                    stderr.WriteLine($"likeness: {e.Message}");
                    return 1;
                }
                break;
            case "reviewer" when args.Positional.Count > 2 && args.Positional[2] == "add":
                var reviewerId = CollectionContext.Required(args, 3, "likeness review reviewer add ID --name NAME --role ROLE --trained-on YYYY-MM-DD");
                if (name is null || role is null || trainedOn is null) throw new CliUsageException("`likeness review reviewer add` needs --name, --role and --trained-on YYYY-MM-DD.");
                if (!DateOnly.TryParseExact(trainedOn, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date)) throw new CliUsageException($"--trained-on takes a date as YYYY-MM-DD, not '{trainedOn}'.");
                result = governor.Reviews.AddReviewer(reviewerId, name, role, date);
                break;
            case "reviewer":
                result = governor.Reviews.Reviewers();
                break;
            default:
                throw new CliUsageException($"Unknown review action '{action}'; use list, decide or reviewer.");
        }
        stdout.WriteLine(JsonSerializer.Serialize(result, result.GetType(), ProfileCommand.Json));
        return 0;
    }
}
