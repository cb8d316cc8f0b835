using System.Text.Json;

namespace MieCool.Results.Tests;

/// <summary>Opens an XDMF file with ParaView's XDMF3 reader in pvbatch and reports what ParaView sees.</summary>
public static class ParaView
{
    /// <summary>
    /// JSON with points, cells, cell_type (VTK id of the first cell), the array names ParaView shows (point_arrays,
    /// cell_arrays, field_arrays: the grid's constants), the tag array (tag_array: the cell array whose name starts with
    /// "region" or "boundary") and its tag_min/max, volume (IntegrateVariables), integrals (of every point array),
    /// T_integral (of the point array "T [K]" when present; of a time series at its last step) and per region tag the
    /// volume of its cells (particle_volume, substrate_volume, air_volume).
    /// </summary>
    public static JsonElement Probe(string xdmfPath) => ExternalTools.Pvbatch("""
        import sys, json
        from paraview.simple import Xdmf3ReaderS, IntegrateVariables, Threshold, ForceTime
        from paraview import servermanager as sm
        path = sys.argv[1]
        r = Xdmf3ReaderS(FileName=[path])
        times = list(r.TimestepValues)
        if times:  # a time series: its last step (every filter below sees that time, not the pipeline's default 0)
            r = ForceTime(Input=r, ForcedTime=times[-1], IgnorePipelineTime=1)
        r.UpdatePipeline()
        def first_block(d):
            if d.IsA("vtkMultiBlockDataSet") or d.IsA("vtkCompositeDataSet"):
                it = d.NewIterator(); it.InitTraversal()
                return it.GetCurrentDataObject()
            return d
        g = first_block(sm.Fetch(r))
        names = lambda a: [a.GetArrayName(i) for i in range(a.GetNumberOfArrays())]
        cell_names = names(g.GetCellData())
        tag = [n for n in cell_names if n.startswith("region") or n.startswith("boundary")][0]
        lo, hi = g.GetCellData().GetArray(tag).GetRange()
        out = {"points": g.GetNumberOfPoints(), "cells": g.GetNumberOfCells(), "cell_type": g.GetCellType(0),
               "tag_array": tag, "tag_min": lo, "tag_max": hi,
               "point_arrays": names(g.GetPointData()), "cell_arrays": cell_names, "field_arrays": names(g.GetFieldData())}
        out["field_values"] = {n: g.GetFieldData().GetArray(n).GetValue(0) for n in out["field_arrays"]}
        iv = first_block(sm.Fetch(IntegrateVariables(Input=r)))
        out["volume"] = iv.GetCellData().GetArray("Volume").GetValue(0) if iv.GetCellData().GetArray("Volume") else 0.0
        out["integrals"] = {n: iv.GetPointData().GetArray(n).GetValue(0) for n in names(iv.GetPointData())}
        t = iv.GetPointData().GetArray("T [K]")
        if t is not None: out["T_integral"] = t.GetValue(0)
        for name, value in (("particle", 1), ("substrate", 3), ("air", 4)):
            th = Threshold(Input=r, Scalars=["CELLS", tag], LowerThreshold=value - 0.5, UpperThreshold=value + 0.5)
            ip = first_block(sm.Fetch(IntegrateVariables(Input=th)))
            v = ip.GetCellData().GetArray("Volume") if ip is not None else None
            out[name + "_volume"] = v.GetValue(0) if v is not None else 0.0
        print(json.dumps(out))
        """, Path.GetFullPath(xdmfPath));

    /// <summary>
    /// Runs a result's view.py in pvbatch (as `pvbatch view.py --screenshot PNG` does) and reports what it shows: the
    /// sources in the pipeline, the slice's array the colour map is of (colour_array), the colour bar's title, the slice's
    /// point count, the time shown, and of the screenshot its size (png_size) and the pixels with colour (png_coloured: red
    /// and blue differ by more than 80 of 255, which the grey background and black text never do).
    /// </summary>
    public static JsonElement RunViewScript(string viewPy, string png) => ExternalTools.PvbatchRendering("""
        import sys, json, runpy
        from paraview.simple import GetSources, FindSource, GetActiveView, GetScalarBar, GetColorTransferFunction, GetDisplayProperties
        from paraview import servermanager as sm
        script, png = sys.argv[1], sys.argv[2]
        sys.argv = [script, "--screenshot", png]
        runpy.run_path(script, run_name="__main__")
        cut = FindSource("slice y = 0 through the particle")
        shown = GetDisplayProperties(cut, GetActiveView())
        array = shown.ColorArrayName[1]
        bar = GetScalarBar(GetColorTransferFunction(array), GetActiveView())
        d = sm.Fetch(cut)
        if d.IsA("vtkCompositeDataSet"):
            it = d.NewIterator(); it.InitTraversal(); d = it.GetCurrentDataObject()
        from vtkmodules.vtkIOImage import vtkPNGReader
        from vtkmodules.util.numpy_support import vtk_to_numpy
        png_reader = vtkPNGReader(); png_reader.SetFileName(png); png_reader.Update()
        image = png_reader.GetOutput(); w, h, _ = image.GetDimensions()
        rgb = vtk_to_numpy(image.GetPointData().GetScalars()).astype(int)
        coloured = int(((rgb[:, 0] - rgb[:, 2]) ** 2 > 80 ** 2).sum())
        print(json.dumps({"png_size": [w, h], "png_coloured": coloured,
                          "sources": sorted(k[0] for k in GetSources().keys()), "colour_array": array, "title": bar.Title,
                          "bar_visible": bool(bar.Visibility), "slice_points": d.GetNumberOfPoints(),
                          "time": GetActiveView().ViewTime}))
        """, Path.GetFullPath(viewPy), Path.GetFullPath(png));
}
