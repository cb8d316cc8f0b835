using MieCool.Core;
using MieCool.Mesh;

namespace MieCool.Results.Tests;

public sealed class ResultFileTests : IDisposable
{
    readonly string _dir = Directory.CreateTempSubdirectory("miecool-io-").FullName;
    public void Dispose() => Directory.Delete(_dir, recursive: true);

    const double A = 1e-6; // box edge, m

    /// <summary>T = 300 K + 10 K x/a: linear, so its integral over the box is exact on any mesh: a^3 (300 + 5) K m^3.</summary>
    static double[] LinearTemperature(TetMesh m) =>
        Enumerable.Range(0, m.NodeCount).Select(i => 300 + 10 * m.Nodes[3 * i] / A).ToArray();

    static ResultField[] Fields(TetMesh m) =>
    [
        ResultField.AtNodes("T", LinearTemperature(m), "K", "temperature"),
        ResultField.AtCells("q", Enumerable.Range(0, m.CellCount).Select(c => m.CellRegion[c] == Tags.Particle ? 1e15 : 0).ToArray(),
                            "W/m^3", "heat-source density"),
    ];

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    public void Round_trip_preserves_mesh_fields_units_and_placement(int order)
    {
        var mesh = TestMeshes.Box(3, A, order);
        var paths = ResultFile.Write(Path.Combine(_dir, "r.h5"), mesh, Fields(mesh), program: "miecool test");
        Assert.True(File.Exists(paths.Hdf5) && File.Exists(paths.Xdmf));
        Assert.Empty(Directory.GetFiles(_dir, "*.tmp*")); // temporary names renamed

        var back = ResultFile.Read(paths.Hdf5);
        Assert.Equal(mesh.Nodes, back.Mesh.Nodes);
        Assert.Equal(mesh.Cells, back.Mesh.Cells);
        Assert.Equal(mesh.NodesPerCell, back.Mesh.NodesPerCell);
        Assert.Equal(mesh.CellRegion, back.Mesh.CellRegion);
        Assert.Equal(mesh.BoundaryFaces, back.Mesh.BoundaryFaces);
        Assert.Equal(mesh.BoundaryRegion, back.Mesh.BoundaryRegion);
        Assert.Equal(mesh.Particle, back.Mesh.Particle);
        Assert.Equal("miecool test", back.Program);
        Assert.Matches(@"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$", back.CreatedUtc);

        var t = back.Field("T");
        Assert.Equal((FieldCentering.Node, "K", "temperature"), (t.Centering, t.Unit, t.LongName));
        Assert.Equal(LinearTemperature(mesh), t.Values);
        var q = back.Field("q");
        Assert.Equal((FieldCentering.Cell, "W/m^3"), (q.Centering, q.Unit));
        Assert.Equal(Fields(mesh)[1].Values, q.Values);
        // the box volume survives the trip: a^3
        Assert.Equal(A * A * A, back.Mesh.RegionVolumes().Values.Sum(), 1e-12 * A * A * A * 1e3);
    }

    [Fact]
    public void A_field_of_the_wrong_length_is_refused_before_anything_is_written()
    {
        var mesh = TestMeshes.Box(2, A);
        var bad = ResultField.AtNodes("T", new double[mesh.NodeCount - 1], "K", "temperature");
        var e = Assert.Throws<ArgumentException>(() => ResultFile.Write(Path.Combine(_dir, "bad.h5"), mesh, [bad]));
        Assert.Contains("one per node", e.Message);
        Assert.Empty(Directory.GetFiles(_dir));
    }

    [Fact]
    public void Reading_a_missing_or_foreign_file_is_an_input_error_naming_the_file()
    {
        var missing = Path.Combine(_dir, "none.h5");
        Assert.Contains("none.h5", Assert.Throws<InputException>(() => ResultFile.Read(missing)).Message);
        var text = Path.Combine(_dir, "text.h5");
        File.WriteAllText(text, "not hdf5");
        var e = Assert.Throws<InputException>(() => ResultFile.Read(text));
        Assert.Contains("text.h5", e.Message);
    }

    [Fact]
    public void Xdmf_references_the_hdf5_by_bare_file_name()
    {
        var mesh = TestMeshes.Box(2, A);
        var paths = ResultFile.Write(Path.Combine(_dir, "sub", "m.h5"), mesh, Fields(mesh));
        var xml = File.ReadAllText(paths.Xdmf);
        Assert.Contains(">m.h5:/mesh/nodes<", xml);
        Assert.DoesNotContain(_dir, xml);
        System.Xml.Linq.XDocument.Parse(xml); // well-formed
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    public void H5py_sees_the_documented_layout(int order)
    {
        var mesh = TestMeshes.Box(3, A, order);
        var paths = ResultFile.Write(Path.Combine(_dir, "r.h5"), mesh, Fields(mesh));
        var j = ExternalTools.H5py("""
            import sys, json, h5py, numpy as np
            f = h5py.File(sys.argv[1], "r")
            m = f["mesh"]
            def s(x): return x.decode() if isinstance(x, bytes) else str(x)
            print(json.dumps({
              "nodes": list(m["nodes"].shape), "nodes_dtype": str(m["nodes"].dtype),
              "cells": list(m["cells"].shape), "cells_dtype": str(m["cells"].dtype),
              "region": list(m["region"].shape), "region_dtype": str(m["region"].dtype),
              "faces": list(m["boundary_faces"].shape), "face_tags": sorted(set(int(t) for t in m["boundary_region"][:])),
              "region_tags": sorted(set(int(t) for t in m["region"][:])),
              "x_max": float(m["nodes"][:, 0].max()), "max_index": int(m["cells"][:].max()),
              "radius": float(m.attrs["particle_radius_m"]),
              "T_unit": s(f["fields/T"].attrs["unit"]), "T_long": s(f["fields/T"].attrs["long_name"]),
              "T_min": float(f["fields/T"][:].min()), "T_max": float(f["fields/T"][:].max()),
              "q_unit": s(f["cell_fields/q"].attrs["unit"]), "q_len": len(f["cell_fields/q"]),
              "program": s(f.attrs["program"]),
            }))
            """, paths.Hdf5);
        int npc = order == 1 ? 4 : 10;
        Assert.Equal([mesh.NodeCount, 3], j.GetProperty("nodes").EnumerateArray().Select(e => e.GetInt32()));
        Assert.Equal("float64", j.GetProperty("nodes_dtype").GetString());
        Assert.Equal([mesh.CellCount, npc], j.GetProperty("cells").EnumerateArray().Select(e => e.GetInt32()));
        Assert.Equal("int64", j.GetProperty("cells_dtype").GetString());
        Assert.Equal("int32", j.GetProperty("region_dtype").GetString());
        Assert.Equal([mesh.BoundaryFaceCount, order == 1 ? 3 : 6], j.GetProperty("faces").EnumerateArray().Select(e => e.GetInt32()));
        Assert.Equal([Tags.AirOuter, Tags.SubstrateOuter], j.GetProperty("face_tags").EnumerateArray().Select(e => e.GetInt32()));
        Assert.Equal([Tags.Particle, Tags.Substrate, Tags.Air], j.GetProperty("region_tags").EnumerateArray().Select(e => e.GetInt32()));
        Assert.Equal(A, j.GetProperty("x_max").GetDouble());               // row-major [N, 3]: column 0 is x
        Assert.Equal(mesh.NodeCount - 1, j.GetProperty("max_index").GetInt32()); // zero-based
        Assert.Equal(A / 6, j.GetProperty("radius").GetDouble());
        Assert.Equal("K", j.GetProperty("T_unit").GetString());
        Assert.Equal("temperature", j.GetProperty("T_long").GetString());
        Assert.Equal(300, j.GetProperty("T_min").GetDouble());
        Assert.Equal(310, j.GetProperty("T_max").GetDouble(), 12);
        Assert.Equal("W/m^3", j.GetProperty("q_unit").GetString());
        Assert.Equal(mesh.CellCount, j.GetProperty("q_len").GetInt32());
        Assert.StartsWith("miecool ", j.GetProperty("program").GetString());
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    public void ParaView_reads_the_xdmf_counts_tags_and_integrates_exactly(int order)
    {
        var mesh = TestMeshes.Box(3, A, order);
        var paths = ResultFile.Write(Path.Combine(_dir, "r.h5"), mesh, Fields(mesh));
        var j = ParaView.Probe(paths.Xdmf);
        Assert.Equal(mesh.NodeCount, j.GetProperty("points").GetInt32());
        Assert.Equal(mesh.CellCount, j.GetProperty("cells").GetInt32());
        Assert.Equal(order == 1 ? 10 : 24, j.GetProperty("cell_type").GetInt32()); // VTK_TETRA, VTK_QUADRATIC_TETRA
        Assert.Equal(Tags.Particle, j.GetProperty("region_min").GetDouble());
        Assert.Equal(Tags.Air, j.GetProperty("region_max").GetDouble());
        // Volume and the integral of the linear T are exact: a wrong node order (e.g. gmsh's P2 order passed
        // to VTK unchanged) distorts the quadratic cells and changes both.
        double v = A * A * A;
        Assert.Equal(v, j.GetProperty("volume").GetDouble(), v * 1e-9);
        Assert.Equal(305 * v, j.GetProperty("T_integral").GetDouble(), 305 * v * 1e-9);
        Assert.Equal(v / 27, j.GetProperty("particle_volume").GetDouble(), v * 1e-9);
    }
}
