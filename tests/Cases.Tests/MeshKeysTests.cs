using MieCool.Core;
using MieCool.Mesh;

namespace MieCool.Cases.Tests;

public sealed class MeshKeysTests
{
    static string With(string line, string replacement)
    {
        Assert.Single(CaseFileTests.Full.Split('\n'), l => l == line);
        return CaseFileTests.Full.Replace(line, replacement);
    }

    [Fact]
    public void Threads_and_max_elements_default_to_reproducible_and_the_budget()
    {
        var spec = Case.Parse(CaseFileTests.Full, "case.toml").ToMeshSpec();
        Assert.Equal(1, spec.Threads);
        Assert.True(ParticleMesher.IsReproducible(spec));
        Assert.Equal(MeshBudget.DefaultMaxElements, spec.MaxElements);

        var fast = Case.Parse(With("order = 1", "order = 1\nthreads = 2\nmax_elements = 50_000_000"), "case.toml").ToMeshSpec();
        Assert.Equal(2, fast.Threads);
        Assert.Equal(50_000_000, fast.MaxElements);
    }

    [Fact]
    public void A_mesh_that_cannot_finish_is_refused_when_the_case_is_read_at_the_line_of_its_key()
    {
        var e = Assert.Throws<InputException>(() => Case.Parse(With("h_min = \"12 nm\"", "h_min = \"0.01 nm\""), "case.toml"));
        Assert.Equal("mesh.h_min", e.Key);
        Assert.Equal("case.toml", e.Origin);
        Assert.Equal(CaseFileTests.Full.Split('\n').ToList().FindIndex(l => l.StartsWith("h_min", StringComparison.Ordinal)) + 1,
                     e.Line);
        Assert.Contains("tetrahedra", e.Message);
        Assert.Contains("mesh.max_elements", e.Message);

        // the grading of 1e-4 fills the whole box with elements of ~h_min
        var g = Assert.Throws<InputException>(() => Case.Parse(With("grading = 0.15", "grading = 1e-4"), "case.toml"));
        Assert.Equal("mesh.grading", g.Key);

        // allowed when the case raises the limit far enough
        var big = With("h_min = \"12 nm\"", "h_min = \"2 nm\"");
        Assert.Throws<InputException>(() => Case.Parse(big, "case.toml"));
        Assert.Equal(2e-9, Case.Parse(big.Replace("order = 1", "order = 1\nmax_elements = 100_000_000"), "case.toml").Mesh.HMinM,
                     1e-18);
    }

    /// <summary>
    /// With --coarse a command meshes <see cref="MeshSpec.Coarse"/> (h_min at least R/6) instead of [mesh]: the budget applies
    /// to that. The same case with h_min 0.5 nm is refused as it stands, and read for a coarse run.
    /// </summary>
    [Fact]
    public void The_mesh_budget_applies_to_the_coarse_mesh_when_the_command_meshes_coarse()
    {
        var fine = With("h_min = \"12 nm\"", "h_min = \"0.5 nm\"");
        Assert.Equal("mesh.h_min", Assert.Throws<InputException>(() => Case.Parse(fine, "case.toml")).Key);
        var coarse = Case.Parse(fine, "case.toml", coarse: true);
        Assert.Equal(0.5e-9, coarse.Mesh.HMinM, 1e-18); // the case as written; the command coarsens it
        Assert.Equal(coarse.Particle.RadiusM / 6, coarse.ToMeshSpec().Coarse().HMin, 1e-18);
    }

    [Fact]
    public void A_negative_thread_count_or_a_tiny_limit_is_refused()
    {
        Assert.Equal("mesh.threads", Assert.Throws<InputException>(() =>
            Case.Parse(With("order = 1", "order = 1\nthreads = -1"), "case.toml")).Key);
        Assert.Equal("mesh.max_elements", Assert.Throws<InputException>(() =>
            Case.Parse(With("order = 1", "order = 1\nmax_elements = 10"), "case.toml")).Key);
    }
}
