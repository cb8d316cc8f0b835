using System.Runtime.CompilerServices;

namespace MieCool.Core;

/// <summary>
/// How this process runs: as a native executable compiled ahead of time (NativeAOT: what <c>./miecool</c> publishes, one
/// file with no .NET runtime beside it), or as assemblies on the dotnet host (<c>dotnet miecool.dll</c>, the test hosts).
/// A program that starts itself again (the mesher's worker, a Slurm array's tasks) asks here which command line does it.
/// </summary>
public static class ProgramImage
{
    /// <summary>
    /// True in a NativeAOT executable: no code is compiled at run time there (<see cref="RuntimeFeature.IsDynamicCodeSupported"/>
    /// is false only in ahead-of-time images).
    /// </summary>
    public static bool IsNative => !RuntimeFeature.IsDynamicCodeSupported;

    /// <summary>
    /// The native executable of this process (<see cref="IsNative"/>), or null on the dotnet host (where
    /// <see cref="Environment.ProcessPath"/> is dotnet itself).
    /// </summary>
    public static string? NativeExecutable => IsNative ? Environment.ProcessPath : null;

    /// <summary>An assembly of the program, by its file name, in the folder the program runs from.</summary>
    public static string Assembly(string fileName) => Path.Combine(AppContext.BaseDirectory, fileName);
}
