namespace Likeness.Vectors;

/// <summary>
/// An index directory that cannot be opened as it is: missing, truncated, torn by a crash, corrupt,
/// or written by an incompatible version. The index is a rebuildable cache, so the reaction is always
/// the same: <see cref="VectorIndex.Delete"/> the directory and rebuild from the source of truth.
/// </summary>
public sealed class VectorIndexException : Exception
{
    /// <summary>Creates the exception with a message naming the file and what is wrong with it.</summary>
    public VectorIndexException(string message) : base(message) { }

    /// <summary>Creates the exception wrapping the I/O failure that caused it.</summary>
    public VectorIndexException(string message, Exception inner) : base(message, inner) { }
}
