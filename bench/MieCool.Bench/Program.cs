using BenchmarkDotNet.Running;

namespace MieCool.Bench;

/// <summary>
/// `dotnet run -c Release --project bench/MieCool.Bench -- --filter '*Name*'` runs BenchmarkDotNet benchmarks;
/// `dotnet run -c Release --project bench/MieCool.Bench -- timed NAME` runs a timed harness (see README).
/// </summary>
public static class Program
{
    public static int Main(string[] args)
    {
        if (args.Length > 0 && args[0] == "timed") return Timed.Run(args.Skip(1).ToArray());
        BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
        return 0;
    }
}
