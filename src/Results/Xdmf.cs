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
        string h5 = SecurityElement.Escape(hdf5FileName);
        int n = mesh.NodeCount, m = mesh.CellCount;
        bool quadratic = mesh.NodesPerCell == 10;
        string cells = quadratic ? "/mesh/" + QuadraticCellsDataset : "/mesh/cells";
        var s = new StringBuilder();
        s.AppendLine("<?xml version=\"1.0\" encoding=\"utf-8\"?>");
        s.AppendLine("<Xdmf xmlns:xi=\"http://www.w3.org/2001/XInclude\" Version=\"3.0\">");
        s.AppendLine("  <Domain>");
        s.AppendLine("    <Grid Name=\"mesh\" GridType=\"Uniform\">");
        string topology = quadratic ? "Tetrahedron_10" : "Tetrahedron";
        s.AppendLine(Inv(
            $"      <Topology TopologyType=\"{topology}\" NumberOfElements=\"{m}\" NodesPerElement=\"{mesh.NodesPerCell}\">"));
        s.AppendLine(Inv($"        <DataItem Dimensions=\"{m} {mesh.NodesPerCell}\" NumberType=\"Int\" Precision=\"8\" Format=\"HDF\">")
                     + $"{h5}:{cells}</DataItem>");
        s.AppendLine("      </Topology>");
        s.AppendLine("      <Geometry GeometryType=\"XYZ\">");
        s.AppendLine(Inv(
            $"        <DataItem Dimensions=\"{n} 3\" NumberType=\"Float\" Precision=\"8\" Format=\"HDF\">{h5}:/mesh/nodes</DataItem>"));
        s.AppendLine("      </Geometry>");
        s.AppendLine("      <Attribute Name=\"region\" AttributeType=\"Scalar\" Center=\"Cell\">");
        s.AppendLine(Inv(
            $"        <DataItem Dimensions=\"{m}\" NumberType=\"Int\" Precision=\"4\" Format=\"HDF\">{h5}:/mesh/region</DataItem>"));
        s.AppendLine("      </Attribute>");
        foreach (var f in fields)
        {
            bool node = f.Centering == FieldCentering.Node;
            string name = SecurityElement.Escape(f.Name);
            string shown = name; // units live in the .h5 attributes; plain names keep ParaView's Calculator usable
            if (f.Name == "region" && !node) continue; // the mesh's own region tags are already attached
            s.AppendLine($"      <Attribute Name=\"{shown}\" AttributeType=\"Scalar\" Center=\"{(node ? "Node" : "Cell")}\">");
            s.AppendLine(Inv($"        <DataItem Dimensions=\"{(node ? n : m)}\" NumberType=\"Float\" Precision=\"8\" Format=\"HDF\">")
                         + $"{h5}:/{(node ? "fields" : "cell_fields")}/{name}</DataItem>");
            s.AppendLine("      </Attribute>");
        }
        s.AppendLine("    </Grid>");
        s.AppendLine("  </Domain>");
        s.AppendLine("</Xdmf>");
        return s.ToString();
    }

    static string Inv(FormattableString f) => f.ToString(CultureInfo.InvariantCulture);
}
