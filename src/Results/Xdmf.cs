using System.Globalization;
using System.Security;
using System.Text;
using MieCool.Mesh;

namespace MieCool.Results;

/// <summary>
/// The XDMF3 descriptions written beside each result .h5 (read by ParaView's XDMF3 reader): NAME.xdmf (the tetrahedra),
/// NAME_boundary.xdmf (the boundary triangles) and, with particle fields, NAME_particle.xdmf (the particle's sub-grid). They
/// point into the .h5 by bare file name, which XDMF resolves relative to the .xdmf's folder: open them by absolute path.
/// Each file has its topology and geometry once, at the domain level; every grid (every step of a time series) includes them
/// by XPointer, so no step repeats them.
/// </summary>
/// <remarks>
/// What ParaView 5.11 shows was checked with pvbatch (tests/Results.Tests): array names carry their unit ("T [K]"); the
/// region and boundary tags' names are in the tag array's own name ("region (1 particle, 3 substrate, 4 air)"), because the
/// reader shows neither XDMF Sets nor the names of grids in a collection (both come out as unnamed pieces); the coordinates'
/// unit (m) is stated by field data ("particle radius [m]", ...) in the Information panel. Grids of different dimension
/// (tetrahedra, triangles) are separate files, so that ParaView's Integrate Variables never adds an area to a volume.
/// </remarks>
static class Xdmf
{
    /// <summary>One XDMF attribute: the name ParaView shows, its centring, length, type and the .h5 dataset path.</summary>
    sealed record Item(string Name, string Center, int Count, bool IsInt, string Path);

    /// <summary>A constant shown as field data (one value, inline): e.g. the particle radius in metres.</summary>
    sealed record Constant(string Name, double Value);

    /// <summary>One grid: its time (series only) and its attributes.</summary>
    sealed record GridItems(double? Time, IReadOnlyList<Item> Items);

    /// <summary>XDMF Tetrahedron_10 (VTK_QUADRATIC_TETRA) takes gmsh's 10-node order with local nodes 8 and 9 swapped.</summary>
    public static int[] GmshToVtkTet10(int[] cells)
    {
        var r = (int[])cells.Clone();
        for (int o = 0; o < r.Length; o += 10) (r[o + 8], r[o + 9]) = (r[o + 9], r[o + 8]);
        return r;
    }

    /// <summary>The name of the cell-tag array: the tags present and their names, e.g. "region (1 particle, 4 air)".</summary>
    public static string TagArrayName(string what, IEnumerable<int> tags) =>
        $"{what} ({string.Join(", ", tags.Distinct().Order().Select(t => Inv($"{t} {Tags.RegionName(t)}")))})";

    /// <summary>NAME.xdmf: the tetrahedra with their named region tags, the point and cell fields (and a time series).</summary>
    public static string Volume(string h5, TetMesh mesh, IReadOnlyList<ResultField> fields, IReadOnlyList<ResultStep>? series)
    {
        var tags = new Item(TagArrayName("region", mesh.CellRegion), "Cell", mesh.CellCount, true, "/mesh/region");
        return Document(h5, "volume", mesh.NodesPerCell == 10 ? "Tetrahedron_10" : "Tetrahedron", mesh.CellCount,
                        mesh.NodesPerCell, "/mesh/cells", mesh.NodeCount, "/mesh/nodes", Placement(mesh),
                        Steps(mesh, [tags], fields, series, cells: true));
    }

    /// <summary>NAME_boundary.xdmf: the boundary triangles (6-node with P2) with their named tags and the point fields.</summary>
    public static string Boundary(string h5, TetMesh mesh, IReadOnlyList<ResultField> fields, IReadOnlyList<ResultStep>? series)
    {
        var tags = new Item(TagArrayName("boundary", mesh.BoundaryRegion), "Cell", mesh.BoundaryFaceCount, true,
                            "/mesh/boundary_region");
        return Document(h5, "boundary", mesh.NodesPerFace == 6 ? "Triangle_6" : "Triangle", mesh.BoundaryFaceCount,
                        mesh.NodesPerFace, "/mesh/boundary_faces", mesh.NodeCount, "/mesh/nodes", Placement(mesh),
                        Steps(mesh, [tags], fields, series, cells: false));
    }

    /// <summary>NAME_particle.xdmf: the particle's sub-grid (its own nodes) with the point fields defined only there.</summary>
    public static string Particle(string h5, TetMesh mesh, ParticleGrid grid, IReadOnlyList<ResultField> particleFields)
    {
        var items = new List<Item> { new(TagArrayName("region", grid.CellIds.Select(c => mesh.CellRegion[c])), "Cell",
                                         grid.CellCount, true, "/particle/region") };
        items.AddRange(particleFields.Select(f => new Item(f.Shown, "Node", grid.NodeCount, false, "/particle/fields/" + f.Name)));
        return Document(h5, "particle", mesh.NodesPerCell == 10 ? "Tetrahedron_10" : "Tetrahedron", grid.CellCount,
                        mesh.NodesPerCell, "/particle/cells", grid.NodeCount, "/particle/nodes", Placement(mesh),
                        [new GridItems(null, items)]);
    }

    static List<Constant> Placement(TetMesh mesh) => mesh.Particle is { } p
        ? [new("particle radius [m]", p.Radius), new("particle centre z [m]", p.CenterZ), new("contact radius [m]", p.ContactRadius)]
        : [];

    /// <summary>The grids: one without a series, else one per step with the fixed fields and the step's own.</summary>
    static List<GridItems> Steps(TetMesh mesh, List<Item> tags, IReadOnlyList<ResultField> fields, IReadOnlyList<ResultStep>? series,
                                 bool cells)
    {
        List<Item> Of(IEnumerable<ResultField> fs, string prefix) =>
            fs.Where(f => cells || f.Centering == FieldCentering.Node)
              .Where(f => !(f.Name == "region" && f.Centering == FieldCentering.Cell)) // the mesh's own tags are attached
              .Select(f => f.Centering == FieldCentering.Node
                  ? new Item(f.Shown, "Node", mesh.NodeCount, false, $"{prefix}/fields/{f.Name}")
                  : new Item(f.Shown, "Cell", mesh.CellCount, false, $"{prefix}/cell_fields/{f.Name}"))
              .ToList();
        var fixedItems = tags.Concat(Of(fields, "")).ToList();
        if (series is null) return [new GridItems(null, fixedItems)];
        return series.Select((s, k) => new GridItems(s.TimeS,
            [.. fixedItems, .. Of(s.Fields, $"/series/{ResultFile.StepGroup(k)}")])).ToList();
    }

    static string Document(string hdf5FileName, string gridName, string topologyType, int elements, int nodesPerElement,
                           string topologyPath, int nodeCount, string geometryPath, List<Constant> constants, List<GridItems> grids)
    {
        string h5 = SecurityElement.Escape(hdf5FileName);
        var s = new StringBuilder();
        s.AppendLine("<?xml version=\"1.0\" encoding=\"utf-8\"?>");
        s.AppendLine("<Xdmf xmlns:xi=\"http://www.w3.org/2001/XInclude\" Version=\"3.0\">");
        s.AppendLine("  <Domain>");
        s.AppendLine(Inv($"    <Topology TopologyType=\"{topologyType}\" NumberOfElements=\"{elements}\" ")
                     + Inv($"NodesPerElement=\"{nodesPerElement}\">"));
        s.AppendLine(Inv($"      <DataItem Dimensions=\"{elements} {nodesPerElement}\" NumberType=\"Int\" Precision=\"4\" Format=\"HDF\">")
                     + $"{h5}:{topologyPath}</DataItem>");
        s.AppendLine("    </Topology>");
        s.AppendLine("    <Geometry GeometryType=\"XYZ\">");
        s.AppendLine(Inv($"      <DataItem Dimensions=\"{nodeCount} 3\" NumberType=\"Float\" Precision=\"8\" Format=\"HDF\">")
                     + $"{h5}:{geometryPath}</DataItem>");
        s.AppendLine("    </Geometry>");
        bool series = grids.Count > 0 && grids[0].Time is not null;
        string indent = series ? "      " : "    ";
        if (series) s.AppendLine("    <Grid Name=\"series\" GridType=\"Collection\" CollectionType=\"Temporal\">");
        for (int k = 0; k < grids.Count; k++)
        {
            string i = indent;
            string name = series ? $"{gridName} {ResultFile.StepGroup(k)}" : gridName;
            s.AppendLine($"{i}<Grid Name=\"{SecurityElement.Escape(name)}\" GridType=\"Uniform\">");
            if (grids[k].Time is double t) s.AppendLine($"{i}  <Time Value=\"{t.ToString("R", CultureInfo.InvariantCulture)}\"/>");
            s.AppendLine($"{i}  <xi:include xpointer=\"xpointer(/Xdmf/Domain/Topology[1])\"/>");
            s.AppendLine($"{i}  <xi:include xpointer=\"xpointer(/Xdmf/Domain/Geometry[1])\"/>");
            foreach (var c in constants)
            {
                s.AppendLine($"{i}  <Attribute Name=\"{SecurityElement.Escape(c.Name)}\" AttributeType=\"Scalar\" Center=\"Grid\">");
                s.AppendLine(Inv($"{i}    <DataItem Dimensions=\"1\" NumberType=\"Float\" Precision=\"8\" Format=\"XML\">")
                             + c.Value.ToString("R", CultureInfo.InvariantCulture) + "</DataItem>");
                s.AppendLine($"{i}  </Attribute>");
            }
            foreach (var a in grids[k].Items)
            {
                s.AppendLine($"{i}  <Attribute Name=\"{SecurityElement.Escape(a.Name)}\" AttributeType=\"Scalar\" Center=\"{a.Center}\">");
                s.AppendLine(Inv($"{i}    <DataItem Dimensions=\"{a.Count}\" NumberType=\"{(a.IsInt ? "Int" : "Float")}\" ")
                             + Inv($"Precision=\"{(a.IsInt ? 4 : 8)}\" Format=\"HDF\">{h5}:{SecurityElement.Escape(a.Path)}</DataItem>"));
                s.AppendLine($"{i}  </Attribute>");
            }
            s.AppendLine($"{i}</Grid>");
        }
        if (series) s.AppendLine("    </Grid>");
        s.AppendLine("  </Domain>");
        s.AppendLine("</Xdmf>");
        return s.ToString();
    }

    static string Inv(FormattableString f) => f.ToString(CultureInfo.InvariantCulture);
}
