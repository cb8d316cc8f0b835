// gmsh's initialisation calls setlocale and setenv, which are not thread-safe against other threads of the process
// that read the locale or the environment (Mesa's EGL, fontconfig and Skia do): running gmsh tests in parallel with
// rendering and plotting tests corrupted the heap ("malloc(): unaligned tcache chunk detected", 2 of ~10 runs).
// The miecool command never overlaps them (it meshes before it renders), and neither do these tests.
[assembly: CollectionBehavior(DisableTestParallelization = true)]
