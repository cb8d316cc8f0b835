using MieCool.Mesh.Gmsh;

namespace MieCool.Mesh.Tests;

[Collection("meshes")] // gmsh is process-global: keep these beside the meshing tests, not concurrent with them
public sealed class GmshSessionTests
{
    [Fact]
    public void A_failing_gmsh_call_throws_with_gmshs_own_message()
    {
        using var g = new GmshSession();
        var e = Assert.Throws<GmshException>(() => g.SetNumber("Mesh.NoSuchOption", 1));
        Assert.Contains("NoSuchOption", e.GmshMessage);
        Assert.Contains("NoSuchOption", e.Message);
        // The session stays usable after an error.
        g.SetNumber("Mesh.Algorithm3D", 10);
        Assert.Equal(10, g.GetNumber("Mesh.Algorithm3D"));
    }

    [Fact]
    public void Sessions_can_follow_each_other_and_a_nested_one_is_refused()
    {
        for (int i = 0; i < 2; i++)
        {
            using var g = new GmshSession();
            Assert.Throws<InvalidOperationException>(() => new GmshSession());
            g.AddModel("m" + i);
            int box = g.OccAddBox(0, 0, 0, 1, 2, 3);
            g.OccSynchronize();
            Assert.Equal(6, g.OccGetMass(3, box), 1e-9);
            Assert.Equal(6, g.GetBoundary([new DimTag(3, box)]).Length);
        }
    }

    [Fact]
    public void Gmsh_messages_reach_the_progress_sink()
    {
        var lines = new List<string>();
        using (var g = new GmshSession(new Sink(lines)))
        {
            g.AddModel("cube");
            g.OccAddBox(0, 0, 0, 1, 1, 1);
            g.OccSynchronize();
            g.SetNumber("Mesh.CharacteristicLengthMax", 0.5);
            g.Generate(3);
            var (tags, xyz) = g.GetNodes();
            Assert.Equal(3 * tags.Length, xyz.Length);
            Assert.Contains(4, g.GetElementTypes(3));
        }
        Assert.Contains(lines, l => l.Contains("Meshing 3D", StringComparison.Ordinal));
    }

    [Fact]
    public void An_error_gmsh_only_logs_fails_the_call_with_gmshs_text()
    {
        // With General.AbortOnError = 1 gmsh logs "No elements in volume 1" and returns without an error code.
        using var g = new GmshSession();
        Assert.Equal(1, g.GetNumber("General.AbortOnError"));
        g.AddModel("cube");
        g.OccAddBox(0, 0, 0, 1, 1, 1);
        g.OccSynchronize();
        g.SetNumber("Mesh.CharacteristicLengthMax", 0.5);
        g.SetNumber("Mesh.Algorithm3D", 5); // not a 3D algorithm of gmsh 4.8: the volume stays empty
        var e = Assert.Throws<GmshException>(() => g.Generate(3));
        Assert.Contains("No elements in volume 1", e.GmshMessage);
        Assert.Contains(g.Errors, l => l.Contains("No elements in volume 1", StringComparison.Ordinal));
        // Reported once: the next call succeeds.
        g.SetNumber("Mesh.Algorithm3D", 10);
    }

    [Fact]
    public void A_disposed_session_refuses_calls()
    {
        var g = new GmshSession();
        g.Dispose();
        Assert.Throws<ObjectDisposedException>(() => g.SetNumber("General.Verbosity", 1));
    }

    sealed class Sink(List<string> lines) : IProgress<string>
    {
        public void Report(string value) => lines.Add(value);
    }
}
