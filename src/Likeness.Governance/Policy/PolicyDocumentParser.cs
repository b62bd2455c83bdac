using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;
using Likeness.Governance.Audits;
using Likeness.Governance.Profiles;

namespace Likeness.Governance.Policy;

/// <summary>
/// Reads a policy document strictly: unknown or repeated properties, wrong types, unknown names, bad dates,
/// duplicate ids and mixed effects are errors naming their JSON path. A policy decides who may identify
/// people, so a typo must fail loudly rather than silently turn a rule into one that never matches.
/// </summary>
internal static partial class PolicyDocumentParser
{
    /// <summary>The id of the built-in rule that denies unapproved use cases; a document cannot reuse it.</summary>
    public const string UnapprovedUseCaseRule = "unapproved-use-case";

    // Comments and trailing commas are harmless in a hand-edited file and let operators annotate their rules.
    private static readonly JsonDocumentOptions Options = new() { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true, MaxDepth = 32 };

    public static PolicyDocument Parse(string json)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(json, Options);
        }
        catch (JsonException e)
        {
            throw new PolicyException("$", $"not valid JSON: {e.Message}");
        }
        using (document)
        {
            var root = Obj.Read(document.RootElement, "$", "version", "description", "history", "rules");
            var version = root.RequiredString("version");
            var description = root.OptionalString("description") ?? "";
            var history = new List<PolicyHistoryEntry>();
            foreach (var (element, path) in root.Array("history", required: false, allowEmpty: true))
            {
                var entry = Obj.Read(element, path, "date", "change");
                history.Add(new PolicyHistoryEntry(entry.RequiredDate("date"), entry.RequiredString("change")));
            }
            var rules = new List<PolicyRule>();
            var seen = new Dictionary<string, string>(StringComparer.Ordinal);
            foreach (var (element, path) in root.Array("rules", required: true, allowEmpty: true))
            {
                var rule = ParseRule(element, path);
                if (seen.TryGetValue(rule.Id, out var first)) throw Error($"{path}.id", $"duplicate rule id '{rule.Id}' (first used at {first})");
                seen[rule.Id] = path;
                rules.Add(rule);
            }
            return new PolicyDocument(version, description, history, rules, json);
        }
    }

    private static PolicyRule ParseRule(JsonElement element, string path)
    {
        var rule = Obj.Read(element, path, "id", "description", "match", "effect");
        var id = rule.RequiredString("id");
        if (!KebabCase().IsMatch(id)) throw Error($"{path}.id", $"rule id '{id}' must be kebab-case (lower-case letters and digits joined by single hyphens)");
        if (id == UnapprovedUseCaseRule) throw Error($"{path}.id", $"'{id}' is the built-in rule's id; choose another");
        var description = rule.OptionalString("description") ?? "";
        var match = rule.TryGet("match", out var m, out var matchPath) ? ParseMatch(m, matchPath) : PolicyMatch.Any;
        if (!rule.TryGet("effect", out var e, out var effectPath)) throw Error($"{path}.effect", "required property is missing");
        return new PolicyRule(id, description, match, ParseEffect(e, effectPath));
    }

    private static PolicyMatch ParseMatch(JsonElement element, string path)
    {
        var match = Obj.Read(element, path, "sectors", "useCases", "operations", "jurisdictions", "organisations", "from", "until");
        var sectors = match.NameList("sectors", (string name, out Sector s) => PolicyNames.TryParseSector(name, out s), PolicyNames.Sectors);
        var useCases = match.NameList("useCases", (string name, out string u) => { u = name; return UseCases.All.Contains(name); }, UseCases.All);
        var operations = match.NameList("operations", (string name, out OperationClass o) => PolicyNames.TryParseOperation(name, out o), PolicyNames.Operations);
        List<Jurisdiction>? jurisdictions = null;
        if (match.Has("jurisdictions"))
        {
            jurisdictions = [];
            foreach (var (item, itemPath) in match.Array("jurisdictions", required: false, allowEmpty: false))
            {
                var j = Obj.Read(item, itemPath, "country", "region", "city");
                jurisdictions.Add(new Jurisdiction(j.RequiredString("country"), j.OptionalString("region"), j.OptionalString("city")));
            }
        }
        List<string>? organisations = null;
        if (match.Has("organisations"))
        {
            organisations = [];
            foreach (var (item, itemPath) in match.Array("organisations", required: false, allowEmpty: false))
                organisations.Add(Obj.NonEmptyString(item, itemPath));
        }
        var from = match.OptionalDate("from");
        var until = match.OptionalDate("until");
        if (from is { } f && until is { } u && u <= f)
            throw Error($"{path}.until", $"until ({PolicyMatch.Iso(u)}) must be after from ({PolicyMatch.Iso(f)}); until is exclusive");
        return new PolicyMatch(sectors, useCases, operations, jurisdictions, organisations, from, until);
    }

    private static PolicyEffect ParseEffect(JsonElement element, string path)
    {
        var effect = Obj.Read(element, path, "deny", "allow", "minThreshold", "humanReview", "caseIdRequired", "biasAuditRequired");
        var deny = effect.OptionalString("deny");
        var allow = effect.OptionalString("allow");
        var threshold = effect.OptionalNumber("minThreshold");
        if (threshold is < 0 or > 100) throw Error($"{path}.minThreshold", $"{threshold.Value.ToString(CultureInfo.InvariantCulture)} is outside 0-100 (a similarity percentage)");
        var review = effect.OptionalBool("humanReview");
        var caseId = effect.OptionalBool("caseIdRequired");
        var hasAudit = effect.TryGet("biasAuditRequired", out var auditElement, out var auditPath);
        var audit = hasAudit ? ParseBiasAudit(auditElement, auditPath) : null;
        var hasObligation = threshold is not null || review is not null || caseId is not null || hasAudit;
        if (deny is not null && allow is not null) throw Error(path, "an effect either denies or allows, not both");
        if ((deny ?? allow) is { } reason)
        {
            // Obligations on an access rule would apply only when that rule matched, unlike every other
            // obligation; keeping them apart keeps "every matching obligation applies" true.
            if (hasObligation) throw Error(path, $"'{(deny is not null ? "deny" : "allow")}' cannot be combined with obligations; write the obligations as a separate rule");
            return new PolicyEffect(deny is not null ? PolicyEffectKind.Deny : PolicyEffectKind.Allow, reason, null, false, false, null);
        }
        if (!hasObligation) throw Error(path, "an effect needs deny, allow, or at least one of minThreshold, humanReview, caseIdRequired, biasAuditRequired");
        return new PolicyEffect(PolicyEffectKind.Obligations, null, threshold, review ?? false, caseId ?? false, audit);
    }

    // true: the default requirement; false: none; an object: the default with the bounds it gives.
    private static BiasAuditRequirement? ParseBiasAudit(JsonElement element, string path)
    {
        switch (element.ValueKind)
        {
            case JsonValueKind.True: return BiasAuditRequirement.Default;
            case JsonValueKind.False: return null;
            case JsonValueKind.Object: break;
            default: throw Error(path, $"expected true, false or an object with maxAgeDays, maxWorstGroupFalseMatchRate, maxRatioToCalibrated, found {Obj.Kind(element)}");
        }
        var bounds = Obj.Read(element, path, "maxAgeDays", "maxWorstGroupFalseMatchRate", "maxRatioToCalibrated");
        var requirement = BiasAuditRequirement.Default;
        if (bounds.TryGet("maxAgeDays", out var age, out var agePath))
        {
            if (age.ValueKind != JsonValueKind.Number) throw Error(agePath, $"expected a number, found {Obj.Kind(age)}");
            if (!age.TryGetInt32(out var days) || days <= 0) throw Error(agePath, $"{age.GetRawText()} is not a positive whole number of days");
            requirement = requirement with { MaxAgeDays = days };
        }
        if (bounds.OptionalNumber("maxWorstGroupFalseMatchRate") is { } rate)
        {
            if (rate is not (> 0 and <= 1)) throw Error($"{path}.maxWorstGroupFalseMatchRate", $"{rate.ToString(CultureInfo.InvariantCulture)} is not a false-match rate above 0 and at most 1 (a probability per comparison, e.g. 1E-5)");
            requirement = requirement with { MaxWorstGroupFalseMatchRate = rate };
        }
        if (bounds.OptionalNumber("maxRatioToCalibrated") is { } ratio)
        {
            if (ratio <= 0 || !double.IsFinite(ratio)) throw Error($"{path}.maxRatioToCalibrated", $"{ratio.ToString(CultureInfo.InvariantCulture)} is not positive (a multiple of the calibrated false-match rate, e.g. 10)");
            requirement = requirement with { MaxRatioToCalibrated = ratio };
        }
        return requirement;
    }

    internal static PolicyException Error(string path, string problem) => new(path, problem);

    [GeneratedRegex("^[a-z0-9]+(-[a-z0-9]+)*$")]
    private static partial Regex KebabCase();

    private delegate bool NameParser<T>(string name, out T value);

    /// <summary>A JSON object checked against its allowed property names, with typed accessors that report paths.</summary>
    private sealed class Obj
    {
        private readonly Dictionary<string, JsonElement> _properties;
        private readonly string _path;

        private Obj(Dictionary<string, JsonElement> properties, string path)
        {
            _properties = properties;
            _path = path;
        }

        public static Obj Read(JsonElement element, string path, params string[] allowed)
        {
            if (element.ValueKind != JsonValueKind.Object) throw Error(path, $"expected an object, found {Kind(element)}");
            var properties = new Dictionary<string, JsonElement>(StringComparer.Ordinal);
            foreach (var property in element.EnumerateObject())
            {
                var at = $"{path}.{property.Name}";
                if (!allowed.Contains(property.Name)) throw Error(at, $"unknown property; expected {string.Join(", ", allowed)}");
                if (!properties.TryAdd(property.Name, property.Value)) throw Error(at, "property appears twice");
            }
            return new Obj(properties, path);
        }

        public bool Has(string name) => _properties.ContainsKey(name);

        public bool TryGet(string name, out JsonElement value, out string path)
        {
            path = $"{_path}.{name}";
            return _properties.TryGetValue(name, out value);
        }

        public string RequiredString(string name) =>
            OptionalString(name) ?? throw Error($"{_path}.{name}", "required property is missing");

        public string? OptionalString(string name) =>
            TryGet(name, out var value, out var path) ? NonEmptyString(value, path) : null;

        public bool? OptionalBool(string name)
        {
            if (!TryGet(name, out var value, out var path)) return null;
            return value.ValueKind switch
            {
                JsonValueKind.True => true,
                JsonValueKind.False => false,
                _ => throw Error(path, $"expected true or false, found {Kind(value)}"),
            };
        }

        public double? OptionalNumber(string name)
        {
            if (!TryGet(name, out var value, out var path)) return null;
            return value.ValueKind == JsonValueKind.Number ? value.GetDouble() : throw Error(path, $"expected a number, found {Kind(value)}");
        }

        public DateOnly RequiredDate(string name) =>
            OptionalDate(name) ?? throw Error($"{_path}.{name}", "required property is missing");

        public DateOnly? OptionalDate(string name)
        {
            if (!TryGet(name, out var value, out var path)) return null;
            var text = NonEmptyString(value, path);
            return DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date)
                ? date
                : throw Error(path, $"'{text}' is not a date; write yyyy-MM-dd (e.g. 2020-06-10)");
        }

        public IEnumerable<(JsonElement Element, string Path)> Array(string name, bool required, bool allowEmpty)
        {
            if (!TryGet(name, out var value, out var path))
            {
                if (required) throw Error(path, "required property is missing");
                return [];
            }
            if (value.ValueKind != JsonValueKind.Array) throw Error(path, $"expected an array, found {Kind(value)}");
            // An empty condition list would match nothing, turning the rule off without a word; leaving
            // the condition out is how a rule says "any".
            if (!allowEmpty && value.GetArrayLength() == 0) throw Error(path, "must not be empty; leave the property out to match any");
            return value.EnumerateArray().Select((e, i) => (e, $"{path}[{i}]")).ToList();
        }

        public List<T>? NameList<T>(string name, NameParser<T> parse, IReadOnlyList<string> known)
        {
            if (!Has(name)) return null;
            var list = new List<T>();
            foreach (var (element, path) in Array(name, required: false, allowEmpty: false))
            {
                var text = NonEmptyString(element, path);
                if (!parse(text, out var value)) throw Error(path, $"unknown name '{text}'; expected one of {string.Join(", ", known)}");
                list.Add(value);
            }
            return list;
        }

        public static string NonEmptyString(JsonElement value, string path)
        {
            if (value.ValueKind != JsonValueKind.String) throw Error(path, $"expected a string, found {Kind(value)}");
            var text = value.GetString()!;
            return text.Trim().Length > 0 ? text : throw Error(path, "must not be empty");
        }

        public static string Kind(JsonElement element) => element.ValueKind switch
        {
            JsonValueKind.Object => "an object",
            JsonValueKind.Array => "an array",
            JsonValueKind.String => "a string",
            JsonValueKind.Number => "a number",
            JsonValueKind.True or JsonValueKind.False => "a boolean",
            _ => "null",
        };
    }
}
