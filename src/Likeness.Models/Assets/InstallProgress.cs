namespace Likeness.Models.Assets;

/// <summary>One step of `likeness models install`, reported as it starts so long steps show on the terminal.</summary>
public sealed record InstallProgress(int Step, int TotalSteps, string Message);
