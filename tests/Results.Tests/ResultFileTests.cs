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

    /// <summary>Point fields on the particle's sub-grid: x (m) at its nodes.</summary>
    static ResultField[] ParticleFields(TetMesh m)
    {
        var grid = ParticleGrid.Of(m);
        return [ResultField.AtNodes("E2", grid.NodeIds.Select(i => m.Nodes[3 * i]).ToArray(), "1", "x as a test field") with
                { Label = "|E|^2/|E0|^2" }];
    }

    static ResultPaths WriteWithParticle(string path, TetMesh mesh) =>
        ResultFile.Write(path, mesh, new ResultContent(Fields(mesh)) { ParticleFields = ParticleFields(mesh), Program = "miecool test" });

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    public void H5py_sees_the_documented_layout_chunked_and_compressed(int order)
    {
        var mesh = TestMeshes.Box(3, A, order);
        var paths = WriteWithParticle(Path.Combine(_dir, "r.h5"), mesh);
        var j = ExternalTools.H5py("""
            import sys, json, h5py, numpy as np
            f = h5py.File(sys.argv[1], "r")
            m = f["mesh"]
            def s(x): return x.decode() if isinstance(x, bytes) else str(x)
            datasets = []
            f.visititems(lambda name, o: datasets.append(o) if isinstance(o, h5py.Dataset) else None)
            print(json.dumps({
              "nodes": list(m["nodes"].shape), "nodes_dtype": str(m["nodes"].dtype),
              "cells": list(m["cells"].shape), "cells_dtype": str(m["cells"].dtype), "node_order": s(m.attrs["node_order"]),
              "cells_0": [int(v) for v in m["cells"][0]],
              "mesh_datasets": sorted(m.keys()),
              "region": list(m["region"].shape), "region_dtype": str(m["region"].dtype),
              "faces": list(m["boundary_faces"].shape), "face_tags": sorted(set(int(t) for t in m["boundary_region"][:])),
              "region_tags": sorted(set(int(t) for t in m["region"][:])),
              "x_max": float(m["nodes"][:, 0].max()), "max_index": int(m["cells"][:].max()),
              "radius": float(m.attrs["particle_radius_m"]),
              "T_unit": s(f["fields/T"].attrs["unit"]), "T_long": s(f["fields/T"].attrs["long_name"]),
              "T_min": float(f["fields/T"][:].min()), "T_max": float(f["fields/T"][:].max()),
              "q_unit": s(f["cell_fields/q"].attrs["unit"]), "q_len": len(f["cell_fields/q"]),
              "particle_nodes": list(f["particle/nodes"].shape), "particle_E2": len(f["particle/fields/E2"]),
              "particle_match": bool(np.array_equal(f["particle/nodes"][:], m["nodes"][:][f["particle/node_ids"][:]])),
              "program": s(f.attrs["program"]), "commit": s(f.attrs["commit"]),
              "unfiltered": [o.name for o in datasets if o.size > 0 and (o.chunks is None or o.compression != "gzip" or not o.shuffle)],
            }))
            """, paths.Hdf5);
        int npc = order == 1 ? 4 : 10;
        Assert.Equal([mesh.NodeCount, 3], j.GetProperty("nodes").EnumerateArray().Select(e => e.GetInt32()));
        Assert.Equal("float64", j.GetProperty("nodes_dtype").GetString());
        Assert.Equal([mesh.CellCount, npc], j.GetProperty("cells").EnumerateArray().Select(e => e.GetInt32()));
        Assert.Equal("int32", j.GetProperty("cells_dtype").GetString());
        Assert.Equal("vtk", j.GetProperty("node_order").GetString());
        // the connectivity once: no second copy in another node order
        Assert.Equal(["boundary_faces", "boundary_region", "cells", "nodes", "region"],
                     j.GetProperty("mesh_datasets").EnumerateArray().Select(e => e.GetString()));
        // VTK order in the file: gmsh's local nodes 8 and 9 swapped on P2
        var first = mesh.Cells.Take(npc).ToArray();
        if (order == 2) (first[8], first[9]) = (first[9], first[8]);
        Assert.Equal(first, j.GetProperty("cells_0").EnumerateArray().Select(e => e.GetInt32()));
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
        var grid = ParticleGrid.Of(mesh);
        Assert.Equal([grid.NodeCount, 3], j.GetProperty("particle_nodes").EnumerateArray().Select(e => e.GetInt32()));
        Assert.Equal(grid.NodeCount, j.GetProperty("particle_E2").GetInt32());
        Assert.True(j.GetProperty("particle_match").GetBoolean());
        Assert.Equal("miecool test", j.GetProperty("program").GetString());
        Assert.Equal(BuildInfo.Commit, j.GetProperty("commit").GetString());
        Assert.Empty(j.GetProperty("unfiltered").EnumerateArray()); // every non-empty dataset chunked, shuffled and deflated
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    public void Compression_reads_back_bit_identical_values_and_shrinks_the_file(int order)
    {
        // smooth fields of many nodes compress; random noise in the low bits must come back bit for bit
        var mesh = TestMeshes.Box(8, A, order);
        var random = new Random(16);
        var noisy = Enumerable.Range(0, mesh.NodeCount).Select(_ => random.NextDouble() * 1e-3 + 300).ToArray();
        var fields = new[] { ResultField.AtNodes("T", noisy, "K", "noise"), Fields(mesh)[1] };
        var paths = ResultFile.Write(Path.Combine(_dir, "c.h5"), mesh, fields);
        var back = ResultFile.Read(paths.Hdf5);
        Assert.Equal(noisy.Select(BitConverter.DoubleToInt64Bits), back.Field("T").Values.Select(BitConverter.DoubleToInt64Bits));
        Assert.Equal(mesh.Nodes.Select(BitConverter.DoubleToInt64Bits), back.Mesh.Nodes.Select(BitConverter.DoubleToInt64Bits));
        Assert.Equal(mesh.Cells, back.Mesh.Cells);
        // raw size: nodes, one noise field, q, region, cells (int32) and faces; the file holds less
        long raw = 8L * (mesh.Nodes.Length + mesh.NodeCount + mesh.CellCount) + 4L * (mesh.CellCount + mesh.Cells.Length)
                   + 4L * (mesh.BoundaryFaces.Length + mesh.BoundaryFaceCount);
        long size = new FileInfo(paths.Hdf5).Length;
        Assert.True(size < 0.8 * raw, $"{size} bytes for {raw} raw");
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    public void ParaView_shows_units_region_names_the_boundary_and_the_particle_grid(int order)
    {
        var mesh = TestMeshes.Box(3, A, order);
        var paths = WriteWithParticle(Path.Combine(_dir, "r.h5"), mesh);
        Assert.Equal(["r.h5", "r.xdmf", "r_boundary.xdmf", "r_particle.xdmf", "view.py"],
                     Directory.GetFiles(_dir).Select(Path.GetFileName).Order(StringComparer.Ordinal));

        var j = ParaView.Probe(paths.Xdmf);
        Assert.Equal(mesh.NodeCount, j.GetProperty("points").GetInt32());
        Assert.Equal(mesh.CellCount, j.GetProperty("cells").GetInt32());
        Assert.Equal(order == 1 ? 10 : 24, j.GetProperty("cell_type").GetInt32()); // VTK_TETRA, VTK_QUADRATIC_TETRA
        Assert.Equal("region (1 particle, 3 substrate, 4 air)", j.GetProperty("tag_array").GetString());
        Assert.Equal(Tags.Particle, j.GetProperty("tag_min").GetDouble());
        Assert.Equal(Tags.Air, j.GetProperty("tag_max").GetDouble());
        Assert.Equal(["T [K]"], j.GetProperty("point_arrays").EnumerateArray().Select(e => e.GetString()));
        Assert.Contains("q [W/m^3]", j.GetProperty("cell_arrays").EnumerateArray().Select(e => e.GetString()));
        // the coordinates' unit, in the Information panel: the particle radius in metres
        Assert.Equal(A / 6, j.GetProperty("field_values").GetProperty("particle radius [m]").GetDouble());
        // Volume and the integral of the linear T are exact: a wrong node order (e.g. gmsh's P2 order passed
        // to VTK unchanged) distorts the quadratic cells and changes both.
        double v = A * A * A;
        Assert.Equal(v, j.GetProperty("volume").GetDouble(), v * 1e-9);
        Assert.Equal(305 * v, j.GetProperty("T_integral").GetDouble(), 305 * v * 1e-9);
        Assert.Equal(v / 27, j.GetProperty("particle_volume").GetDouble(), v * 1e-9);

        // the boundary: triangles (6-node on P2) with their named tags, T beside them, area but no volume
        var b = ParaView.Probe(paths.BoundaryXdmf);
        Assert.Equal(mesh.BoundaryFaceCount, b.GetProperty("cells").GetInt32());
        Assert.Equal(order == 1 ? 5 : 22, b.GetProperty("cell_type").GetInt32()); // VTK_TRIANGLE, VTK_QUADRATIC_TRIANGLE
        Assert.Equal("boundary (12 air_outer, 13 substrate_outer)", b.GetProperty("tag_array").GetString());
        Assert.Contains("T [K]", b.GetProperty("point_arrays").EnumerateArray().Select(e => e.GetString()));
        Assert.Equal(0, b.GetProperty("volume").GetDouble());

        // the particle's sub-grid: only its cells, E2 as point data (here x), its volume the particle's
        var p = ParaView.Probe(paths.ParticleXdmf);
        var grid = ParticleGrid.Of(mesh);
        Assert.Equal((grid.NodeCount, grid.CellCount), (p.GetProperty("points").GetInt32(), p.GetProperty("cells").GetInt32()));
        Assert.Equal(["|E|^2/|E0|^2 [1]"], p.GetProperty("point_arrays").EnumerateArray().Select(e => e.GetString()));
        Assert.Equal("region (1 particle)", p.GetProperty("tag_array").GetString());
        Assert.Equal(v / 27, p.GetProperty("volume").GetDouble(), v * 1e-9);

        var back = ResultFile.Read(paths.ParticleXdmf); // any of the .xdmf names the .h5
        Assert.Equal(ParticleFields(mesh)[0].Values, back.ParticleFields.Single().Values);
        Assert.Equal(grid.Cells, back.Particle!.Cells);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    public void View_script_renders_a_slice_of_T_with_the_unit_on_the_colour_bar(int order)
    {
        // the box [0, a]^3 moved to y in [-a/2, a/2], so that the plane y = 0 cuts it (as it cuts a particle on the z axis)
        var box = TestMeshes.Box(3, A, order);
        var mesh = new TetMesh
        {
            Nodes = box.Nodes.Select((v, i) => i % 3 == 1 ? v - A / 2 : v).ToArray(), Cells = box.Cells,
            NodesPerCell = box.NodesPerCell, CellRegion = box.CellRegion, BoundaryFaces = box.BoundaryFaces,
            BoundaryRegion = box.BoundaryRegion, Particle = box.Particle,
        };
        var paths = WriteWithParticle(Path.Combine(_dir, "r.h5"), mesh);
        string png = Path.Combine(_dir, "slice.png");
        var j = ParaView.RunViewScript(paths.ViewScript, png);
        Assert.Equal("T [K]", j.GetProperty("colour_array").GetString());
        Assert.Equal("T [K]", j.GetProperty("title").GetString());
        Assert.True(j.GetProperty("bar_visible").GetBoolean());
        Assert.True(j.GetProperty("slice_points").GetInt32() > 0);
        Assert.Equal(["r.xdmf", "r_boundary.xdmf", "r_particle.xdmf", "slice y = 0 through the particle"],
                     j.GetProperty("sources").EnumerateArray().Select(e => e.GetString()));
        // the screenshot: 1200 x 900, with colour (the map's blue and red ends), not only the background
        Assert.Equal([1200, 900], j.GetProperty("png_size").EnumerateArray().Select(e => e.GetInt32()));
        Assert.True(j.GetProperty("png_coloured").GetInt32() > 10_000, j.GetProperty("png_coloured").ToString());
    }

    [Theory]
    [InlineData("0.1.0+787270d36a248f5d16773f30d92efb35b4ced5f5", "787270d36a248f5d16773f30d92efb35b4ced5f5")]
    [InlineData("0.1.0", "unknown")]      // built outside git (a tarball): no source revision
    [InlineData("0.1.0+local", "unknown")]
    public void The_commit_comes_from_the_informational_version_or_is_unknown(string informational, string commit) =>
        Assert.Equal(commit, BuildInfo.CommitOf(informational));

    [Fact]
    public void This_build_records_its_git_commit()
    {
        // the tests run from a git checkout (a fresh clone): the SDK embeds the commit it was built at, a commit of this
        // repository (HEAD at build time; a later commit without a rebuild keeps the older one)
        Assert.Matches("^[0-9a-f]{40}$", BuildInfo.Commit);
        var git = ExternalTools.Run("git", ["-C", AppContext.BaseDirectory, "cat-file", "-t", BuildInfo.Commit], TimeSpan.FromSeconds(30));
        Assert.Equal((0, "commit"), (git.Code, git.Out.Trim()));
    }
}
