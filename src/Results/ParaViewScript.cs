using System.Globalization;
using MieCool.Mesh;

namespace MieCool.Results;

/// <summary>
/// view.py, the ParaView Python script written beside every result: it opens the result's XDMF files and shows the standard
/// view, a slice y = 0 through the particle's centre coloured by T (dT when T is absent, mesh-only results by region) with
/// a colour bar titled with the unit, and the regions by name. `paraview --script=view.py` (from the result folder) opens it
/// in the GUI; `pvbatch view.py --screenshot slice.png` renders it offscreen.
/// </summary>
static class ParaViewScript
{
    /// <summary>The script's file name, beside NAME.h5.</summary>
    public const string FileName = "view.py";

    /// <summary>The script for the result NAME (its .xdmf files' bare names) on <paramref name="mesh"/>.</summary>
    public static string For(string name, TetMesh mesh, IReadOnlyList<ResultField> fields, IReadOnlyList<ResultStep>? series,
                             bool particleGrid)
    {
        var all = fields.Concat(series is { Count: > 0 } ? series[^1].Fields : []).ToList();
        var colour = all.FirstOrDefault(f => f.Name == "T" && f.Centering == FieldCentering.Node)
                     ?? all.FirstOrDefault(f => f.Name == "dT" && f.Centering == FieldCentering.Node);
        string region = Xdmf.TagArrayName("region", mesh.CellRegion);
        var names = mesh.CellRegion.Distinct().Order().Select(t => $"\"{t}\", \"{Tags.RegionName(t)}\"");
        double r = mesh.Particle?.Radius ?? Extent(mesh) / 4, zc = mesh.Particle?.CenterZ ?? 0;
        return Template
            .Replace("@NAME@", name, StringComparison.Ordinal)
            .Replace("@FIELD@", colour is null ? "None" : Py(colour.Shown), StringComparison.Ordinal)
            .Replace("@CENTERING@", colour is null ? "CELLS" : "POINTS", StringComparison.Ordinal)
            .Replace("@REGION@", Py(region), StringComparison.Ordinal)
            .Replace("@ANNOTATIONS@", string.Join(", ", names), StringComparison.Ordinal)
            .Replace("@RADIUS@", R(r), StringComparison.Ordinal)
            .Replace("@ZC@", R(zc), StringComparison.Ordinal)
            .Replace("@PARTICLE@", particleGrid ? "True" : "False", StringComparison.Ordinal);
    }

    static double Extent(TetMesh mesh)
    {
        double lo = double.MaxValue, hi = double.MinValue;
        for (int i = 0; i < mesh.Nodes.Length; i += 3) { lo = Math.Min(lo, mesh.Nodes[i]); hi = Math.Max(hi, mesh.Nodes[i]); }
        return mesh.NodeCount > 0 ? hi - lo : 1;
    }

    static string R(double v) => v.ToString("R", CultureInfo.InvariantCulture);

    static string Py(string s) =>
        "\"" + s.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal) + "\"";

    const string Template = """
        # The standard ParaView view of the MieCool result @NAME@ (written by miecool; docs/file-format.md).
        #   cd RESULT_FOLDER && paraview --script=view.py    opens it in the ParaView GUI
        #   pvbatch view.py --screenshot slice.png            renders it offscreen (pvpython works too)
        # Coordinates are in metres (SI, like every field: Integrate Variables gives m^3 and int q dV in W).
        import os, sys
        from paraview.simple import (Xdmf3ReaderS, Slice, Show, Hide, ColorBy, GetActiveViewOrCreate, GetColorTransferFunction,
                                     GetScalarBar, GetAnimationScene, SaveScreenshot, Render)

        HERE = os.path.dirname(os.path.abspath(__file__)) if "__file__" in globals() else os.getcwd()
        FIELD = @FIELD@              # the colour of the slice (None: the regions)
        REGION = @REGION@
        CENTRE = [0.0, 0.0, @ZC@]    # the particle's centre, m
        RADIUS = @RADIUS@            # its radius, m


        def open_xdmf(file_name):
            return Xdmf3ReaderS(registrationName=file_name, FileName=[os.path.join(HERE, file_name)])


        volume = open_xdmf("@NAME@.xdmf")
        boundary = open_xdmf("@NAME@_boundary.xdmf")
        particle = open_xdmf("@NAME@_particle.xdmf") if @PARTICLE@ else None
        scene = GetAnimationScene()
        scene.UpdateAnimationUsingDataTimeSteps()
        if len(volume.TimestepValues) > 0:
            scene.AnimationTime = volume.TimestepValues[-1]  # a time series: its end state

        view = GetActiveViewOrCreate("RenderView")
        cut = Slice(registrationName="slice y = 0 through the particle", Input=volume)
        cut.SliceType = "Plane"
        cut.SliceType.Origin = CENTRE
        cut.SliceType.Normal = [0.0, 1.0, 0.0]
        shown = Show(cut, view)
        if FIELD is not None:
            ColorBy(shown, ("@CENTERING@", FIELD))
            lut = GetColorTransferFunction(FIELD)
            if FIELD.startswith("T "):  # an absolute temperature: a sequential map over the range it has
                lut.ApplyPreset("Inferno (matplotlib)", True)
        else:
            ColorBy(shown, ("CELLS", REGION))
            lut = GetColorTransferFunction(REGION)
            lut.InterpretValuesAsCategories = 1
            lut.Annotations = [@ANNOTATIONS@]
        shown.RescaleTransferFunctionToDataRange(True, False)
        shown.SetScalarBarVisibility(view, True)
        bar = GetScalarBar(lut, view)
        bar.Title = FIELD if FIELD is not None else "region"
        bar.ComponentTitle = ""

        # the whole mesh, its boundary (named tags) and the particle's sub-grid (point q, |E|^2) stay in the pipeline, hidden
        for source in (volume, boundary, particle):
            if source is not None:
                Hide(source, view)

        view.CameraPosition = [CENTRE[0], CENTRE[1] - 10 * RADIUS, CENTRE[2]]
        view.CameraFocalPoint = CENTRE
        view.CameraViewUp = [0.0, 0.0, 1.0]
        view.CameraParallelProjection = 1
        view.CameraParallelScale = 2.5 * RADIUS
        view.OrientationAxesVisibility = 1

        if "--screenshot" in sys.argv:
            SaveScreenshot(sys.argv[sys.argv.index("--screenshot") + 1], view, ImageResolution=[1200, 900])
        else:
            Render(view)

        """;
}
