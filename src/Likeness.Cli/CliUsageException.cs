namespace Likeness.Cli;

/// <summary>The command line itself is wrong; the message says what and how to fix it.</summary>
public sealed class CliUsageException(string message) : Exception(message);
