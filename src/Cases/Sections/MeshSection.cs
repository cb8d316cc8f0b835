using MieCool.Core;
using MieCool.Mesh;

namespace MieCool.Cases;

/// <summary>Mesh resolution settings, SI.</summary>
/// <param name="BoxHalfSize">Half-size L of the cubic domain [-L, L]^3 in particle radii.</param>
/// <param name="HMinM">Element size at the particle, m.</param>
/// <param name="Grading">Growth of the element size with distance d from the particle: h = h_min + grading * d.</param>
/// <param name="Order">Finite-element order: 1 (4-node) or 2 (10-node tetrahedra).</param>
/// <param name="Threads">
/// gmsh's threads: 1 reproducible (Delaunay), more (or 0, every core) faster (HXT); see <see cref="MeshSpec.Threads"/>.
/// </param>
/// <param name="MaxElements">Most tetrahedra allowed (estimated before meshing, <see cref="MeshBudget"/>).</param>
public sealed record MeshSettings(double BoxHalfSize, double HMinM, double Grading, int Order, int Threads = 1,
                                  int MaxElements = MeshBudget.DefaultMaxElements);

/// <summary>[mesh]: domain size and element sizes (all keys have defaults).</summary>
public sealed class MeshSection : CaseSection<MeshSettings>
{
    readonly NumberKey _box, _grading;
    readonly QuantityKey _hMin;
    readonly IntegerKey _order, _threads, _maxElements;

    /// <summary>Declares [mesh]: box_half_size, h_min, grading, order, threads, max_elements, each with a default.</summary>
    public MeshSection() : base("mesh", "Domain size and element sizes of the tetrahedral mesh.", SectionPresence.DefaultsWhenAbsent)
    {
        _box = Declare(new NumberKey("box_half_size",
            "Half-size L of the cubic domain [-L, L]^3, in particle radii (substrate below z = 0, air above).")
            { Range = new Interval(ParticleGeometry.MinBoxHalfSize, 1000), Default = 20 });
        _hMin = Declare(new QuantityKey("h_min", Dimension.Length, "nm", "Element size at the particle (at most the particle radius).")
            { Range = Interval.Positive(10e-6), Default = 12e-9 });
        _grading = Declare(new NumberKey("grading",
            "Growth of the element size with distance d from the particle: h = h_min + grading * d.")
            { Range = new Interval(0, ParticleGeometry.MaxGrading, MinClosed: false), Default = 0.15 });
        _order = Declare(new IntegerKey("order", "Finite-element order: 1 (linear, 4-node) or 2 (quadratic, 10-node tetrahedra).")
            { Min = 1, Max = 2, Default = 1 });
        _threads = Declare(new IntegerKey("threads",
            "Threads for gmsh. 1: reproducible, the bit-identical mesh every run (gmsh's Delaunay 3D mesher). 2 or more, or 0 " +
            "for every core: gmsh's HXT mesher on that many threads, 3-10x faster in 3D, but its meshes differ slightly from " +
            "run to run (about 0.1% of the nodes). `--threads` overrides it.")
            { Min = 0, Max = 1024, Default = 1 });
        _maxElements = Declare(new IntegerKey("max_elements",
            "Most tetrahedra a mesh may have: the count is estimated from h_min, grading and box_half_size before meshing " +
            "(within a factor ~1.5), and a larger mesh is refused with the estimate (tetrahedra, memory) instead of running " +
            "for minutes into tens of GB. Raise it to allow a larger mesh.")
            { Min = 1000, Max = MeshBudget.MaxMaxElements, Default = MeshBudget.DefaultMaxElements });
    }

    /// <summary>
    /// h_min at most the particle radius, then the mesher's own geometry checks (<see cref="ParticleGeometry.Place"/>)
    /// on the particle, contact and mesh together, re-attributed to the case file's lines.
    /// </summary>
    protected override MeshSettings Parse(SectionValues values, CaseContext context)
    {
        double R = context.Get<ParticleSpec>().RadiusM;
        double h = values.Get(_hMin);
        if (h > R)
            throw values.Invalid(_hMin, "elements as large as the particle cannot resolve it",
                            $"an element size up to the particle radius R = {_hMin.Format(R)}");
        var settings = new MeshSettings(values.Get(_box), h, values.Get(_grading), values.Get(_order), values.Get(_threads),
                                        values.Get(_maxElements));

        // the mesher's own checks (e.g. a core tangent to the substrate plane, a mesh too large to finish), so that
        // `miecool check` refuses every case the mesher would refuse, at the offending key's line
        var particle = context.Get<ParticleSpec>();
        var spec = new MeshSpec(R, particle.ShellThicknessM, context.Get<SubstrateSpec>().Contact,
                                settings.BoxHalfSize, settings.HMinM, settings.Grading, settings.Order, settings.Threads,
                                settings.MaxElements);
        if (context.Coarse) spec = spec.Coarse(); // what --coarse meshes instead (a 100 um particle's h_min is replaced)
        try
        {
            ParticleGeometry.Place(spec);
            MeshBudget.Check(spec);
        }
        catch (InputException e) { throw context.Locate(e); }
        return settings;
    }
}
