using System.Runtime.InteropServices;

namespace MieCool.Mesh.Gmsh;

/// <summary>
/// The subset of gmsh 4.8's C API (gmshc.h, GMSH_API_VERSION "4.8.0") that the mesher needs, declared exactly as
/// in the header. Every function reports failure through <c>int* ierr</c>; arrays returned through
/// <c>T** x, size_t* x_n</c> are allocated by gmsh and must be released with <see cref="gmshFree"/>.
/// Only <see cref="GmshSession"/> calls these.
/// </summary>
internal static unsafe partial class GmshNative
{
    const string Lib = "libgmsh.so.4.8";

    [LibraryImport(Lib)] internal static partial void gmshFree(void* p);

    // 4.8 has no `run` argument (added in 4.9).
    [LibraryImport(Lib)] internal static partial void gmshInitialize(int argc, byte** argv, int readConfigFiles, int* ierr);
    [LibraryImport(Lib)] internal static partial void gmshClear(int* ierr);

    [LibraryImport(Lib, StringMarshalling = StringMarshalling.Utf8)]
    internal static partial void gmshOptionSetNumber(string name, double value, int* ierr);
    [LibraryImport(Lib, StringMarshalling = StringMarshalling.Utf8)]
    internal static partial void gmshOptionGetNumber(string name, double* value, int* ierr);
    [LibraryImport(Lib, StringMarshalling = StringMarshalling.Utf8)]
    internal static partial void gmshOptionSetString(string name, string value, int* ierr);
    [LibraryImport(Lib, StringMarshalling = StringMarshalling.Utf8)]
    internal static partial void gmshOptionGetString(string name, byte** value, int* ierr);

    [LibraryImport(Lib, StringMarshalling = StringMarshalling.Utf8)]
    internal static partial void gmshModelAdd(string name, int* ierr);
    [LibraryImport(Lib)] internal static partial void gmshModelRemove(int* ierr);

    [LibraryImport(Lib)]
    internal static partial void gmshModelGetEntities(int** dimTags, nuint* dimTags_n, int dim, int* ierr);
    [LibraryImport(Lib)]
    internal static partial int gmshModelAddPhysicalGroup(int dim, int* tags, nuint tags_n, int tag, int* ierr);
    [LibraryImport(Lib, StringMarshalling = StringMarshalling.Utf8)]
    internal static partial void gmshModelSetPhysicalName(int dim, int tag, string name, int* ierr);
    [LibraryImport(Lib)]
    internal static partial void gmshModelGetBoundary(int* dimTags, nuint dimTags_n, int** outDimTags, nuint* outDimTags_n,
                                                      int combined, int oriented, int recursive, int* ierr);
    [LibraryImport(Lib)]
    internal static partial void gmshModelGetAdjacencies(int dim, int tag, int** upward, nuint* upward_n,
                                                         int** downward, nuint* downward_n, int* ierr);
    [LibraryImport(Lib)]
    internal static partial void gmshModelGetBoundingBox(int dim, int tag, double* xmin, double* ymin, double* zmin,
                                                         double* xmax, double* ymax, double* zmax, int* ierr);

    [LibraryImport(Lib)] internal static partial void gmshModelMeshGenerate(int dim, int* ierr);
    [LibraryImport(Lib)] internal static partial void gmshModelMeshSetOrder(int order, int* ierr);
    [LibraryImport(Lib)]
    internal static partial void gmshModelMeshGetNodes(nuint** nodeTags, nuint* nodeTags_n, double** coord, nuint* coord_n,
                                                       double** parametricCoord, nuint* parametricCoord_n,
                                                       int dim, int tag, int includeBoundary, int returnParametricCoord, int* ierr);
    [LibraryImport(Lib)]
    internal static partial void gmshModelMeshGetElementTypes(int** elementTypes, nuint* elementTypes_n, int dim, int tag, int* ierr);
    [LibraryImport(Lib)]
    internal static partial void gmshModelMeshGetElementsByType(int elementType, nuint** elementTags, nuint* elementTags_n,
                                                                nuint** nodeTags, nuint* nodeTags_n, int tag,
                                                                nuint task, nuint numTasks, int* ierr);

    [LibraryImport(Lib, StringMarshalling = StringMarshalling.Utf8)]
    internal static partial int gmshModelMeshFieldAdd(string fieldType, int tag, int* ierr);
    [LibraryImport(Lib, StringMarshalling = StringMarshalling.Utf8)]
    internal static partial void gmshModelMeshFieldSetNumber(int tag, string option, double value, int* ierr);
    [LibraryImport(Lib, StringMarshalling = StringMarshalling.Utf8)]
    internal static partial void gmshModelMeshFieldSetString(int tag, string option, string value, int* ierr);
    [LibraryImport(Lib)] internal static partial void gmshModelMeshFieldSetAsBackgroundMesh(int tag, int* ierr);

    [LibraryImport(Lib)]
    internal static partial int gmshModelOccAddSphere(double xc, double yc, double zc, double radius, int tag,
                                                      double angle1, double angle2, double angle3, int* ierr);
    [LibraryImport(Lib)]
    internal static partial int gmshModelOccAddBox(double x, double y, double z, double dx, double dy, double dz, int tag, int* ierr);
    [LibraryImport(Lib)]
    internal static partial void gmshModelOccCut(int* objectDimTags, nuint objectDimTags_n, int* toolDimTags, nuint toolDimTags_n,
                                                 int** outDimTags, nuint* outDimTags_n,
                                                 int*** outDimTagsMap, nuint** outDimTagsMap_n, nuint* outDimTagsMap_nn,
                                                 int tag, int removeObject, int removeTool, int* ierr);
    [LibraryImport(Lib)]
    internal static partial void gmshModelOccFragment(int* objectDimTags, nuint objectDimTags_n, int* toolDimTags, nuint toolDimTags_n,
                                                      int** outDimTags, nuint* outDimTags_n,
                                                      int*** outDimTagsMap, nuint** outDimTagsMap_n, nuint* outDimTagsMap_nn,
                                                      int tag, int removeObject, int removeTool, int* ierr);
    [LibraryImport(Lib)]
    internal static partial void gmshModelOccGetMass(int dim, int tag, double* mass, int* ierr);
    [LibraryImport(Lib)] internal static partial void gmshModelOccSynchronize(int* ierr);

    [LibraryImport(Lib)] internal static partial void gmshLoggerStart(int* ierr);
    [LibraryImport(Lib)] internal static partial void gmshLoggerGet(byte*** log, nuint* log_n, int* ierr);
    [LibraryImport(Lib)] internal static partial void gmshLoggerStop(int* ierr);
    [LibraryImport(Lib)] internal static partial void gmshLoggerGetLastError(byte** error, int* ierr);

}
