using Likeness.Vision.Onnx;

namespace Likeness.Vision.Tests.Onnx;

public sealed class OnnxSessionTests
{
    [Fact]
    public void MetadataGivesNamesTypesAndDynamicDimensionsInModelOrder()
    {
        using var runtime = TestOnnxRuntime.Load();
        using var session = runtime.OpenSession(OnnxTestModels.Mixed());

        Assert.Equal(["features", "counts", "offsets"], session.Inputs.Select(i => i.Name));
        Assert.Equal([OnnxTensorElementType.Float, OnnxTensorElementType.Int64, OnnxTensorElementType.Int32], session.Inputs.Select(i => i.ElementType));
        Assert.Equal([-1L, 4], session.Inputs[0].Shape);
        Assert.Equal([-1L], session.Inputs[1].Shape);
        Assert.Equal([3L], session.Inputs[2].Shape);

        Assert.Equal(["doubled", "next", "shifted"], session.Outputs.Select(o => o.Name));
        Assert.Equal([OnnxTensorElementType.Float, OnnxTensorElementType.Int64, OnnxTensorElementType.Int32], session.Outputs.Select(o => o.ElementType));
        Assert.Equal([-1L, 4], session.Outputs[0].Shape);
    }

    [Fact]
    public void AnAffineModelComputesMatMulPlusBias()
    {
        using var runtime = TestOnnxRuntime.Load();
        using var session = runtime.OpenSession(OnnxTestModels.Affine());
        float[] x = [1, 2, 3, -1, 0.5f, 2];

        var outputs = session.Run([new("x", OnnxTensor.FromFloats(x, 2, 3))]);

        var y = Assert.Single(outputs);
        Assert.Equal(OnnxTensorElementType.Float, y.ElementType);
        Assert.Equal([2L, 2], y.Shape);
        // [1,2,3]·W + b = [22+0.5, 28-1]; [-1,0.5,2]·W + b = [10.5+0.5, 12-1]; all exact in float32.
        Assert.Equal([22.5f, 27f, 11f, 11f], y.AsFloats());
        Assert.Equal(OnnxTestModels.AffineExpected(x), y.AsFloats());
    }

    [Fact]
    public void Int32AndInt64TensorsRoundTripAndOutputsComeInModelOrder()
    {
        using var runtime = TestOnnxRuntime.Load();
        using var session = runtime.OpenSession(OnnxTestModels.Mixed());

        // Inputs deliberately given out of model order.
        var outputs = session.Run(
        [
            new("offsets", OnnxTensor.FromInt32s([1, -2, 3], 3)),
            new("counts", OnnxTensor.FromInt64s([41, long.MaxValue - 1], 2)),
            new("features", OnnxTensor.FromFloats([1, 2, 3, 4, 5, 6, 7, 8], 2, 4)),
        ]);

        Assert.Equal([2f, 4, 6, 8, 10, 12, 14, 16], outputs[0].AsFloats());
        Assert.Equal([42L, long.MaxValue], outputs[1].AsInt64s());
        Assert.Equal([11, 8, 13], outputs[2].AsInt32s());
        Assert.Equal([2L], outputs[1].Shape);
        Assert.Throws<InvalidOperationException>(() => outputs[1].AsFloats());
    }

    [Fact]
    public void AModelOpensFromAFilePath()
    {
        var path = Path.Combine(Path.GetTempPath(), $"likeness-affine-{Guid.NewGuid():N}.onnx");
        File.WriteAllBytes(path, OnnxTestModels.Affine());
        try
        {
            using var runtime = TestOnnxRuntime.Load();
            using var session = runtime.OpenSession(path);

            var y = session.Run([new("x", OnnxTensor.FromFloats([0, 0, 0], 1, 3))])[0];

            Assert.Equal(OnnxTestModels.AffineBias, y.AsFloats());
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void AnEmptyBatchGivesAnEmptyOutput()
    {
        using var runtime = TestOnnxRuntime.Load();
        using var session = runtime.OpenSession(OnnxTestModels.Affine());

        var y = session.Run([new("x", OnnxTensor.FromFloats([], 0, 3))])[0];

        Assert.Equal([0L, 2], y.Shape);
        Assert.Empty(y.AsFloats());
    }

    [Fact]
    public async Task OneSessionRunFromManyThreadsAtOnceGivesEveryCallerItsOwnAnswer()
    {
        using var runtime = TestOnnxRuntime.Load(intraOpThreads: 2);
        using var session = runtime.OpenSession(OnnxTestModels.Affine());
        const int callers = 16, runsEach = 50;

        var failures = await Task.WhenAll(Enumerable.Range(0, callers).Select(caller => Task.Run(() =>
        {
            var wrong = 0;
            for (var run = 0; run < runsEach; run++)
            {
                // Each call has a distinct input and batch size, so crossed wires would show.
                var rows = 1 + (caller + run) % 5;
                var x = Enumerable.Range(0, rows * 3).Select(i => (float)(caller * 1000 + run * 10 + i)).ToArray();
                var y = session.Run([new("x", OnnxTensor.FromFloats(x, rows, 3))])[0];
                if (!y.Shape.SequenceEqual([rows, 2L]) || !y.AsFloats().SequenceEqual(OnnxTestModels.AffineExpected(x))) wrong++;
            }
            return wrong;
        })));

        Assert.All(failures, f => Assert.Equal(0, f));
    }

    [Fact]
    public void MalformedModelBytesRaiseOrtsInvalidProtobufError()
    {
        using var runtime = TestOnnxRuntime.Load();

        var error = Assert.Throws<OnnxRuntimeException>(() => runtime.OpenSession("this is not an ONNX model"u8));

        Assert.Equal(OnnxErrorCode.InvalidProtobuf, error.Code);
        Assert.Contains("from memory", error.Message);
        Assert.Contains("protobuf parsing failed", error.Message, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public void AMalformedModelFileRaisesOrtsErrorNamingTheFile()
    {
        var path = Path.Combine(Path.GetTempPath(), $"likeness-garbage-{Guid.NewGuid():N}.onnx");
        File.WriteAllBytes(path, [0xFF, 0xFF, 0xFF, 0xFF, 0x0F, 0x01, 0x02]);
        try
        {
            using var runtime = TestOnnxRuntime.Load();

            var error = Assert.Throws<OnnxRuntimeException>(() => runtime.OpenSession(path));

            Assert.Equal(OnnxErrorCode.InvalidProtobuf, error.Code);
            Assert.Contains(path, error.Message);
            Assert.Contains("protobuf parsing failed", error.Message, StringComparison.OrdinalIgnoreCase);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void AMissingModelFileRaisesNoSuchFile()
    {
        using var runtime = TestOnnxRuntime.Load();
        var path = Path.Combine(Path.GetTempPath(), "likeness-no-such-model.onnx");

        var error = Assert.Throws<OnnxRuntimeException>(() => runtime.OpenSession(path));

        Assert.Equal(OnnxErrorCode.NoSuchFile, error.Code);
        Assert.Contains(path, error.Message);
    }

    [Fact]
    public void AWrongInputNameIsAnInvalidArgumentListingTheRealInputs()
    {
        using var runtime = TestOnnxRuntime.Load();
        using var session = runtime.OpenSession(OnnxTestModels.Affine());

        var error = Assert.Throws<OnnxRuntimeException>(() => session.Run([new("input", OnnxTensor.FromFloats([1, 2, 3], 1, 3))]));

        Assert.Equal(OnnxErrorCode.InvalidArgument, error.Code);
        Assert.Contains("'input'", error.Message);
        Assert.Contains("x", error.Message);
    }

    [Fact]
    public void AWrongInputShapeRaisesOrtsInvalidArgument()
    {
        using var runtime = TestOnnxRuntime.Load();
        using var session = runtime.OpenSession(OnnxTestModels.Affine());

        var error = Assert.Throws<OnnxRuntimeException>(() => session.Run([new("x", OnnxTensor.FromFloats([1, 2, 3, 4], 1, 4))]));

        Assert.Equal(OnnxErrorCode.InvalidArgument, error.Code);
        Assert.Contains("invalid dimensions", error.Message);
    }

    [Fact]
    public void AWrongInputTypeRaisesOrtsInvalidArgument()
    {
        using var runtime = TestOnnxRuntime.Load();
        using var session = runtime.OpenSession(OnnxTestModels.Affine());

        var error = Assert.Throws<OnnxRuntimeException>(() => session.Run([new("x", OnnxTensor.FromInt64s([1, 2, 3], 1, 3))]));

        Assert.Equal(OnnxErrorCode.InvalidArgument, error.Code);
        Assert.Contains("data type", error.Message);
    }

    [Fact]
    public void AMissingInputIsAnInvalidArgumentNamingIt()
    {
        using var runtime = TestOnnxRuntime.Load();
        using var session = runtime.OpenSession(OnnxTestModels.Mixed());

        // ORT 1.30 itself would only fail inside the Add kernel, with code Fail.
        var error = Assert.Throws<OnnxRuntimeException>(() => session.Run([new("offsets", OnnxTensor.FromInt32s([1, 2, 3], 3))]));

        Assert.Equal(OnnxErrorCode.InvalidArgument, error.Code);
        Assert.Contains("'features', 'counts'", error.Message);
    }

    [Fact]
    public void AnInputGivenTwiceIsAnInvalidArgument()
    {
        using var runtime = TestOnnxRuntime.Load();
        using var session = runtime.OpenSession(OnnxTestModels.Affine());
        var x = OnnxTensor.FromFloats([1, 2, 3], 1, 3);

        // ORT 1.30 would silently take one of them.
        var error = Assert.Throws<OnnxRuntimeException>(() => session.Run([new("x", x), new("x", x)]));

        Assert.Equal(OnnxErrorCode.InvalidArgument, error.Code);
        Assert.Contains("more than once", error.Message);
    }

    [Fact]
    public void ATensorWhoseShapeDoesNotMatchItsArrayIsRefused()
    {
        Assert.Throws<ArgumentException>(() => OnnxTensor.FromFloats([1, 2, 3], 2, 2));
        Assert.Throws<ArgumentException>(() => OnnxTensor.FromFloats([], -1, 0));
    }

    [Fact]
    public void ADisposedSessionRefusesToRun()
    {
        using var runtime = TestOnnxRuntime.Load();
        var session = runtime.OpenSession(OnnxTestModels.Affine());
        session.Dispose();

        Assert.Throws<ObjectDisposedException>(() => session.Run([new("x", OnnxTensor.FromFloats([1, 2, 3], 1, 3))]));
    }
}
