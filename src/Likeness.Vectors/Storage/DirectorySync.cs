using System.Runtime.InteropServices;

namespace Likeness.Vectors.Storage;

/// <summary>
/// fsync of a directory, so that a rename into it survives a power cut (POSIX leaves a rename in the
/// directory's page cache until then). .NET has no API for it, hence libc. Windows renames are
/// journaled by NTFS, so there it does nothing.
/// </summary>
public static partial class DirectorySync
{
    /// <summary>Makes the entries of <paramref name="directory"/> (a file renamed or created into it) durable; IOException when the directory cannot be opened or flushed.</summary>
    public static void Flush(string directory)
    {
        if (!OperatingSystem.IsLinux() && !OperatingSystem.IsMacOS() && !OperatingSystem.IsFreeBSD()) return;
        int fd = open(directory, 0 /* O_RDONLY */);
        if (fd < 0) throw new IOException($"cannot open directory '{directory}' to fsync it (errno {Marshal.GetLastPInvokeError()})");
        try
        {
            if (fsync(fd) != 0) throw new IOException($"fsync of directory '{directory}' failed (errno {Marshal.GetLastPInvokeError()})");
        }
        finally
        {
            _ = close(fd);
        }
    }

    [LibraryImport("libc", EntryPoint = "open", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    private static partial int open(string path, int flags);

    [LibraryImport("libc", EntryPoint = "fsync", SetLastError = true)]
    private static partial int fsync(int fd);

    [LibraryImport("libc", EntryPoint = "close", SetLastError = true)]
    private static partial int close(int fd);
}
