using System.Security.Cryptography;
using System.Text;

namespace Likeness.Server.Auth;

/// <summary>
/// The 256-bit key that encrypts every access key's secret at rest (AES-256-GCM, see docs/SECURITY.md).
/// Losing it loses every secret; anyone holding it and accounts.db holds every secret. Its bytes never
/// appear in messages: <see cref="Fingerprint"/> identifies it instead.
/// </summary>
public sealed class MasterKey
{
    /// <summary>The environment variable that, when set and non-empty, supplies the key (base64 of 32 bytes) and wins over the file.</summary>
    public const string EnvironmentVariable = "LIKENESS_MASTER_KEY";

    /// <summary>The key file's name inside the data directory.</summary>
    public const string FileName = "master.key";

    /// <summary>The key length in bytes (AES-256).</summary>
    public const int KeyLength = 32;

    internal const int NonceLength = 12;   // AES-GCM's standard nonce (NIST SP 800-38D §8.2.2)
    internal const int TagLength = 16;

    private static readonly byte[] CheckLabel = "likeness master key check v1"u8.ToArray();

    private readonly byte[] _key;

    private MasterKey(byte[] key, string source)
    {
        _key = key;
        Source = source;
        Check = HMACSHA256.HashData(_key, CheckLabel);
        Fingerprint = Convert.ToHexStringLower(Check.AsSpan(0, 8));
    }

    /// <summary>Where the key came from ("environment variable LIKENESS_MASTER_KEY", a file path, or "bytes"), for messages.</summary>
    public string Source { get; }

    /// <summary>16 hex digits derived from the key by HMAC: safe to print, equal for equal keys, reveals nothing of the key.</summary>
    public string Fingerprint { get; }

    /// <summary>The full HMAC the fingerprint is cut from; stored in accounts.db to detect a wrong key at open.</summary>
    internal byte[] Check { get; }

    /// <summary>
    /// The key from $LIKENESS_MASTER_KEY if set, else from &lt;dataDirectory&gt;/master.key, which is created
    /// (32 random bytes, base64, mode 0600) when absent. Throws InvalidOperationException, naming the source
    /// but never the key, when the key is malformed or the file is readable by group or others.
    /// </summary>
    public static MasterKey LoadOrCreate(string dataDirectory) =>
        LoadOrCreate(dataDirectory, Environment.GetEnvironmentVariable(EnvironmentVariable));

    /// <summary>A key from raw bytes (exactly 32).</summary>
    public static MasterKey FromBytes(ReadOnlySpan<byte> key)
    {
        if (key.Length != KeyLength) throw new ArgumentException($"A master key is {KeyLength} bytes; got {key.Length}.", nameof(key));
        return new MasterKey(key.ToArray(), "bytes");
    }

    /// <summary>Like <see cref="LoadOrCreate(string)"/> with the environment variable's value passed in, so tests need not touch the process environment.</summary>
    internal static MasterKey LoadOrCreate(string dataDirectory, string? environmentValue)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(dataDirectory);
        // An empty value counts as unset: compose files and shells often export `NAME=` meaning "none".
        if (!string.IsNullOrWhiteSpace(environmentValue))
        {
            var source = $"environment variable {EnvironmentVariable}";
            return new MasterKey(Parse(environmentValue, source), source);
        }
        Directory.CreateDirectory(dataDirectory);
        var path = Path.GetFullPath(Path.Combine(dataDirectory, FileName));
        if (!File.Exists(path)) Create(path);
        RequirePrivate(path);
        return new MasterKey(Parse(File.ReadAllText(path), path), path);
    }

    /// <summary>nonce ‖ ciphertext ‖ tag of <paramref name="plaintext"/> under a fresh random nonce, authenticated with <paramref name="associatedData"/>.</summary>
    internal byte[] Seal(ReadOnlySpan<byte> plaintext, ReadOnlySpan<byte> associatedData)
    {
        var sealedBytes = new byte[NonceLength + plaintext.Length + TagLength];
        var nonce = sealedBytes.AsSpan(0, NonceLength);
        RandomNumberGenerator.Fill(nonce);
        using var aes = new AesGcm(_key, TagLength);
        aes.Encrypt(nonce, plaintext, sealedBytes.AsSpan(NonceLength, plaintext.Length), sealedBytes.AsSpan(NonceLength + plaintext.Length), associatedData);
        return sealedBytes;
    }

    /// <summary>The plaintext of <see cref="Seal"/>'s output, or null when it was sealed under another key or with other associated data, or altered.</summary>
    internal byte[]? Open(ReadOnlySpan<byte> sealedBytes, ReadOnlySpan<byte> associatedData)
    {
        if (sealedBytes.Length < NonceLength + TagLength) return null;
        var length = sealedBytes.Length - NonceLength - TagLength;
        var plaintext = new byte[length];
        using var aes = new AesGcm(_key, TagLength);
        try
        {
            aes.Decrypt(sealedBytes[..NonceLength], sealedBytes.Slice(NonceLength, length), sealedBytes[(NonceLength + length)..], plaintext, associatedData);
            return plaintext;
        }
        catch (AuthenticationTagMismatchException)
        {
            return null;
        }
    }

    /// <summary>Names the key by its fingerprint, never its bytes.</summary>
    public override string ToString() => $"MasterKey {Fingerprint} ({Source})";

    private static byte[] Parse(string text, string source)
    {
        byte[] key;
        try
        {
            key = Convert.FromBase64String(text.Trim());
        }
        catch (FormatException)
        {
            // The exception from Convert could quote the input; this message must not.
            throw new InvalidOperationException($"The master key in {source} is not valid base64; it must be base64 of {KeyLength} random bytes (e.g. `openssl rand -base64 32`).");
        }
        if (key.Length != KeyLength)
        {
            CryptographicOperations.ZeroMemory(key);
            throw new InvalidOperationException($"The master key in {source} decodes to {key.Length} bytes; it must be base64 of exactly {KeyLength} random bytes (e.g. `openssl rand -base64 32`).");
        }
        return key;
    }

    private static void Create(string path)
    {
        var key = RandomNumberGenerator.GetBytes(KeyLength);
        var text = Encoding.ASCII.GetBytes(Convert.ToBase64String(key) + "\n");
        CryptographicOperations.ZeroMemory(key);
        // Written beside the target and renamed in, so a crash never leaves a truncated master.key
        // (which would read as malformed) and the file is never visible with a wider mode.
        var temporary = $"{path}.{Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(6))}.tmp";
        var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write };
        if (!OperatingSystem.IsWindows()) options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        try
        {
            using (var stream = new FileStream(temporary, options))
            {
                stream.Write(text);
                stream.Flush(flushToDisk: true);
            }
            // UnixCreateMode is narrowed by the umask, never widened; set it again in case a
            // file system ignores the create mode.
            if (!OperatingSystem.IsWindows()) File.SetUnixFileMode(temporary, UnixFileMode.UserRead | UnixFileMode.UserWrite);
            try
            {
                File.Move(temporary, path, overwrite: false);
            }
            catch (IOException) when (File.Exists(path))
            {
                // Another process created it first; its key is the one to use.
            }
        }
        finally
        {
            CryptographicOperations.ZeroMemory(text);
            if (File.Exists(temporary)) File.Delete(temporary);
        }
    }

    private static void RequirePrivate(string path)
    {
        if (OperatingSystem.IsWindows()) return;
        const UnixFileMode Others = UnixFileMode.GroupRead | UnixFileMode.GroupWrite | UnixFileMode.GroupExecute
            | UnixFileMode.OtherRead | UnixFileMode.OtherWrite | UnixFileMode.OtherExecute;
        var mode = File.GetUnixFileMode(path);
        // Refused like ssh refuses a private key others can read: this file unlocks every secret.
        if ((mode & Others) != 0)
        {
            throw new InvalidOperationException($"{path} is accessible to group or others (mode {Convert.ToString((int)mode, 8).PadLeft(4, '0')}); run `chmod 600 {path}`: it decrypts every access key's secret.");
        }
    }
}
