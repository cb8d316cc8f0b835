using MieCool.Mesh;
using MieCool.Core;
using MieCool.Results;

namespace MieCool.Viewer.Scene;

/// <summary>Loads what the viewer shows from a result folder or file (docs/file-format.md) via MieCool.Results' reader.</summary>
public static class ResultLoader
{
    /// <summary>Result files in order of preference: a full run, a heat solve, anything else, the bare mesh.</summary>
    static readonly string[] Preferred = ["fields.h5", "heat.h5"];
    const string Valid =
        "a folder with fields.h5, heat.h5 or mesh.h5 (written by miecool run, heat or mesh), or one such .h5/.xdmf file";

    /// <summary>The result file a folder holds (or the file itself); an <see cref="InputException"/> when there is none.</summary>
    public static string Locate(string path)
    {
        if (File.Exists(path))
        {
            if (path.EndsWith(".h5", StringComparison.OrdinalIgnoreCase)
                || path.EndsWith(".xdmf", StringComparison.OrdinalIgnoreCase)) return path;
            throw new InputException(path, "not a result file", valid: Valid);
        }
        if (!Directory.Exists(path)) throw new InputException(path, "no such folder or file", valid: Valid);
        foreach (var name in Preferred)
            if (File.Exists(Path.Combine(path, name))) return Path.Combine(path, name);
        var others = Directory.GetFiles(path, "*.h5").Order(StringComparer.Ordinal).ToList();
        var pick = others.FirstOrDefault(f => Path.GetFileName(f) != "mesh.h5") ?? others.FirstOrDefault();
        return pick ?? throw new InputException(path, "no result files in this folder", valid: Valid);
    }

    /// <summary>Reads the mesh and every field of the result at <paramref name="path"/> (folder or file).</summary>
    public static ResultData Load(string path)
    {
        var file = Locate(path);
        var r = ResultFile.Read(file);
        string? folder = Path.GetFileName(Path.GetDirectoryName(Path.GetFullPath(file)));
        return Of(r.Mesh, r.Fields, folder + "/" + Path.GetFileName(file));
    }

    /// <summary>
    /// What the viewer shows of a result held in memory: the mesh and the fields as <see cref="ResultFile.Write(string,
    /// TetMesh, IEnumerable{ResultField}?, string?)"/> would store them (the data <see cref="Load"/> reads back from the
    /// file); <paramref name="source"/> names it in titles and messages.
    /// </summary>
    public static ResultData Of(TetMesh mesh, IEnumerable<ResultField> fields, string source) =>
        new(mesh, fields.Select(f => new Field(f.Name, f.Centering == FieldCentering.Node ? FieldLocation.Point : FieldLocation.Cell,
                                               f.Values, f.Unit == "1" ? "" : f.Unit, f.LongName,
                                               DefinedOnlyIn.GetValueOrDefault(f.Name))), source);

    /// <summary>
    /// Cell fields of the result files that are data only in some regions (docs/file-format.md): E2, the pump's |E|^2, is
    /// computed in the particle (core and shell) and stored as 0 elsewhere.
    /// </summary>
    static readonly Dictionary<string, IReadOnlySet<int>> DefinedOnlyIn = new()
    {
        ["E2"] = new HashSet<int>(Tags.ParticleRegions),
    };

    /// <summary>The field called <paramref name="name"/>, or an <see cref="InputException"/> listing the ones present.</summary>
    public static Field RequireField(ResultData data, string name, string option = "--field") =>
        data.Find(name) ?? throw new InputException(option, $"no field \"{name}\" in {data.Source}", value: name,
            valid: string.Join(", ", data.Fields.Select(f => f.Name)));
}
