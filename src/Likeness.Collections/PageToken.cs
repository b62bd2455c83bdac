using System.Text;

namespace Likeness.Collections;

/// <summary>
/// NextToken values: the listing they belong to and where it stopped, base64url-encoded. A token is only
/// a position, never a secret or a filter; one from another listing, or altered, is refused with
/// InvalidPaginationTokenException rather than silently restarting the listing.
/// </summary>
internal static class PageToken
{
    public static string Encode(string listing, string position) =>
        Convert.ToBase64String(Encoding.UTF8.GetBytes($"{listing}\n{position}")).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    /// <summary>The position in <paramref name="token"/>, or null for no token.</summary>
    public static string? Decode(string listing, string? token)
    {
        if (token is null) return null;
        string text;
        try
        {
            var base64 = token.Replace('-', '+').Replace('_', '/');
            text = Encoding.UTF8.GetString(Convert.FromBase64String(base64.PadRight(base64.Length + (4 - base64.Length % 4) % 4, '=')));
        }
        catch (FormatException)
        {
            throw Invalid(listing);
        }
        var prefix = listing + "\n";
        if (!text.StartsWith(prefix, StringComparison.Ordinal) || text.Length == prefix.Length) throw Invalid(listing);
        return text[prefix.Length..];
    }

    /// <summary>A position that is a row number.</summary>
    public static long? DecodeRow(string listing, string? token)
    {
        var position = Decode(listing, token);
        if (position is null) return null;
        if (!long.TryParse(position, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var row)) throw Invalid(listing);
        return row;
    }

    private static CollectionException Invalid(string listing) =>
        new(CollectionErrorCode.InvalidPaginationToken, $"The NextToken is not one {listing} returned; start again without it.");
}
