using MieCool.Mesh;
using MieCool.Viewer.Gl;
using MieCool.Viewer.Rendering;
using MieCool.Viewer.Scene;

namespace MieCool.Viewer.Tests;

/// <summary>The viewer on a real gmsh mesh (ParticleMesher) of a flattened 530 nm sphere on glass, quadratic cells.</summary>
public sealed class GmshMeshRenderTests
{
    const double R = 265e-9;

    static ResultData Particle()
    {
        var spec = new MeshSpec(R, 0, new ContactSpec(ContactKind.Flattening, 20e-9),
            BoxHalfSize: 8, HMin: 45e-9, Grading: 0.5, Order: 2, Threads: 2);
        var mesh = ParticleMesher.Generate(spec).Mesh;
        var c = mesh.Particle!;
        // dT of a uniformly heated sphere (see SyntheticResult), about the particle centre; |E|^2 only in the particle.
        var dT = new double[mesh.NodeCount];
        for (int i = 0; i < mesh.NodeCount; i++)
        {
            double x = mesh.Nodes[3 * i], y = mesh.Nodes[3 * i + 1], z = mesh.Nodes[3 * i + 2] - c.CenterZ;
            dT[i] = SyntheticResult.DeltaT(Math.Sqrt(x * x + y * y + z * z), R, -2);
        }
        return new ResultData(mesh, [new Field("dT", FieldLocation.Point, dT, "K", "temperature change")], "gmsh particle");
    }

    [Fact]
    public void Cut_through_a_gmsh_particle_shows_its_regions_and_field()
    {
        var data = Particle();
        Assert.Equal(10, data.Mesh.NodesPerCell);
        using var gl = new EglContext();
        const int W = 600, H = 400;
        double s = H / 2.0 / (2.5 * R); // pixels per metre with the default camera (±2.5 R vertically)
        (int, int) Pixel(double x, double dz) => ((int)(W / 2.0 + x * s), (int)(H / 2.0 - dz * s));
        using (var r = new SceneRenderer(gl.Gl, data, ClipPlane.Parse("y=0"), "region") { CheckErrors = true })
        {
            var img = r.RenderImage(W, H);
            img.SavePng(Path.Combine(Path.GetTempPath(), "miecool-viewer-gmsh-region.png"));
            var particle = r.ColorScale.ColorOf(Tags.Particle);
            var air = r.ColorScale.ColorOf(Tags.Air);
            var glass = r.ColorScale.ColorOf(Tags.Substrate);
            foreach (var (x, dz, want, what) in new[]
            {
                (0.0, 0.0, particle, "particle centre"), (0.8 * R, 0.3 * R, particle, "inside the particle"),
                (1.15 * R, 0.0, air, "air beside the particle"), (-1.5 * R, -1.5 * R, glass, "glass below"),
            })
            {
                var (px, py) = Pixel(x, dz);
                var got = img[px, py];
                Assert.True(Math.Abs(got.R - want.R) <= 2 && Math.Abs(got.G - want.G) <= 2 && Math.Abs(got.B - want.B) <= 2,
                    $"{what}: expected {want}, got #{got.R:X2}{got.G:X2}{got.B:X2}");
            }

            // Hide the air and look from above: the particle's surface and the glass top appear, lit.
            r.HiddenRegions.Add(Tags.Air);
            r.Camera.Orbit(-80, 35);
            r.RenderImage(W, H).SavePng(Path.Combine(Path.GetTempPath(), "miecool-viewer-gmsh-3d.png"));
        }
        using (var r = new SceneRenderer(gl.Gl, data, ClipPlane.Parse("y=0"), "dT") { CheckErrors = true })
        {
            var img = r.RenderImage(W, H);
            img.SavePng(Path.Combine(Path.GetTempPath(), "miecool-viewer-gmsh-dT.png"));
            var (cx, cy) = Pixel(0, 0);
            var centre = img[cx, cy];
            var low = r.ColorScale.Map.Low; // the centre is the coldest point: -3 K, the scale's low end
            Assert.True(Math.Abs(centre.R - low.R) <= 4 && Math.Abs(centre.G - low.G) <= 4 && Math.Abs(centre.B - low.B) <= 4,
                $"centre: expected {low}, got #{centre.R:X2}{centre.G:X2}{centre.B:X2}");
        }
        gl.ReleaseCurrent();
    }
}
