namespace Likeness.Server.Auth;

/// <summary>
/// The parts of an `AWS4-HMAC-SHA256 Credential=AKID/date/region/service/aws4_request, SignedHeaders=a;b,
/// Signature=hex` header. Problems are worded after AWS's IncompleteSignatureException messages but never
/// quote the header: a misconfigured client might have put its secret there.
/// </summary>
internal sealed record SigV4Authorization(string AccessKeyId, string Date, string Region, string Service, string Terminator,
    IReadOnlyList<string> SignedHeaders, string Signature)
{
    public static bool TryParse(string header, out SigV4Authorization authorization, out string problem)
    {
        authorization = null!;
        problem = "";
        var text = header.Trim();
        var space = text.IndexOf(' ');
        var algorithm = space < 0 ? text : text[..space];
        if (algorithm != SigV4Canonical.Algorithm)
        {
            problem = $"Authorization header must use the {SigV4Canonical.Algorithm} algorithm (AWS Signature Version 4).";
            return false;
        }
        string? credential = null, signedHeaders = null, signature = null;
        foreach (var part in (space < 0 ? "" : text[(space + 1)..]).Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
        {
            var equals = part.IndexOf('=');
            if (equals < 0) continue;
            var value = part[(equals + 1)..].Trim();
            switch (part[..equals].Trim())
            {
                case "Credential": credential = value; break;
                case "SignedHeaders": signedHeaders = value; break;
                case "Signature": signature = value; break;
            }
        }
        var missing = new List<string>();
        if (string.IsNullOrEmpty(credential)) missing.Add("Authorization header requires 'Credential' parameter.");
        if (string.IsNullOrEmpty(signature)) missing.Add("Authorization header requires 'Signature' parameter.");
        if (string.IsNullOrEmpty(signedHeaders)) missing.Add("Authorization header requires 'SignedHeaders' parameter.");
        if (missing.Count > 0)
        {
            problem = string.Join(' ', missing);
            return false;
        }
        var scope = credential!.Split('/');
        if (scope.Length != 5 || scope.Any(string.IsNullOrEmpty))
        {
            problem = "Credential must have exactly 5 slash-delimited elements, e.g. keyid/date/region/service/term.";
            return false;
        }
        authorization = new SigV4Authorization(scope[0], scope[1], scope[2], scope[3], scope[4],
            signedHeaders!.Split(';'), signature!);
        return true;
    }
}
