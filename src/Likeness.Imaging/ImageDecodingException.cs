namespace Likeness.Imaging;

/// <summary>
/// The one exception <see cref="ImageDecoder"/> throws for a bad image; <see cref="Code"/> says why
/// and the message says what, in words fit to return to the caller.
/// </summary>
public sealed class ImageDecodingException : Exception
{
    public ImageDecodingException(ImageErrorCode code, string message)
        : base(message) => Code = code;

    public ImageDecodingException(ImageErrorCode code, string message, Exception innerException)
        : base(message, innerException) => Code = code;

    /// <summary>The stable reason; see <see cref="ImageErrorCode"/> for the Rekognition error each maps to.</summary>
    public ImageErrorCode Code { get; }
}
