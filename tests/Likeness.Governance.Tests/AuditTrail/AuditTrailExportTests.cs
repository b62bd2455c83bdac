using System.Text;
using System.Text.Json;
using Likeness.Governance.AuditTrail;
using Trail = Likeness.Governance.AuditTrail.AuditTrail;

namespace Likeness.Governance.Tests.AuditTrail;

public sealed class AuditTrailExportTests : IDisposable
{
    private readonly string _dir = Path.Combine(Path.GetTempPath(), "likeness-audit-export-" + Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        if (Directory.Exists(_dir)) Directory.Delete(_dir, recursive: true);
    }

    [Fact]
    public void AnExportDisclosesTheCaseInFullOthersOnlyAsHashesAndChainsToTheLastHash()
    {
        string lastHash;
        using (var trail = Trail.Open(_dir))
        {
            for (var i = 1; i <= 8; i++) trail.Append(AuditTrailTests.Entry(i, caseId: i is 3 or 6 ? "case-9" : "other"));
            lastHash = trail.LastHash;
        }
        var output = new StringWriter();

        var (verification, count) = AuditTrailExport.Write(Path.Combine(_dir, Trail.FileName), "case-9", output, DateTimeOffset.UnixEpoch);

        var lines = output.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries);
        using var header = JsonDocument.Parse(lines[0]);
        Assert.Equal(2, count);
        Assert.True(verification.Intact);
        Assert.Equal("case-9", header.RootElement.GetProperty("caseId").GetString());
        Assert.Equal(lastHash, header.RootElement.GetProperty("trail").GetProperty("lastHash").GetString());
        Assert.Equal(6, lines.Length - 1); // records 3..8
        Assert.DoesNotContain(lines.Skip(1), l => l.Contains("\"other\"", StringComparison.Ordinal));

        // What the recipient does: recompute every hash from record 3's previous hash to the trail's last hash.
        string? previous = null;
        foreach (var line in lines.Skip(1))
        {
            using var doc = JsonDocument.Parse(line);
            var root = doc.RootElement;
            var stated = root.GetProperty("previousHash").GetString()!;
            Assert.True(previous is null || previous == stated);
            var content = root.TryGetProperty("contentHash", out var digest)
                ? digest.GetString()!
                : AuditRecordFormat.ContentHash(Encoding.UTF8.GetBytes(line[..^AuditRecordFormat.TailLength] + "}"));
            previous = AuditRecordFormat.ChainHash(stated, content);
            Assert.Equal(root.GetProperty("hash").GetString(), previous);
        }
        Assert.Equal(lastHash, previous);
    }

    [Fact]
    public void AnExportOfADamagedTrailSaysSoInItsHeader()
    {
        using (var trail = Trail.Open(_dir))
        {
            for (var i = 1; i <= 4; i++) trail.Append(AuditTrailTests.Entry(i, caseId: "case-9"));
        }
        var path = Path.Combine(_dir, Trail.FileName);
        var lines = File.ReadAllLines(path);
        lines[2] = lines[2].Replace("\"decision\":\"allowed\"", "\"decision\":\"denied\"", StringComparison.Ordinal);
        File.WriteAllText(path, string.Concat(lines.Select(l => l + "\n")));
        var output = new StringWriter();

        var (verification, count) = AuditTrailExport.Write(path, "case-9", output, DateTimeOffset.UnixEpoch);

        Assert.False(verification.Intact);
        Assert.Equal(2, count);
        Assert.Contains("\"intact\":false", output.ToString().Split('\n')[0], StringComparison.Ordinal);
    }
}
