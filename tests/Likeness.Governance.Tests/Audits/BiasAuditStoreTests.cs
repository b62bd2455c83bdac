using Likeness.Collections.Storage;
using Likeness.Governance.Audits;
using Trail = Likeness.Governance.AuditTrail.AuditTrail;

namespace Likeness.Governance.Tests.Audits;

/// <summary>Recorded audits read back as written, are never replaced, and each is chained into the audit trail.</summary>
public sealed class BiasAuditStoreTests : IDisposable
{
    private static readonly DateTimeOffset Now = new(2026, 2, 1, 8, 0, 0, TimeSpan.Zero);

    private readonly string _directory = Path.Combine(Path.GetTempPath(), "likeness-bias-audits-" + Guid.NewGuid().ToString("N"));
    private readonly GovernanceDatabase _database;
    private readonly Trail _trail;
    private readonly BiasAuditStore _store;

    public BiasAuditStoreTests()
    {
        _database = GovernanceDatabase.Open(_directory);
        _trail = Trail.Open(_directory);
        _store = new BiasAuditStore(_database, _trail, () => Now);
    }

    public void Dispose()
    {
        _trail.Dispose();
        _database.Dispose();
        Directory.Delete(_directory, recursive: true);
    }

    [Fact]
    public void ARecordedAuditReadsBackAsWritten()
    {
        var audit = BiasAudits.Demographics();

        _store.Record(audit);

        var read = Assert.Single(_store.List());
        Assert.Equal(audit with { Thresholds = [] }, read with { Thresholds = [] });
        Assert.Equal(audit.Thresholds, read.Thresholds);
        Assert.Equal(TimeSpan.Zero, read.CompletedAt.Offset);
    }

    [Fact]
    public void ListIsNewestFirstAndLatestPicksByKindAndModel()
    {
        _store.Record(BiasAudits.Demographics("old", completed: BiasAudits.Completed.AddDays(-100)));
        _store.Record(BiasAudits.Demographics("new"));
        _store.Record(BiasAudits.Demographics("middle", completed: BiasAudits.Completed.AddDays(-50)));
        _store.Record(BiasAudits.Demographics("other-model", model: "mobilefacenet/five-point112", completed: BiasAudits.Completed.AddDays(10)));
        _store.Record(BiasAudits.Demographics("detection", completed: BiasAudits.Completed.AddDays(20)) with { Kind = BiasAuditKinds.Detection, Thresholds = [] });

        Assert.Equal(["detection", "other-model", "new", "middle", "old"], _store.List().Select(a => a.Id));
        Assert.Equal("new", _store.Latest(BiasAuditKinds.Demographics, BiasAudits.Model)!.Id);
        Assert.Equal("other-model", _store.Latest(BiasAuditKinds.Demographics, "mobilefacenet/five-point112")!.Id);
        Assert.Equal("detection", _store.Latest(BiasAuditKinds.Detection, BiasAudits.Model)!.Id);
        Assert.Null(_store.Latest(BiasAuditKinds.Verification, BiasAudits.Model));
        Assert.Null(_store.Latest(BiasAuditKinds.Demographics, "unknown-model"));
    }

    [Fact]
    public void ASecondAuditWithTheSameIdIsRefusedAndNotRecorded()
    {
        _store.Record(BiasAudits.Demographics());

        var e = Assert.Throws<InvalidOperationException>(() => _store.Record(BiasAudits.Demographics() with { Summary = "a different result" }));

        Assert.Contains("audit-2026-01 is already recorded", e.Message, StringComparison.Ordinal);
        Assert.Equal("worst group within 5x of the calibration from Similarity 90 up; 48.7x at 80", Assert.Single(_store.List()).Summary);
        Assert.Single(_trail.Read());
    }

    [Fact]
    public void RecordingAppendsAChainedTrailRecordNamingTheReportsHash()
    {
        _trail.Append(new(Now, "acct", null, null, null, "SearchFaces", "c1", 99, 10, "1.0", 0, "allowed", null, null));
        var sha = "0123456789abcdef".PadRight(64, 'f');

        var record = _store.Record(BiasAudits.Demographics() with { ReportSha256 = sha.ToUpperInvariant() }, recordedBy: "000000000000");

        var last = _trail.Read().Last();
        Assert.Equal(record, last);
        Assert.Equal(2, last.Sequence);
        Assert.Equal(_trail.Read().First().Hash, last.PreviousHash);
        Assert.Equal((BiasAuditStore.RecordOperation, BiasAuditStore.RecordedDecision, "000000000000", Now), (last.Entry.Operation, last.Entry.Decision, last.Entry.AccountId, last.Entry.Time));
        Assert.Equal($"bias audit audit-2026-01: kind demographics, model {BiasAudits.Model}, completed 2026-01-15T09:30:00Z, report /var/lib/likeness/audits/audit-2026-01.json sha256 {sha}", last.Entry.Detail);
        Assert.Equal(sha, Assert.Single(_store.List()).ReportSha256);
        Assert.True(_trail.Verify().Intact);
    }

    [Theory]
    [InlineData("not-a-hash")]
    [InlineData("zzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzz")]
    public void AReportHashThatIsNotASha256IsRefused(string sha)
    {
        Assert.Throws<ArgumentException>(() => _store.Record(BiasAudits.Demographics() with { ReportSha256 = sha }));
        Assert.Empty(_store.List());
        Assert.Empty(_trail.Read());
    }

    [Fact]
    public void ImpossibleFiguresAreRefused()
    {
        var audit = BiasAudits.Demographics();
        var row = audit.Thresholds[0];

        Assert.Throws<ArgumentException>(() => _store.Record(audit with { Kind = "vibes" }));
        Assert.Throws<ArgumentException>(() => _store.Record(audit with { Thresholds = [] }));
        Assert.Throws<ArgumentException>(() => _store.Record(audit with { Thresholds = [row, row] }));
        Assert.Throws<ArgumentException>(() => _store.Record(audit with { Thresholds = [row with { WorstGroupFalseMatches = row.Pairs + 1 }] }));
        Assert.Throws<ArgumentException>(() => _store.Record(audit with { Thresholds = [row with { WorstGroupFalseMatchRate = 1.5 }] }));
        Assert.Throws<ArgumentException>(() => _store.Record(audit with { Thresholds = [row with { WorstGroupUpper = row.WorstGroupFalseMatchRate / 2 }] }));
        Assert.Throws<ArgumentException>(() => _store.Record(audit with { Summary = "two\nlines" }));
        Assert.Empty(_store.List());
    }

    [Fact]
    public void Sha256OfHashesTheFilesBytes()
    {
        var path = Path.Combine(_directory, "report.json");
        File.WriteAllText(path, "abc");

        Assert.Equal("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad", BiasAuditRecord.Sha256Of(path));
    }

    [Fact]
    public void AVersionOneDatabaseGainsTheAuditTablesAndKeepsItsProfiles()
    {
        var directory = Path.Combine(_directory, "v1");
        Directory.CreateDirectory(directory);
        var path = Path.Combine(directory, GovernanceDatabase.FileName);
        SqliteStore.Open(path, 1, """
            CREATE TABLE profiles (account TEXT PRIMARY KEY, organisation TEXT NOT NULL, sector TEXT NOT NULL,
                country TEXT NOT NULL, region TEXT, city TEXT, updated_ms INTEGER NOT NULL);
            INSERT INTO profiles VALUES ('police', 'Springfield Police Department', 'LawEnforcement', 'US', 'IL', NULL, 0);
            """).Dispose();

        using var database = GovernanceDatabase.Open(directory);
        using var trail = Trail.Open(directory);
        var store = new BiasAuditStore(database, trail, () => Now);
        store.Record(BiasAudits.Demographics());

        Assert.Equal("Springfield Police Department", new Likeness.Governance.Profiles.ProfileStore(database).Get("police").Organisation);
        Assert.Equal("audit-2026-01", Assert.Single(store.List()).Id);
    }
}
