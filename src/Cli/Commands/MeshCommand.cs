using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using MieCool.Cli.Output;
using MieCool.Core;
using MieCool.Cases;
using MieCool.Results;
using MieCool.Mesh;

namespace MieCool.Cli;

/// <summary>`miecool mesh CASE --out DIR`: meshes the particle on its substrate and writes DIR/mesh.h5 + DIR/mesh.xdmf.</summary>
public sealed class MeshCommand : ICommand
{
    static readonly Positional CaseFile = new("CASE", "the case file: its [particle], [substrate] and [mesh] sections are used");
    static readonly TextOption Out = new("out", "DIR", "output folder for the mesh files (created when missing; written all " +
                                                       "or nothing; an earlier result there is replaced as a whole)")
        { Required = true, Accepts = "a folder path (not a file)" };
    static readonly SwitchOption Json = new("json",
        "print {nodes, cells, volumes_m3: {...}, exact_volumes_m3: {...}, contact_radius_m, min_dihedral_deg, seconds, hdf5, " +
        "xdmf} instead of the report");
    static readonly SwitchOption Quiet = new("quiet", "no echo of the case and no progress lines on standard error")
        { OneOf = "verbosity" };
    static readonly SwitchOption Verbose = new("verbose", "also gmsh's own Info/Progress lines on standard error")
        { OneOf = "verbosity" };

    /// <inheritdoc/>
    public string Name => Syntax.Command;
    /// <inheritdoc/>
    public string Summary => "mesh a case's particle on its substrate; write DIR/mesh.h5 + mesh.xdmf (ParaView)";
    /// <inheritdoc/>
    public CommandSyntax Syntax { get; } = new("mesh", """
        Meshes the [particle] on the [substrate] with the [mesh] settings of CASE (gmsh, tetrahedra) and writes
        DIR/mesh.h5 (docs/file-format.md), DIR/mesh.xdmf and DIR/mesh_boundary.xdmf (the tetrahedra and the boundary
        triangles with their named tags: open them in ParaView by absolute path) and DIR/view.py. Echoes the effective
        case on standard error, then prints nodes, cells, region volumes against the exact ones, the smallest dihedral
        angle and the time taken.
        """)
    {
        Positionals = [CaseFile],
        Options = [Out, CommonOptions.Threads, Json, Quiet, Verbose, CommonOptions.Set],
        Examples = ["miecool mesh cases/mesh_example.toml --out out/mesh_example"],
    };

    /// <summary>
    /// Meshes the [particle] on the [substrate] of CASE with gmsh and writes DIR/mesh.h5 and DIR/mesh.xdmf; echoes the
    /// case on standard error (unless --quiet), then prints the mesh report (nodes, cells, region volumes in nm^3 against
    /// the exact ones, smallest dihedral angle) and the time, or with --json one object (SI: volumes_m3, seconds).
    /// </summary>
    public int Run(Args args, Console console)
    {
        string casePath = args.Get(CaseFile);
        string outDir = args.Get(Out);
        bool json = args.Get(Json), quiet = args.Get(Quiet), verbose = args.Get(Verbose);
        using var target = OutputFolder.Claim(outDir, args.Spelled(Out));

        var c = CommonOptions.LoadCase(casePath, args);
        if (!quiet) console.Err.Write(c.Effective());
        var spec = CommonOptions.MeshSpec(c, args);
        IProgress<string>? progress = quiet ? null : new Lines(console.Err, verbose);

        var clock = Stopwatch.StartNew();
        MeshResult result;
        try { result = ParticleMesher.Generate(spec, progress); }
        catch (InputException e) { throw e.At(casePath, e.Key); }
        double seconds = clock.Elapsed.TotalSeconds;

        target.Write(temp => ResultFile.Write(Path.Combine(temp, "mesh.h5"), result.Mesh));
        var paths = new ResultPaths(Path.Combine(target.FullPath, "mesh.h5"), Path.Combine(target.FullPath, "mesh.xdmf"));
        var r = result.Report;
        if (json)
        {
            var volumes = r.Regions.ToDictionary(g => g.Name, g => g.VolumeM3);
            var doc = new Dictionary<string, object>
            {
                ["nodes"] = r.NodeCount,
                ["cells"] = r.CellCount,
                ["volumes_m3"] = volumes,
                ["exact_volumes_m3"] = r.Regions.ToDictionary(g => g.Name, g => g.ExactVolumeM3),
                ["contact_radius_m"] = r.ContactRadiusM,
                ["min_dihedral_deg"] = r.MinDihedralDeg,
                ["seconds"] = seconds,
                ["hdf5"] = paths.Hdf5,
                ["xdmf"] = paths.Xdmf,
            };
            console.Out.WriteLine(CliJson.Serialize(doc));
        }
        else
        {
            foreach (var line in r.Lines()) console.Out.WriteLine(line);
            console.Out.WriteLine(FormattableString.Invariant($"  total {seconds:F2} s"));
            console.Out.WriteLine($"wrote {paths.Hdf5}");
            console.Out.WriteLine($"      {paths.Xdmf}  (ParaView: open by absolute path)");
        }
        return Program.Ok;
    }

    /// <summary>Progress as plain lines, in order, on the calling thread (Progress&lt;T&gt; would post them out of order).</summary>
    sealed class Lines(TextWriter writer, bool verbose) : IProgress<string>
    {
        public void Report(string value)
        {
            if (!verbose && (value.StartsWith("gmsh: Info", StringComparison.Ordinal)
                             || value.StartsWith("gmsh: Progress", StringComparison.Ordinal)))
                return; // gmsh's chatter; warnings and errors still show
            lock (writer) writer.WriteLine(value);
        }
    }
}
