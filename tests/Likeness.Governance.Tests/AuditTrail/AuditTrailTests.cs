using System.Text;
using Likeness.Governance.AuditTrail;
using Trail = Likeness.Governance.AuditTrail.AuditTrail;

namespace Likeness.Governance.Tests.AuditTrail;

public sealed class AuditTrailTests : IDisposable
{
    private readonly string _dir = Path.Combine(Path.GetTempPath(), "likeness-audit-" + Guid.NewGuid().ToString("N"));

    private string TrailPath => Path.Combine(_dir, Trail.FileName);

    public void Dispose()
    {
        if (Directory.Exists(_dir)) Directory.Delete(_dir, recursive: true);
    }

    internal static AuditEntry Entry(int i, string? caseId = "case-1", string decision = "allowed") => new(
        new DateTimeOffset(2025, 3, 1, 12, 0, 0, TimeSpan.Zero).AddSeconds(i),
        "123456789012", "AKIDEXAMPLE", "investigative-lead", caseId, "SearchFacesByImage", "suspects",
        99.5, 1200 + i, "arcface-r100@1", i % 3, decision, decision == "denied" ? "moratorium" : null, null);

    private void Write(int count, Func<int, AuditEntry>? entry = null)
    {
        using var trail = Trail.Open(_dir);
        for (var i = 1; i <= count; i++) trail.Append((entry ?? (n => Entry(n)))(i));
    }

    private List<string> Lines() => File.ReadAllLines(TrailPath).ToList();

    private void WriteLines(IEnumerable<string> lines) => File.WriteAllText(TrailPath, string.Concat(lines.Select(l => l + "\n")));

    [Fact]
    public void AppendedRecordsReadBackInOrderWithTheirEntries()
    {
        using var trail = Trail.Open(_dir);
        var written = Enumerable.Range(1, 5).Select(i => trail.Append(Entry(i))).ToList();

        var read = trail.Read().ToList();

        Assert.Equal(written, read);
        Assert.Equal([1L, 2, 3, 4, 5], read.Select(r => r.Sequence));
        Assert.Equal(new string('0', 64), read[0].PreviousHash);
        Assert.Equal(read[0].Hash, read[1].PreviousHash);
        Assert.Equal(Entry(3), read[2].Entry);
    }

    [Fact]
    public void TheChainContinuesAcrossReopen()
    {
        Write(3);
        using (var trail = Trail.Open(_dir))
        {
            Assert.Equal(3, trail.LastSequence);
            var fourth = trail.Append(Entry(4));
            Assert.Equal(4, fourth.Sequence);
            Assert.Equal(trail.Read().ElementAt(2).Hash, fourth.PreviousHash);
        }
        Assert.True(Trail.Verify(TrailPath).Intact);
    }

    [Fact]
    public void VerifyReportsAnIntactTrailAndItsLastHash()
    {
        using var trail = Trail.Open(_dir);
        Assert.Equal($"intact: 0 records, last hash {new string('0', 64)}", trail.Verify().Message);
        AuditRecord last = null!;
        for (var i = 1; i <= 4; i++) last = trail.Append(Entry(i));

        var result = trail.Verify();

        Assert.True(result.Intact);
        Assert.Equal(4, result.Records);
        Assert.Null(result.FirstBadSequence);
        Assert.Equal(last.Hash, result.LastHash);
        Assert.Equal($"intact: 4 records, last hash {last.Hash}", result.Message);
    }

    [Fact]
    public void AChangedDecisionIsDetected()
    {
        Write(5, i => Entry(i, decision: i == 3 ? "denied" : "allowed"));
        var lines = Lines();
        lines[2] = lines[2].Replace("\"decision\":\"denied\"", "\"decision\":\"allowed\"", StringComparison.Ordinal);
        WriteLines(lines);

        var result = Trail.Verify(TrailPath);

        Assert.False(result.Intact);
        Assert.Equal(3, result.FirstBadSequence);
        Assert.Equal(2, result.Records);
        Assert.Equal("record 3: hash does not match its content (changed)", result.Message);
    }

    [Fact]
    public void ADeletedRecordInTheMiddleIsDetected()
    {
        Write(5);
        var lines = Lines();
        lines.RemoveAt(2);
        WriteLines(lines);

        var result = Trail.Verify(TrailPath);

        Assert.False(result.Intact);
        Assert.Equal(4, result.FirstBadSequence);
        Assert.Equal("record 4 follows 2 (a record was deleted or reordered)", result.Message);
    }

    [Fact]
    public void TwoSwappedRecordsAreDetected()
    {
        Write(5);
        var lines = Lines();
        (lines[1], lines[2]) = (lines[2], lines[1]);
        WriteLines(lines);

        var result = Trail.Verify(TrailPath);

        Assert.False(result.Intact);
        Assert.Equal(3, result.FirstBadSequence);
        Assert.Equal("record 3 follows 1 (a record was deleted or reordered)", result.Message);
    }

    [Fact]
    public void ARecordRenumberedToHideADeletionBreaksItsHash()
    {
        Write(4);
        var lines = Lines();
        lines.RemoveAt(1);
        lines[1] = lines[1].Replace("{\"sequence\":3,", "{\"sequence\":2,", StringComparison.Ordinal);
        WriteLines(lines);

        Assert.Equal("record 2: hash does not match its content (changed)", Trail.Verify(TrailPath).Message);
    }

    [Fact]
    public void AReplacedRecordWithItsOwnValidHashBreaksTheLinkToTheRecordBefore()
    {
        // Record 2 taken from another trail: self-consistent, but chained to a different record 1.
        Write(3);
        var other = Path.Combine(_dir, "other");
        using (var forged = Trail.Open(other))
        {
            forged.Append(Entry(7));
            forged.Append(Entry(2, decision: "denied"));
        }
        var lines = Lines();
        lines[1] = File.ReadAllLines(Path.Combine(other, Trail.FileName))[1];
        WriteLines(lines);

        var result = Trail.Verify(TrailPath);

        Assert.Equal(2, result.FirstBadSequence);
        Assert.StartsWith("record 2's previous hash does not match record 1's hash", result.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ATruncatedTailIsDetectedOnlyAgainstARecordedAnchor()
    {
        Write(5);
        var anchor = Trail.Verify(TrailPath).LastHash;
        WriteLines(Lines().Take(3));

        Assert.True(Trail.Verify(TrailPath).Intact);
        var result = Trail.Verify(TrailPath, anchor);
        Assert.False(result.Intact);
        Assert.Contains($"the expected hash {anchor} is not in the trail", result.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void AnAnchorFromEarlierIsAcceptedOnceMoreRecordsFollowIt()
    {
        Write(3);
        var anchor = Trail.Verify(TrailPath).LastHash;
        using (var trail = Trail.Open(_dir)) trail.Append(Entry(4));

        var result = Trail.Verify(TrailPath, anchor.ToUpperInvariant());

        Assert.True(result.Intact);
        Assert.EndsWith("(the expected hash is record 3's; 1 records were appended since)", result.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void APartialLastLineIsReportedThenRemovedOnOpenBecauseItWasNeverAcknowledged()
    {
        Write(3);
        var full = Lines();
        File.AppendAllText(TrailPath, full[2][..40]);

        var result = Trail.Verify(TrailPath);
        Assert.False(result.Intact);
        Assert.Equal(4, result.FirstBadSequence);
        Assert.StartsWith("the file ends in a partial record after record 3", result.Message, StringComparison.Ordinal);

        using var trail = Trail.Open(_dir);
        Assert.Equal(40, trail.TruncatedBytes);
        Assert.Equal(4, trail.Append(Entry(4)).Sequence);
        Assert.True(trail.Verify().Intact);
    }

    [Fact]
    public void OpenRefusesToAppendAfterACompleteButChangedLastRecord()
    {
        Write(3);
        var lines = Lines();
        lines[2] = lines[2].Replace("\"resultCount\":0", "\"resultCount\":9", StringComparison.Ordinal);
        WriteLines(lines);

        var e = Assert.Throws<AuditTrailException>(() => Trail.Open(_dir));
        Assert.Contains("last record (3)", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void OpenRefusesALastLineThatIsNotARecord()
    {
        Write(2);
        File.AppendAllText(TrailPath, "{\"not\":\"a record\"}\n");

        Assert.Throws<AuditTrailException>(() => Trail.Open(_dir));
        Assert.StartsWith("line 3 (where record 3 belongs) is not a record", Trail.Verify(TrailPath).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ConcurrentAppendsFromManyThreadsKeepOneValidChain()
    {
        using var trail = Trail.Open(_dir);
        Parallel.For(0, 400, new ParallelOptions { MaxDegreeOfParallelism = 16 }, i => trail.Append(Entry(i)));

        var result = trail.Verify();

        Assert.True(result.Intact, result.Message);
        Assert.Equal(400, result.Records);
        Assert.Equal(Enumerable.Range(1, 400).Select(i => (long)i), trail.Read().Select(r => r.Sequence));
    }

    [Fact]
    public void TwoWritersTakeTurnsAndKeepOneChain()
    {
        using var first = Trail.Open(_dir);
        using var second = Trail.Open(_dir); // the server and the CLI, say
        Parallel.For(0, 40, i => (i % 2 == 0 ? first : second).Append(Entry(i)));
        var records = first.Read().ToList();
        Assert.Equal(Enumerable.Range(1, 40).Select(i => (long)i), records.Select(r => r.Sequence));
        Assert.True(Trail.Verify(first.Path).Intact);
    }

    [Fact]
    public void ForCaseReturnsOnlyThatCasesRecords()
    {
        using var trail = Trail.Open(_dir);
        for (var i = 1; i <= 6; i++) trail.Append(Entry(i, caseId: i % 2 == 0 ? "case-7" : i == 3 ? null : "case-1"));

        Assert.Equal([2L, 4, 6], trail.ForCase("case-7").Select(r => r.Sequence));
        Assert.Equal([1L, 5], trail.ForCase("case-1").Select(r => r.Sequence));
        Assert.Empty(trail.ForCase("CASE-7"));
    }

    [Fact]
    public void TheCanonicalFormAndHashOfAFixedEntryArePinned()
    {
        // Changing either breaks verification of every trail already written: this test must never be "updated".
        // The hash was computed independently, in Python, from the expected canonical text below.
        var entry = new AuditEntry(new DateTimeOffset(2025, 3, 1, 13, 4, 5, 678, TimeSpan.FromHours(1)).AddTicks(9999),
            "123456789012", "AKIDEXAMPLE", "investigative-lead", "case-42", "SearchFacesByImage", "suspects",
            99.5, 1200, "arcface-r100@1", 3, "denied", "moratorium", "quote \" é\n");
        var expectedCanonical = "{\"sequence\":1,\"time\":\"2025-03-01T12:04:05.678Z\",\"accountId\":\"123456789012\",\"accessKeyId\":\"AKIDEXAMPLE\","
            + "\"useCase\":\"investigative-lead\",\"caseId\":\"case-42\",\"operation\":\"SearchFacesByImage\",\"collectionId\":\"suspects\","
            + "\"threshold\":99.5,\"gallerySize\":1200,\"modelVersion\":\"arcface-r100@1\",\"resultCount\":3,\"decision\":\"denied\","
            + "\"rule\":\"moratorium\",\"detail\":\"quote \\\" é\\n\"}";

        using var trail = Trail.Open(_dir);
        var record = trail.Append(entry);

        Assert.Equal(expectedCanonical, Encoding.UTF8.GetString(AuditRecordFormat.Canonical(1, record.Entry)));
        Assert.Equal("58f53eb02f2db59da8571ce2168f0ff3c20a478a475f899eb1be07549b6213ac", record.Hash);
        Assert.Equal(Lines()[0], record.ToLine());
        Assert.Equal(expectedCanonical[..^1] + $",\"previousHash\":\"{new string('0', 64)}\",\"hash\":\"{record.Hash}\"}}", Lines()[0]);
    }

    [Fact]
    public void TimesAreStoredInUtcToTheMillisecond()
    {
        using var trail = Trail.Open(_dir);
        var local = new DateTimeOffset(2025, 3, 1, 8, 0, 0, 123, TimeSpan.FromHours(-5)).AddTicks(4567);

        var record = trail.Append(Entry(1) with { Time = local });

        Assert.Equal(new DateTimeOffset(2025, 3, 1, 13, 0, 0, 123, TimeSpan.Zero), record.Entry.Time);
        Assert.Equal(TimeSpan.Zero, trail.Read().Single().Entry.Time.Offset);
        Assert.Equal(record, trail.Read().Single());
    }

    [Fact]
    public void AwkwardTextAndNullsRoundTripAndVerify()
    {
        using var trail = Trail.Open(_dir);
        var entry = new AuditEntry(DateTimeOffset.UnixEpoch, "a\"b\\c", null, "\u0001\t\r\u007f", "日本 😀", "Op", null, 1e-5, null, null, null, "allowed", null, "lone \ud800 surrogate");

        var record = trail.Append(entry);

        Assert.Equal(record, trail.Read().Single());
        Assert.Equal("lone \uFFFD surrogate", record.Entry.Detail); // no UTF-8 form: stored as U+FFFD, and said so
        Assert.True(trail.Verify().Intact);
    }

    [Fact]
    public void AppendRefusesAnEntryWithoutAnAccountOperationOrDecisionOrWithANonFiniteThreshold()
    {
        using var trail = Trail.Open(_dir);
        Assert.Throws<ArgumentException>(() => trail.Append(Entry(1) with { Decision = null! }));
        Assert.Throws<ArgumentException>(() => trail.Append(Entry(1) with { Threshold = double.NaN }));
        Assert.Empty(trail.Read());
    }

    [Fact]
    public void VerifyOfAMissingFileSaysSo()
    {
        var result = Trail.Verify(TrailPath);
        Assert.False(result.Intact);
        Assert.StartsWith("no audit trail at ", result.Message, StringComparison.Ordinal);
    }
}
