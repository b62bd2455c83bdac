using System.Diagnostics;

namespace Likeness.Server.Tests.EndToEnd;

/// <summary>
/// Runs tests/e2e/rekognition_e2e.py: the real `likeness serve` (this build) on a loopback port, driven
/// by boto3 and the aws CLI. The suite's own lines say which case failed; this test fails with their tail.
/// </summary>
public sealed class AwsClientsEndToEndTests
{
    [Fact]
    public async Task Boto3AndTheAwsCliWorkAgainstTheServer()
    {
        var root = RepositoryRoot();
        var start = new ProcessStartInfo("python3") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false, WorkingDirectory = root };
        start.ArgumentList.Add(Path.Combine(root, "tests", "e2e", "rekognition_e2e.py"));
        start.ArgumentList.Add("-v");
        start.Environment["LIKENESS_CLI"] = Path.Combine(AppContext.BaseDirectory, "likeness.dll");
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(20));
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            Assert.Fail("the end-to-end suite ran for more than 20 minutes");
        }
        var output = await stdout + await stderr;
        var tail = output.Length > 6000 ? output[^6000..] : output;
        Assert.True(process.ExitCode == 0, $"tests/e2e/rekognition_e2e.py exited with {process.ExitCode}:\n{tail}");
        Assert.Matches(@"e2e: [1-9]\d* passed, 0 failed, 0 skipped", output);
    }

    private static string RepositoryRoot() =>
        typeof(AwsClientsEndToEndTests).Assembly.GetCustomAttributes(typeof(System.Reflection.AssemblyMetadataAttribute), false)
            .Cast<System.Reflection.AssemblyMetadataAttribute>().Single(a => a.Key == "RepositoryRoot").Value!;
}
