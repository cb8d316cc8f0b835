using MieCool.Core;

namespace MieCool.Mesh.Tests;

[Collection("meshes")]
public sealed class MeshBudgetTests(Meshes meshes)
{
    const double R = Meshes.R;
    static readonly MeshSpec Headline = new(R, 0, new ContactSpec(ContactKind.Radius, 50e-9), 20, 25e-9, 0.25, 2, 1);

    [Theory]
    [InlineData("disc50")]
    [InlineData("disc2")]
    [InlineData("half")]
    [InlineData("full")]
    [InlineData("shellDisc")]
    [InlineData("disc50_h60")]
    [InlineData("disc50_p2")]
    public void The_estimate_is_within_a_factor_two_of_gmshs_count_with_HXT(string name)
    {
        var estimate = MeshBudget.Estimate(Meshes.Specs[name]);
        var report = meshes.Get(name).Report;
        double ratio = report.CellCount / estimate.Tetrahedra;
        Assert.InRange(ratio, 0.5, 2);
        Assert.InRange(report.NodeCount / estimate.Nodes, 0.5, 2);
    }

    [Theory]
    // h_min nm, grading, box R, contact radius nm: the default-like spread of the reproducible (Delaunay) mesher, small
    [InlineData(60, 0.3, 5, 50)]
    [InlineData(45, 0.5, 20, 50)]
    [InlineData(40, 0.3, 5, 3)]
    public void The_estimate_is_within_a_factor_two_of_gmshs_count_with_Delaunay(double hNm, double grading, double box, double aNm)
    {
        var spec = new MeshSpec(R, 0, new ContactSpec(ContactKind.Radius, aNm * 1e-9), box, hNm * 1e-9, grading, 1, 1);
        var estimate = MeshBudget.Estimate(spec);
        var report = ParticleMesher.Generate(spec).Report;
        Assert.InRange(report.CellCount / estimate.Tetrahedra, 0.5, 2);
    }

    public static TheoryData<string, MeshSpec> Hopeless => new()
    {
        { "mesh.h_min", Headline with { HMin = 0.01e-9 } },       // 1e14 tetrahedra in the particle
        { "mesh.grading", Headline with { Grading = 1e-4 } },     // the whole box at ~h_min
        { "mesh.grading", Headline with { BoxHalfSize = 1000, Grading = 0.003 } },
    };

    [Theory]
    [MemberData(nameof(Hopeless))]
    public void A_mesh_that_cannot_finish_is_refused_before_gmsh_with_the_estimate_and_what_would_fit(string key, MeshSpec spec)
    {
        var clock = System.Diagnostics.Stopwatch.StartNew();
        var e = Assert.Throws<InputException>(() => ParticleMesher.Generate(spec));
        Assert.True(clock.Elapsed.TotalSeconds < 5, $"{clock.Elapsed.TotalSeconds:F1} s: gmsh ran");
        Assert.Equal(key, e.Key);
        Assert.Contains("tetrahedra", e.Message);
        Assert.Contains("of memory", e.Message);
        Assert.Contains("mesh.max_elements", e.Message);
        Assert.Contains("raise mesh.max_elements", e.Valid);
        Assert.Single(e.Message.Split('\n'));
        Assert.True(MeshBudget.Estimate(spec).Tetrahedra > spec.MaxElements);
    }

    [Fact]
    public void The_value_the_refusal_suggests_fits_and_a_raised_limit_allows_the_mesh()
    {
        var spec = Headline with { HMin = 2e-9 }; // ~1e8 tetrahedra
        var e = Assert.Throws<InputException>(() => MeshBudget.Check(spec));
        Assert.Equal("mesh.h_min", e.Key);
        // "mesh.h_min >= 3.4 nm with the other keys as they are; or raise ..."
        var hint = e.Valid!.Split(">= ")[1].Split(" nm")[0];
        double h = double.Parse(hint, System.Globalization.CultureInfo.InvariantCulture) * 1e-9;
        Assert.True(MeshBudget.Estimate(spec with { HMin = h }).Tetrahedra <= spec.MaxElements);
        Assert.True(MeshBudget.Estimate(spec with { HMin = 0.9 * h }).Tetrahedra > spec.MaxElements);
        var allowed = spec with { MaxElements = MeshBudget.MaxMaxElements };
        Assert.True(MeshBudget.Check(allowed).Tetrahedra > spec.MaxElements);
    }

    [Fact]
    public void The_default_cases_fit_well_within_the_default_limit()
    {
        Assert.True(MeshBudget.Check(Headline).Tetrahedra < 1e6);
        Assert.True(MeshBudget.Check(new MeshSpec(R, 0, new ContactSpec(ContactKind.Radius, 50e-9))).Tetrahedra < 1e7);
    }

    [Theory]
    [InlineData(0.5)]
    [InlineData(1.0)]
    [InlineData(1.2)]
    [InlineData(1.4)]
    public void The_area_of_a_sphere_inside_a_cube_is_exact_below_the_edges(double rOverL)
    {
        const double L = 2;
        double r = rOverL * L;
        // Below L the whole sphere; up to sqrt(2) L six caps of height r - L poke out, each of area 2 pi r (r - L).
        double exact = 4 * Math.PI * r * r - (r > L ? 6 * 2 * Math.PI * r * (r - L) : 0);
        Assert.Equal(exact, MeshBudget.BoxSphereArea(r, L), 2e-3 * exact);
    }

    [Fact]
    public void The_area_inside_the_cube_falls_to_zero_at_its_corners_and_its_integral_is_the_cube()
    {
        const double L = 1;
        Assert.Equal(0, MeshBudget.BoxSphereArea(Math.Sqrt(3) * L, L));
        Assert.True(MeshBudget.BoxSphereArea(1.7 * L, L) > 0);
        // integral of A(r) dr over [0, sqrt(3) L] is the cube's volume 8 L^3
        int n = 2000;
        double h = Math.Sqrt(3) * L / n, v = 0;
        for (int i = 0; i < n; i++) v += MeshBudget.BoxSphereArea((i + 0.5) * h, L) * h;
        Assert.Equal(8, v, 8e-3);
    }
}
