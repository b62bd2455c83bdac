using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace Likeness.Server.Auth;

/// <summary>
/// Verifies AWS Signature Version 4 on a request (Authorization header form) and answers failures with the
/// error names and messages AWS JSON services use, so SDKs and the AWS CLI report them as they would
/// against AWS. Rules and errors: docs/SECURITY.md.
/// </summary>
public static class SigV4Verifier
{
    /// <summary>
    /// Checks <paramref name="request"/>'s signature against the secret <paramref name="findKey"/> returns for
    /// its access key (null: unknown or revoked), requiring scope <paramref name="region"/>/<paramref name="service"/>
    /// and a request time within <paramref name="maxSkew"/> of <paramref name="now"/>.
    /// </summary>
    public static SigV4Result Verify(SigV4Request request, Func<string, KeyLookup?> findKey, string region, string service, DateTimeOffset now, TimeSpan maxSkew)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(findKey);
        var headers = request.Headers;
        if (!headers.TryGetValue("authorization", out var authorization) || string.IsNullOrWhiteSpace(authorization))
        {
            return SigV4Result.MissingToken();
        }
        if (!SigV4Authorization.TryParse(authorization, out var auth, out var problem)) return SigV4Result.Incomplete(problem);

        if (!TryReadDate(headers, out var requestTime, out var timestamp, out problem)) return SigV4Result.Incomplete(problem);
        if (!auth.SignedHeaders.Contains("host"))
        {
            return SigV4Result.Incomplete("'Host' or ':authority' must be a 'SignedHeader' in the AWS Authorization.");
        }

        if (auth.Terminator != SigV4Canonical.Terminator)
        {
            return SigV4Result.Invalid($"Credential should be scoped with a valid terminator: '{SigV4Canonical.Terminator}', not '{auth.Terminator}'.");
        }
        if (auth.Region != region) return SigV4Result.Invalid("Credential should be scoped to a valid region.");
        if (auth.Service != service) return SigV4Result.Invalid($"Credential should be scoped to correct service: '{service}'.");
        var date = timestamp[..8];
        if (auth.Date != date)
        {
            return SigV4Result.Invalid($"Date in Credential scope does not match YYYYMMDD from ISO-8601 version of date from HTTP: '{auth.Date}' != '{date}', from '{timestamp}'.");
        }
        if (SkewProblem(requestTime, timestamp, now, maxSkew) is { } skew) return SigV4Result.Invalid(skew);

        var key = findKey(auth.AccessKeyId);
        if (key is null) return SigV4Result.Unrecognized();

        var bodyHash = SigV4Canonical.Sha256Hex(request.Body.Span);
        string payloadHash;
        if (headers.TryGetValue("x-amz-content-sha256", out var declaredHash))
        {
            // The declared hash is what gets signed, so it must be checked against the body or a
            // signed request's body could be swapped. UNSIGNED-PAYLOAD (S3 only) fails here too.
            if (!string.Equals(declaredHash, bodyHash, StringComparison.OrdinalIgnoreCase))
            {
                return SigV4Result.Invalid("The provided 'x-amz-content-sha256' header does not match what was computed.");
            }
            payloadHash = declaredHash;
        }
        else
        {
            payloadHash = bodyHash;
        }

        var canonicalRequest = SigV4Canonical.Request(request.Method, request.Path, request.QueryString, auth.SignedHeaders, headers, payloadHash);
        var stringToSign = SigV4Canonical.StringToSign(timestamp, $"{auth.Date}/{auth.Region}/{auth.Service}/{auth.Terminator}", canonicalRequest);
        var expected = SigV4Canonical.Signature(key.Secret, auth.Date, auth.Region, auth.Service, stringToSign);
        // Constant time, so response timing does not reveal how many leading characters were right.
        var matches = CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(expected), Encoding.ASCII.GetBytes(auth.Signature));
        return matches ? SigV4Result.Verified(key.AccountId, key.AccessKeyId) : SigV4Result.Mismatch();
    }

    private static string? SkewProblem(DateTimeOffset requestTime, string timestamp, DateTimeOffset now, TimeSpan maxSkew)
    {
        var minutes = maxSkew.TotalMinutes.ToString("0.##", CultureInfo.InvariantCulture);
        var nowText = Format(now);
        if (requestTime < now - maxSkew)
        {
            return $"Signature expired: {timestamp} is now earlier than {Format(now - maxSkew)} ({nowText} - {minutes} min.)";
        }
        if (requestTime > now + maxSkew)
        {
            return $"Signature not yet current: {timestamp} is still later than {Format(now + maxSkew)} ({nowText} + {minutes} min.)";
        }
        return null;
    }

    /// <summary>X-Amz-Date (ISO 8601 basic) if present, else the HTTP Date header (RFC 1123, or RFC 2822 with a numeric zero offset as Python's formatdate writes it).</summary>
    private static bool TryReadDate(IReadOnlyDictionary<string, string> headers, out DateTimeOffset time, out string timestamp, out string problem)
    {
        timestamp = "";
        problem = "";
        if (headers.TryGetValue("x-amz-date", out var amzDate))
        {
            if (DateTimeOffset.TryParseExact(amzDate.Trim(), SigV4Canonical.TimestampFormat, CultureInfo.InvariantCulture,
                    DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out time))
            {
                timestamp = Format(time);
                return true;
            }
            problem = $"Date must be in ISO-8601 'basic format'. Got '{amzDate}'. See http://en.wikipedia.org/wiki/ISO_8601";
            return false;
        }
        if (headers.TryGetValue("date", out var httpDate))
        {
            if (TryParseHttpDate(httpDate, out time))
            {
                timestamp = Format(time);
                return true;
            }
            problem = $"Date must be in RFC 1123 format (e.g. 'Sun, 29 Nov 2026 12:20:00 GMT'). Got '{httpDate}'.";
            return false;
        }
        time = default;
        problem = "Authorization header requires existence of either a 'X-Amz-Date' or a 'Date' header.";
        return false;
    }

    private static bool TryParseHttpDate(string value, out DateTimeOffset time)
    {
        var text = value.Trim();
        foreach (var zone in (ReadOnlySpan<string>)[" +0000", " -0000", " UTC", " UT", " Z"])
        {
            if (text.EndsWith(zone, StringComparison.Ordinal))
            {
                text = string.Concat(text.AsSpan(0, text.Length - zone.Length), " GMT");
                break;
            }
        }
        return DateTimeOffset.TryParseExact(text, "r", CultureInfo.InvariantCulture,
            DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out time);
    }

    private static string Format(DateTimeOffset time) => time.UtcDateTime.ToString(SigV4Canonical.TimestampFormat, CultureInfo.InvariantCulture);
}
