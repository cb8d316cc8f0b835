using System.Text.Json;

namespace MieCool.Results.Tests;

/// <summary>Opens an XDMF file with ParaView's XDMF3 reader in pvbatch and reports what ParaView sees.</summary>
public static class ParaView
{
    /// <summary>
    /// JSON with points, cells, cell_type (VTK id of the first cell), region_min/max, volume (IntegrateVariables),
    /// T_integral (when a point field T exists) and particle_volume (cells with region 1).
    /// </summary>
    public static JsonElement Probe(string xdmfPath) => ExternalTools.Pvbatch("""
        import sys, json
        from paraview.simple import Xdmf3ReaderS, IntegrateVariables, Threshold
        from paraview import servermanager as sm
        from paraview.vtk.numpy_interface import dataset_adapter as dsa
        path = sys.argv[1]
        r = Xdmf3ReaderS(FileName=[path])
        r.UpdatePipeline()
        def first_block(d):
            if d.IsA("vtkMultiBlockDataSet") or d.IsA("vtkCompositeDataSet"):
                it = d.NewIterator(); it.InitTraversal()
                return it.GetCurrentDataObject()
            return d
        g = first_block(sm.Fetch(r))
        reg = g.GetCellData().GetArray("region")
        lo, hi = reg.GetRange()
        out = {"points": g.GetNumberOfPoints(), "cells": g.GetNumberOfCells(), "cell_type": g.GetCellType(0),
               "region_min": lo, "region_max": hi,
               "point_arrays": [g.GetPointData().GetArrayName(i) for i in range(g.GetPointData().GetNumberOfArrays())],
               "cell_arrays": [g.GetCellData().GetArrayName(i) for i in range(g.GetCellData().GetNumberOfArrays())]}
        iv = first_block(sm.Fetch(IntegrateVariables(Input=r)))
        out["volume"] = iv.GetCellData().GetArray("Volume").GetValue(0)
        t = iv.GetPointData().GetArray("T")
        if t is not None: out["T_integral"] = t.GetValue(0)
        th = Threshold(Input=r, Scalars=["CELLS", "region"], LowerThreshold=0.5, UpperThreshold=1.5)
        ip = first_block(sm.Fetch(IntegrateVariables(Input=th)))
        vol = ip.GetCellData().GetArray("Volume") if ip is not None else None
        out["particle_volume"] = vol.GetValue(0) if vol is not None else 0.0
        for name in ("substrate", "air"):
            tag = {"substrate": 3, "air": 4}[name]
            th2 = Threshold(Input=r, Scalars=["CELLS", "region"], LowerThreshold=tag - 0.5, UpperThreshold=tag + 0.5)
            ip2 = first_block(sm.Fetch(IntegrateVariables(Input=th2)))
            v2 = ip2.GetCellData().GetArray("Volume") if ip2 is not None else None
            out[name + "_volume"] = v2.GetValue(0) if v2 is not None else 0.0
        print(json.dumps(out))
        """, Path.GetFullPath(xdmfPath));
}
