namespace Likeness.Imaging;

/// <summary>
/// What an image's header says, read without decoding pixels. <see cref="Width"/> and
/// <see cref="Height"/> are as displayed, after <see cref="Orientation"/> is applied, so they equal
/// the size <see cref="ImageDecoder.Decode"/> returns.
/// </summary>
/// <param name="Format">JPEG or PNG, from the magic bytes.</param>
/// <param name="Width">Displayed width in pixels (stored height when the orientation swaps axes).</param>
/// <param name="Height">Displayed height in pixels.</param>
/// <param name="Orientation">EXIF orientation 1-8; 1 when there is no EXIF or its value is invalid.</param>
public sealed record ImageInfo(ImageFormat Format, int Width, int Height, int Orientation);
