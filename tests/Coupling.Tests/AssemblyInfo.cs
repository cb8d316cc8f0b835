// gmsh's initialisation calls setlocale and setenv; the meshing tests run one at a time (docs/known-issues.md).
[assembly: CollectionBehavior(DisableTestParallelization = true)]
