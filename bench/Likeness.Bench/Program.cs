using Likeness.Bench;
using Likeness.Imaging;
using Likeness.Models.Assets;
using Likeness.Vision.Onnx;

// likeness-bench: see bench/README.md. Usage errors exit 2, a missing asset or runtime exits 1, each
// with one line saying what to do.
BenchOptions options;
try
{
    options = BenchOptions.Parse(args);
}
catch (ArgumentException e)
{
    Console.Error.WriteLine(e.Message);
    Console.Error.WriteLine(BenchOptions.Usage);
    return 2;
}

try
{
    var markdown = new BenchRun(options).Execute();
    Console.Out.Write(File.ReadAllText(markdown));
    return 0;
}
catch (Exception e) when (e is AssetException or OnnxRuntimeException or ImageDecodingException)
{
    Console.Error.WriteLine($"likeness-bench: {e.Message}");
    return 1;
}
