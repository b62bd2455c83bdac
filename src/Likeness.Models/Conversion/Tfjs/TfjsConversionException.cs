namespace Likeness.Models.Conversion.Tfjs;

/// <summary>A TF.js model or weight file that the converters cannot read or do not support.</summary>
public sealed class TfjsConversionException(string message, Exception? inner = null) : Exception(message, inner);
