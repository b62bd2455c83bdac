using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Text;
using Likeness.Vision.Onnx.Native;

namespace Likeness.Vision.Onnx;

/// <summary>A loaded model that can be run from any number of threads at once.</summary>
/// <remarks>
/// ORT's Run is thread-safe on one session. This wrapper keeps it so: everything it holds is written
/// once in the constructor and only read afterwards, and each <see cref="Run"/> builds its own
/// arrays, pins and OrtValues. Disposing while runs are in flight is safe: the native session is
/// released when the last of them returns.
/// </remarks>
public sealed unsafe class OnnxSession : IDisposable
{
    private readonly OrtLibrary _library;
    private readonly OrtSessionHandle _session;
    private readonly Dictionary<string, int> _inputIndex;

    // UTF-8, NUL-terminated names in one array on the pinned object heap: it never moves and this
    // field keeps it alive, so the addresses below stay valid for the life of the session and Run
    // hands them to ORT without encoding or pinning anything.
    private readonly byte[] _nameBytes;
    private readonly nint[] _inputNames;
    private readonly nint[] _outputNames;

    internal OnnxSession(OrtLibrary library, OrtSessionHandle session)
    {
        _library = library;
        _session = session;
        try
        {
            Inputs = ReadValueInfos(inputs: true);
            Outputs = ReadValueInfos(inputs: false);
        }
        catch
        {
            session.Dispose();
            throw;
        }
        _inputIndex = Inputs.Select((info, index) => (info.Name, index)).ToDictionary(p => p.Name, p => p.index, StringComparer.Ordinal);
        (_nameBytes, var pointers) = PinNames([.. Inputs.Concat(Outputs).Select(i => i.Name)]);
        _inputNames = pointers[..Inputs.Count];
        _outputNames = pointers[Inputs.Count..];
    }

    /// <summary>The model's inputs, in the model's order.</summary>
    public IReadOnlyList<OnnxValueInfo> Inputs { get; }

    /// <summary>The model's outputs, in the model's order; <see cref="Run"/> returns them in this order.</summary>
    public IReadOnlyList<OnnxValueInfo> Outputs { get; }

    /// <summary>Runs the model on the named inputs and returns every output, copied into managed arrays, in <see cref="Outputs"/> order.</summary>
    /// <remarks>Input arrays are pinned and read in place (no copy) until this returns. Errors from ORT, such as a wrong shape, throw <see cref="OnnxRuntimeException"/>.</remarks>
    public IReadOnlyList<OnnxTensor> Run(IReadOnlyList<KeyValuePair<string, OnnxTensor>> inputs)
    {
        ArgumentNullException.ThrowIfNull(inputs);
        var indices = InputIndices(inputs);
        var api = _library.Api;
        var inputCount = inputs.Count;
        var inputNames = new nint[inputCount];
        var inputValues = new OrtValueHandle?[inputCount];
        var rawInputs = new nint[inputCount];
        var pins = new GCHandle[inputCount];
        var outputValues = new OrtValueHandle?[_outputNames.Length];
        var rawOutputs = new nint[_outputNames.Length];
        var sessionReferenced = false;
        try
        {
            // Holds the native session open until this Run returns, even if another thread disposes it.
            _session.DangerousAddRef(ref sessionReferenced);
            for (var i = 0; i < inputCount; i++)
            {
                var tensor = inputs[i].Value;
                inputNames[i] = _inputNames[indices[i]];
                pins[i] = GCHandle.Alloc(tensor.Data, GCHandleType.Pinned);
                inputValues[i] = CreateInputValue(tensor, pins[i].AddrOfPinnedObject());
                rawInputs[i] = inputValues[i]!.DangerousGetHandle();
            }

            nint status;
            fixed (nint* names = inputNames, values = rawInputs, outputNames = _outputNames, outputs = rawOutputs)
            {
                status = api.Run(_session.DangerousGetHandle(), 0, names, values, (nuint)inputCount, outputNames, (nuint)rawOutputs.Length, outputs);
            }
            // Own whatever ORT produced before looking at the status, so nothing leaks on failure.
            for (var j = 0; j < rawOutputs.Length; j++)
            {
                if (rawOutputs[j] != 0) outputValues[j] = new OrtValueHandle(api, rawOutputs[j]);
            }
            api.Check(status, "ONNX Runtime could not run the model");

            var results = new OnnxTensor[rawOutputs.Length];
            for (var j = 0; j < rawOutputs.Length; j++) results[j] = CopyOutput(rawOutputs[j], Outputs[j].Name);
            return results;
        }
        finally
        {
            foreach (var value in outputValues) value?.Dispose();
            foreach (var value in inputValues) value?.Dispose();
            foreach (var pin in pins)
            {
                if (pin.IsAllocated) pin.Free();
            }
            if (sessionReferenced) _session.DangerousRelease();
        }
    }

    /// <summary>Releases the native session once no Run is using it; later Runs throw <see cref="ObjectDisposedException"/>.</summary>
    public void Dispose() => _session.Dispose();

    /// <summary>Maps each given input to the model's input index; every model input must be given once.</summary>
    /// <remarks>ORT 1.30 accepts a repeated name and reports a missing input only as a kernel failure (code Fail), so both are caught here first.</remarks>
    private int[] InputIndices(IReadOnlyList<KeyValuePair<string, OnnxTensor>> inputs)
    {
        var indices = new int[inputs.Count];
        var given = new bool[Inputs.Count];
        for (var i = 0; i < inputs.Count; i++)
        {
            var (name, tensor) = inputs[i];
            ArgumentNullException.ThrowIfNull(tensor, $"inputs[{i}].Value");
            if (!_inputIndex.TryGetValue(name, out var index))
            {
                throw new OnnxRuntimeException(OnnxErrorCode.InvalidArgument,
                    $"The model has no input named '{name}'; its inputs are: {string.Join(", ", Inputs.Select(x => x.Name))}.");
            }
            if (given[index]) throw new OnnxRuntimeException(OnnxErrorCode.InvalidArgument, $"The input '{name}' is given more than once.");
            given[index] = true;
            indices[i] = index;
        }
        var missing = Inputs.Where((_, index) => !given[index]).Select(x => x.Name).ToList();
        if (missing.Count > 0)
        {
            throw new OnnxRuntimeException(OnnxErrorCode.InvalidArgument, $"The model needs the input(s) {string.Join(", ", missing.Select(m => $"'{m}'"))}, which were not given.");
        }
        return indices;
    }

    private OrtValueHandle CreateInputValue(OnnxTensor tensor, nint data)
    {
        var api = _library.Api;
        var elementSize = OnnxTensor.ElementSize(tensor.ElementType);
        long scalarShape = 0;   // ORT wants a valid pointer even for rank 0
        nint value;
        fixed (long* shape = tensor.Shape)
        {
            api.Check(api.CreateTensorWithDataAsOrtValue(
                _library.CpuMemory.DangerousGetHandle(), (void*)data, (nuint)((long)tensor.ElementCount * elementSize),
                tensor.Shape.Length == 0 ? &scalarShape : shape, (nuint)tensor.Shape.Length, (int)tensor.ElementType, &value));
        }
        return new OrtValueHandle(api, value);
    }

    private OnnxTensor CopyOutput(nint value, string name)
    {
        var api = _library.Api;
        nint info;
        var status = api.GetTensorTypeAndShape(value, &info);
        if (status != 0) api.Check(status, $"Output '{name}' is not a tensor");
        OnnxTensorElementType elementType;
        long[] shape;
        try
        {
            (elementType, shape) = OrtTensorInfo.Read(api, info);
        }
        finally
        {
            api.ReleaseTensorTypeAndShapeInfo(info);
        }

        var count = shape.Aggregate(1L, (product, dim) => checked(product * dim));
        if (count > Array.MaxLength)
        {
            throw new NotSupportedException($"Output '{name}' has {count} elements, more than a managed array holds.");
        }
        var array = OnnxTensor.NewArray(elementType, (int)count);
        if (count > 0)
        {
            void* data;
            api.Check(api.GetTensorMutableData(value, &data));
            var byteCount = (int)(count * OnnxTensor.ElementSize(elementType));
            new ReadOnlySpan<byte>(data, byteCount).CopyTo(MemoryMarshal.CreateSpan(ref MemoryMarshal.GetArrayDataReference(array), byteCount));
        }
        return OnnxTensor.FromOutput(array, elementType, shape);
    }

    private OnnxValueInfo[] ReadValueInfos(bool inputs)
    {
        var api = _library.Api;
        var session = _session.DangerousGetHandle();
        var getCount = inputs ? api.SessionGetInputCount : api.SessionGetOutputCount;
        var getName = inputs ? api.SessionGetInputName : api.SessionGetOutputName;
        var getTypeInfo = inputs ? api.SessionGetInputTypeInfo : api.SessionGetOutputTypeInfo;

        nuint count;
        api.Check(getCount(session, &count));
        var infos = new OnnxValueInfo[(int)count];
        for (nuint i = 0; i < count; i++)
        {
            byte* rawName;
            api.Check(getName(session, i, _library.DefaultAllocator, &rawName));
            var name = _library.TakeString(rawName);

            nint typeInfo;
            api.Check(getTypeInfo(session, i, &typeInfo));
            try
            {
                // The tensor info belongs to the type info; it is null for sequences and maps.
                nint tensorInfo;
                api.Check(api.CastTypeInfoToTensorInfo(typeInfo, &tensorInfo));
                var (elementType, shape) = tensorInfo == 0 ? (OnnxTensorElementType.Undefined, Array.Empty<long>()) : OrtTensorInfo.Read(api, tensorInfo);
                infos[(int)i] = new OnnxValueInfo(name, elementType, shape);
            }
            finally
            {
                api.ReleaseTypeInfo(typeInfo);
            }
        }
        return infos;
    }

    private static (byte[] Bytes, nint[] Pointers) PinNames(IReadOnlyList<string> names)
    {
        var encoded = names.Select(n => Encoding.UTF8.GetBytes(n + "\0")).ToArray();
        var bytes = GC.AllocateUninitializedArray<byte>(encoded.Sum(e => e.Length), pinned: true);
        var pointers = new nint[encoded.Length];
        var offset = 0;
        for (var i = 0; i < encoded.Length; i++)
        {
            encoded[i].CopyTo(bytes, offset);
            pointers[i] = (nint)Unsafe.AsPointer(ref bytes[offset]);
            offset += encoded[i].Length;
        }
        return (bytes, pointers);
    }
}
