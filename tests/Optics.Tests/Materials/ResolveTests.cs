using System.Numerics;
using MieCool.Core;
using MieCool.Optics.Materials;
using M = MieCool.Optics.Materials.MaterialLibrary;

namespace MieCool.Optics.Tests.Materials;

public class ResolveTests
{
    [Theory]
    [InlineData("other/perovskite/CH3NH3PbI3/nk/Phillips")]
    [InlineData("other/perovskite/CH3NH3PbI3/nk/Phillips.yml")]
    [InlineData("CH3NH3PbI3/Phillips")]
    [InlineData("MAPbI3/Phillips")]
    [InlineData("perovskite/ch3nh3pbi3/phillips")]
    public void Database_paths_and_unambiguous_short_forms(string spec) =>
        Assert.Equal("other/perovskite/CH3NH3PbI3/nk/Phillips", M.Resolve(spec, "--material").Name);

    [Theory]
    [InlineData("SiO2", "main/SiO2/nk/Malitson")]
    [InlineData("Si", "main/Si/nk/Green-2008")]
    [InlineData("N-BK7", "specs/schott/optical/N-BK7")]
    [InlineData("main/SiO2/nk/Malitson", "main/SiO2/nk/Malitson")]
    public void Book_names_that_have_one_page(string spec, string path) =>
        Assert.Equal(path, M.Resolve(spec, "--material").Name);

    [Fact]
    public void Constant_index()
    {
        var m = M.Resolve("2.5+0.01i", "--material");
        Assert.Equal(new Complex(2.5, 0.01), m.At(123e-9));
        Assert.Equal(new Complex(2.5, 0.01), m.At(1));
        Assert.Equal(new Complex(1.45, 0), M.Resolve("1.45", "--host").At(500e-9));
    }

    [Fact]
    public void Constant_index_errors_state_the_convention()
    {
        Assert.Contains("n + ik", Assert.Throws<InputException>(() => M.Resolve("2.5-0.01i", "--material")).Message);
        var e = Assert.Throws<InputException>(() => M.Resolve("2.5+0.01", "--material"));
        Assert.Contains("malformed", e.Message);
        Assert.Contains("--material", e.Message);
    }

    [Theory]
    [InlineData("CH3NH3PbI3/Philips", "other/perovskite/CH3NH3PbI3/nk/Phillips")]
    [InlineData("main/SiO2/nk/Malitsen", "main/SiO2/nk/Malitson")]
    [InlineData("other/perovskite/CH3NH3PbI3/nk/Phillip", "other/perovskite/CH3NH3PbI3/nk/Phillips")]
    [InlineData("CsPbBr3/Ermolaev", "other/perovskite/CsPbBr3/nk/Ermolaev-e")]
    public void Unknown_material_suggests_the_near_name(string spec, string suggestion)
    {
        var e = Assert.Throws<InputException>(() => M.Resolve(spec, "--material"));
        Assert.Contains("unknown material", e.Message);
        Assert.Contains("--material", e.Message);
        Assert.Contains(suggestion, e.Message);
    }

    [Fact]
    public void Ambiguous_short_form_lists_the_candidates()
    {
        var e = Assert.Throws<InputException>(() => M.Resolve("Malitson", "--material"));
        Assert.Contains("ambiguous", e.Message);
        foreach (var p in new[] { "main/Al2O3/nk/Malitson", "main/CaF2/nk/Malitson", "main/SiO2/nk/Malitson" })
            Assert.Contains(p, e.Message);
    }

    [Fact]
    public void A_users_own_page_by_file_path()
    {
        var dir = Directory.CreateTempSubdirectory("miecool-mat-");
        try
        {
            var file = Path.Combine(dir.FullName, "film.yml");
            File.WriteAllText(file, "REFERENCES: |\n    Me, <i>My Lab Book</i> (2026)\nDATA:\n  - type: tabulated nk\n    data: |\n" +
                                    "        0.5 2.0 0.1\n        0.6 2.2 0.0\n        0.7 2.1 0.0\n");
            var m = M.Resolve(file, "--material");
            Assert.Equal(new Complex(2.2, 0), m.At(600e-9));
            Assert.Equal(500e-9, m.MinWavelength, 1e-20);
            Assert.Equal(new Complex(2.2, 0), M.Resolve("film.yml", "--material", dir.FullName).At(600e-9));
        }
        finally { dir.Delete(true); }
    }

    [Fact]
    public void A_database_folder_of_ones_own_lists_and_resolves_its_pages()
    {
        var root = Directory.CreateTempSubdirectory("miecool-db-");
        try
        {
            var dir = Directory.CreateDirectory(Path.Combine(root.FullName, "main", "X", "nk"));
            File.WriteAllText(Path.Combine(dir.FullName, "Me.yml"), "REFERENCES: |\n    Me\nDATA:\n  - type: formula 1\n" +
                              "    wavelength_range: 0.4 0.8\n    coefficients: 0 1 0.1\n");
            var db = new MaterialDatabase(root.FullName);
            Assert.Equal(["main/X/nk/Me"], db.Paths);
            var m = db.Resolve("X", "test");
            // formula 1 with C1 = 0, C2 = 1, C3 = 0.1 um: n^2 = 1 + lambda^2 / (lambda^2 - 0.01)
            Assert.Equal(Math.Sqrt(1 + 0.25 / 0.24), m.At(500e-9).Real, 1e-14);
            Assert.Contains("main/X/nk/Me", Assert.Throws<InputException>(() => db.Resolve("main/X/nk/Mo", "test")).Message);
        }
        finally { root.Delete(true); }
    }

    [Fact]
    public void A_short_name_and_the_full_path_resolve_the_same_page() =>
        Assert.Same(M.Resolve("SiO2", "test"), M.Resolve("main/SiO2/nk/Malitson", "test"));
}
