namespace Likeness.Imaging;

/// <summary>
/// Why an image was refused. Values are stable: they are logged and mapped to API errors.
/// The server maps them to Rekognition's error names (the mapping lives there, not here):
/// <list type="table">
/// <item><term><see cref="InvalidFormat"/>, <see cref="Corrupt"/></term><description><c>InvalidImageFormatException</c> ("The provided image format is not supported.")</description></item>
/// <item><term><see cref="TooLarge"/></term><description><c>ImageTooLargeException</c> ("The input image size exceeds the allowed limit.")</description></item>
/// <item><term><see cref="TooSmall"/></term><description><c>InvalidParameterException</c>: Rekognition refuses images under 80 px per side as a parameter violation.</description></item>
/// </list>
/// Source: https://docs.aws.amazon.com/rekognition/latest/APIReference/API_DetectFaces.html (Errors)
/// and https://docs.aws.amazon.com/rekognition/latest/dg/limits.html.
/// </summary>
public enum ImageErrorCode
{
    /// <summary>Empty, or not a JPEG or PNG by its magic bytes (GIF, WebP, BMP, HEIC ...).</summary>
    InvalidFormat = 1,

    /// <summary>Starts like a JPEG or PNG but cannot be decoded completely: truncated, damaged or malformed.</summary>
    Corrupt = 2,

    /// <summary>Too many bytes, or the header declares more pixels (per side or in total) than the limits allow.</summary>
    TooLarge = 3,

    /// <summary>The header declares a side shorter than the minimum (80 px for Rekognition).</summary>
    TooSmall = 4,
}
