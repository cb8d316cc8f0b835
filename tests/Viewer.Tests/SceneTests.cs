using FsCheck;
using FsCheck.Fluent;
using MieCool.Core;
using MieCool.Mesh;
using MieCool.Viewer.Scene;

namespace MieCool.Viewer.Tests;

public sealed class SurfaceExtractionTests
{
    /// <summary>Reference: every face keyed by its sorted triple in a dictionary, counted.</summary>
    static HashSet<(int, int, int, int, int)> Naive(TetMesh m)
    {
        var use = new Dictionary<(int, int, int), List<int>>();
        int[][] local = [[1, 2, 3], [0, 3, 2], [0, 1, 3], [0, 2, 1]];
        for (int c = 0; c < m.CellCount; c++)
            foreach (var f in local)
            {
                var v = f.Select(k => m.Cells[c * m.NodesPerCell + k]).Order().ToArray();
                var key = (v[0], v[1], v[2]);
                if (!use.TryGetValue(key, out var l)) use[key] = l = [];
                l.Add(c);
            }
        var result = new HashSet<(int, int, int, int, int)>();
        foreach (var (k, cells) in use)
        {
            if (cells.Count == 1) result.Add((k.Item1, k.Item2, k.Item3, cells[0], -1));
            else if (m.CellRegion[cells[0]] != m.CellRegion[cells[1]])
                result.Add((k.Item1, k.Item2, k.Item3, Math.Min(cells[0], cells[1]), Math.Max(cells[0], cells[1])));
        }
        return result;
    }

    static HashSet<(int, int, int, int, int)> AsSet(SurfaceFaces f) =>
        Enumerable.Range(0, f.Count).Select(i =>
        {
            var v = f.Nodes.AsSpan(3 * i, 3).ToArray().Order().ToArray();
            int a = f.CellA[i], b = f.CellB[i];
            return b < 0 ? (v[0], v[1], v[2], a, -1) : (v[0], v[1], v[2], Math.Min(a, b), Math.Max(a, b));
        }).ToHashSet();

    [Fact]
    public void Box_boundary_has_two_triangles_per_square_of_each_side()
    {
        int n = 6;
        var faces = SurfaceExtraction.Extract(SyntheticResult.Build(n).Mesh);
        Assert.Equal(6 * 2 * n * n, faces.BoundaryCount);
    }

    [Fact]
    public void Matches_a_dictionary_of_sorted_vertex_triples()
    {
        var m = SyntheticResult.Build(7).Mesh;
        var faces = SurfaceExtraction.Extract(m);
        Assert.Equal(faces.Count, AsSet(faces).Count); // no face twice
        Assert.Equal(Naive(m), AsSet(faces));
    }

    [Fact]
    public void Finds_every_interface_for_random_regions_and_node_numbering()
    {
        Prop.ForAll(Gen.Choose(0, int.MaxValue).ToArbitrary(), seed =>
        {
            var rng = new Random(seed);
            var m0 = SyntheticResult.Build(3).Mesh;
            var perm = Enumerable.Range(0, m0.NodeCount).OrderBy(_ => rng.Next()).ToArray();
            var m = new TetMesh
            {
                Nodes = m0.Nodes, NodesPerCell = 4, BoundaryFaces = [], BoundaryRegion = [],
                Cells = m0.Cells.Select(i => perm[i]).ToArray(),
                CellRegion = m0.CellRegion.Select(_ => rng.Next(1, 4)).ToArray(),
            };
            return Naive(m).SetEquals(AsSet(SurfaceExtraction.Extract(m)));
        }).QuickCheckThrowOnFailure();
    }
}

public sealed class ColorMapTests
{
    static double L(Rgb c) => ColorMap.ToLab(c).L;

    [Fact]
    public void Viridis_runs_from_dark_purple_to_yellow_with_rising_lightness()
    {
        var v = ColorMap.Viridis;
        Assert.Equal(Rgb.FromHex("#440154"), v.Low);
        Assert.Equal(Rgb.FromHex("#FDE725"), v.High);
        // Perceptually ordered: CIELAB lightness rises monotonically along the map.
        for (int i = 1; i < ColorMap.Size; i++) Assert.True(L(v[i]) > L(v[i - 1]) - 0.3, $"lightness falls at entry {i}");
        Assert.True(L(v.High) - L(v.Low) > 60);
    }

    [Fact]
    public void Cool_warm_is_lightest_in_the_middle_and_symmetric_in_lightness()
    {
        var m = ColorMap.CoolWarm;
        Assert.Equal(new Rgb(59, 76, 192), m.Low);
        Assert.Equal(new Rgb(180, 4, 38), m.High);
        int mid = ColorMap.Size / 2;
        for (int i = 0; i < mid - 1; i++) Assert.True(L(m[i + 1]) >= L(m[i]) - 0.3);
        for (int i = mid; i < ColorMap.Size - 1; i++) Assert.True(L(m[i + 1]) <= L(m[i]) + 0.3);
        Assert.Equal(L(m.Low), L(m.High), 3.0);
    }

    [Fact]
    public void Only_a_two_signed_change_is_centred_on_zero_and_temperature_spans_its_range()
    {
        var data = SyntheticResult.Build(4);
        var cooling = ColorScale.For(data.Find("dT")!); // dT <= 0 everywhere: one-signed, its own range
        Assert.Same(ColorMap.Viridis, cooling.Map);
        Assert.Equal(data.Find("dT")!.Values.Min(), cooling.Min);
        Assert.Equal(data.Find("dT")!.Values.Max(), cooling.Max);
        var both = ColorScale.For(new Field("dT", FieldLocation.Point, [-1, 0.5, 2], "K", "change"));
        Assert.Same(ColorMap.CoolWarm, both.Map);
        Assert.Equal(0.5, both.T(0));
        Assert.Equal(-2, both.Min);
        // round-off of the other sign (1e-6 of the range) does not make a change two-signed
        Assert.Same(ColorMap.Viridis, ColorScale.For(new Field("dT", FieldLocation.Point, [-1, 1e-6], "K", "change")).Map);
        var T = ColorScale.For(data.Find("T")!);
        Assert.Same(ColorMap.Viridis, T.Map);
        Assert.Equal(data.Find("T")!.Values.Min(), T.Min);
        var region = ColorScale.For(data.Find("region")!);
        Assert.True(region.Map.Discrete);
        Assert.NotEqual(region.ColorOf(Tags.Particle), region.ColorOf(Tags.Air));
    }
}

public sealed class ClipPlaneTests
{
    [Theory]
    [InlineData("y=0", 1, 0.0, 1)]
    [InlineData("z=265nm", 2, 265e-9, 1)]
    [InlineData("-x=1um", 0, 1e-6, -1)]
    [InlineData(" Y = 0 ", 1, 0.0, 1)]
    public void Parses(string text, int axis, double offset, int sign)
    {
        var c = ClipPlane.Parse(text)!;
        Assert.Equal((axis, sign), (c.Axis, c.Sign));
        Assert.Equal(offset, c.Offset, 1e-20);
    }

    [Fact]
    public void None_means_no_clip() => Assert.Null(ClipPlane.Parse("none"));

    [Theory]
    [InlineData("y")]
    [InlineData("q=0")]
    [InlineData("y=1")]
    [InlineData("y=3 parsecs")]
    [InlineData("xy=0")]
    public void Rejects(string text) => Assert.Throws<InputException>(() => ClipPlane.Parse(text));
}

public sealed class CameraTests
{
    [Theory]
    [InlineData("y=0", 0, -1, 0)]
    [InlineData("-y=0", 0, 1, 0)]
    [InlineData("x=0", -1, 0, 0)]
    [InlineData("z=0", 0, 0, -1)]
    [InlineData("-z=0", 0, 0, 1)]
    public void Faces_the_cut_from_the_removed_side(string clip, float x, float y, float z)
    {
        var c = Camera.Facing(ClipPlane.Parse(clip), 2.5f);
        var b = c.Backward;
        Assert.Equal(x, b.X, 5); Assert.Equal(y, b.Y, 5); Assert.Equal(z, b.Z, 5);
        Assert.Equal(0, System.Numerics.Vector3.Dot(c.Up, b), 5);
        Assert.Equal(1, c.Up.Length(), 5);
        // ±2.5 units fill the view's height at the target
        Assert.Equal(2.5, c.Distance * Math.Tan(c.FovYDeg * Math.PI / 360), 4);
    }

    [Fact]
    public void Pan_moves_the_target_across_the_view_and_zoom_along_it()
    {
        var c = Camera.Facing(ClipPlane.Parse("y=0"), 2.5f);
        var before = c.Eye;
        c.Pan(100, 0, 1000); // a drag to the right moves the scene right: the target moves left (-x)
        Assert.True(c.Target.X < 0);
        Assert.Equal(0, c.Target.Y, 6);
        Assert.Equal(0, System.Numerics.Vector3.Dot(c.Eye - before, c.Backward), 5);
        float d = c.Distance;
        c.Zoom(2);
        Assert.True(c.Distance < d);
        c.Orbit(0, 1000);
        Assert.Equal(90, c.ElevationDeg); // clamped at the pole
    }
}
