using System.Globalization;
using System.Security;
using System.Text;
using MieCool.Mesh;

namespace MieCool.Results;

/// <summary>
/// The XDMF3 description written beside each result .h5 (read by ParaView's XDMF3 reader). It points into the
/// .h5 by bare file name, which XDMF resolves relative to the .xdmf's folder: open the .xdmf by absolute path.
/// </summary>
static class Xdmf
{
    /// <summary>
    /// Quadratic cells in VTK/XDMF node order (XDMF's Tetrahedron_10 is VTK_QUADRATIC_TETRA), written only for
    /// order-2 meshes. gmsh orders the last two edge nodes (3,2), (3,1); VTK orders them (1,3), (2,3).
    /// </summary>
    public const string QuadraticCellsDataset = "cells_vtk_order";

    /// <summary>gmsh 10-node tetrahedra (see <see cref="TetMesh.P2EdgeOrder"/>) to VTK order: swap local nodes 8 and 9.</summary>
    public static int[] GmshToVtkTet10(int[] cells)
    {
        var r = (int[])cells.Clone();
        for (int o = 0; o < r.Length; o += 10) (r[o + 8], r[o + 9]) = (r[o + 9], r[o + 8]);
        return r;
    }

    /// <summary>
    /// The XDMF3 text for a result: one uniform grid of the mesh's tetrahedra (linear, or quadratic in VTK order), its
    /// node coordinates, the cells' region tags and one scalar attribute per field, each pointing into the .h5 by path.
    /// </summary>
    /// <param name="hdf5FileName">Bare file name of the .h5 (no folder), as XDMF resolves it beside the .xdmf.</param>
    /// <param name="mesh">The mesh written to the .h5; its node and cell counts size the data items.</param>
    /// <param name="fields">The fields written to the .h5; a cell field named "region" is skipped (the mesh's own).</param>
    public static string Describe(string hdf5FileName, TetMesh mesh, IReadOnlyList<ResultField> fields)
    {
        var s = new StringBuilder();
        Header(s);
        Grid(s, "mesh", hdf5FileName, mesh, fields.Select(f => (f, "")), null, "    ");
        Footer(s);
        return s.ToString();
    }

    /// <summary>
    /// XDMF3 of a time series
    /// (<see cref="ResultFile.Write(string, TetMesh, IEnumerable{ResultField}?, string?, IReadOnlyList{ResultStep}?)"/>):
    /// a temporal collection of one grid per step, each with its Time, the shared mesh, the fixed <paramref name="fields"/>
    /// and the step's own fields from /series/step_NNNNN.
    /// </summary>
    public static string DescribeSeries(string hdf5FileName, TetMesh mesh, IReadOnlyList<ResultField> fields,
                                        IReadOnlyList<ResultStep> series)
    {
        var s = new StringBuilder();
        Header(s);
        s.AppendLine("    <Grid Name=\"series\" GridType=\"Collection\" CollectionType=\"Temporal\">");
        for (int k = 0; k < series.Count; k++)
            Grid(s, ResultFile.StepGroup(k), hdf5FileName, mesh,
                 fields.Select(f => (f, "")).Concat(series[k].Fields.Select(f => (f, $"/series/{ResultFile.StepGroup(k)}"))),
                 series[k].TimeS, "      ");
        s.AppendLine("    </Grid>");
        Footer(s);
        return s.ToString();
    }

    static void Header(StringBuilder s)
    {
        s.AppendLine("<?xml version=\"1.0\" encoding=\"utf-8\"?>");
        s.AppendLine("<Xdmf xmlns:xi=\"http://www.w3.org/2001/XInclude\" Version=\"3.0\">");
        s.AppendLine("  <Domain>");
    }

    static void Footer(StringBuilder s)
    {
        s.AppendLine("  </Domain>");
        s.AppendLine("</Xdmf>");
    }

    /// <summary>One uniform grid: topology, geometry, region tags and the fields (each under its group prefix).</summary>
    static void Grid(StringBuilder s, string gridName, string hdf5FileName, TetMesh mesh,
                     IEnumerable<(ResultField Field, string Prefix)> fields, double? time, string indent)
    {
        string h5 = SecurityElement.Escape(hdf5FileName);
        int n = mesh.NodeCount, m = mesh.CellCount;
        bool quadratic = mesh.NodesPerCell == 10;
        string cells = quadratic ? "/mesh/" + QuadraticCellsDataset : "/mesh/cells";
        string i = indent;
        s.AppendLine($"{i}<Grid Name=\"{SecurityElement.Escape(gridName)}\" GridType=\"Uniform\">");
        if (time is double t) s.AppendLine($"{i}  <Time Value=\"{t.ToString("R", CultureInfo.InvariantCulture)}\"/>");
        string topology = quadratic ? "Tetrahedron_10" : "Tetrahedron";
        s.AppendLine(Inv(
            $"{i}  <Topology TopologyType=\"{topology}\" NumberOfElements=\"{m}\" NodesPerElement=\"{mesh.NodesPerCell}\">"));
        s.AppendLine(Inv($"{i}    <DataItem Dimensions=\"{m} {mesh.NodesPerCell}\" NumberType=\"Int\" Precision=\"8\" Format=\"HDF\">")
                     + $"{h5}:{cells}</DataItem>");
        s.AppendLine($"{i}  </Topology>");
        s.AppendLine($"{i}  <Geometry GeometryType=\"XYZ\">");
        s.AppendLine(Inv(
            $"{i}    <DataItem Dimensions=\"{n} 3\" NumberType=\"Float\" Precision=\"8\" Format=\"HDF\">{h5}:/mesh/nodes</DataItem>"));
        s.AppendLine($"{i}  </Geometry>");
        s.AppendLine($"{i}  <Attribute Name=\"region\" AttributeType=\"Scalar\" Center=\"Cell\">");
        s.AppendLine(Inv(
            $"{i}    <DataItem Dimensions=\"{m}\" NumberType=\"Int\" Precision=\"4\" Format=\"HDF\">{h5}:/mesh/region</DataItem>"));
        s.AppendLine($"{i}  </Attribute>");
        foreach (var (f, prefix) in fields)
        {
            bool node = f.Centering == FieldCentering.Node;
            string name = SecurityElement.Escape(f.Name);
            string shown = name; // units live in the .h5 attributes; plain names keep ParaView's Calculator usable
            if (f.Name == "region" && !node) continue; // the mesh's own region tags are already attached
            s.AppendLine($"{i}  <Attribute Name=\"{shown}\" AttributeType=\"Scalar\" Center=\"{(node ? "Node" : "Cell")}\">");
            s.AppendLine(Inv($"{i}    <DataItem Dimensions=\"{(node ? n : m)}\" NumberType=\"Float\" Precision=\"8\" Format=\"HDF\">")
                         + $"{h5}:{prefix}/{(node ? "fields" : "cell_fields")}/{name}</DataItem>");
            s.AppendLine($"{i}  </Attribute>");
        }
        s.AppendLine($"{i}</Grid>");
    }

    static string Inv(FormattableString f) => f.ToString(CultureInfo.InvariantCulture);
}
