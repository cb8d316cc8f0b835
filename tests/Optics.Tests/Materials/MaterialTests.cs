using System.Numerics;
using MieCool.Core;
using MieCool.Optics.Materials;
using M = MieCool.Optics.Materials.MaterialLibrary;

namespace MieCool.Optics.Tests.Materials;

public class MaterialTests
{
    const double Nm = 1e-9;
    static Material Page(string path) => M.Database.Load(path);

    [Fact]
    public void Every_shipped_page_loads_with_a_range_finite_n_and_non_negative_k()
    {
        var all = M.Database.All().ToList();
        Assert.True(all.Count >= 23);
        foreach (var m in all)
        {
            Assert.True(m.MinWavelength > 0 && m.MaxWavelength > m.MinWavelength, m.Name);
            Assert.False(string.IsNullOrWhiteSpace(m.References), m.Name);
            Assert.DoesNotContain("<", m.References);
            var wl = Enumerable.Range(0, 500).Select(i => m.MinWavelength + (m.MaxWavelength - m.MinWavelength) * i / 499).ToArray();
            var idx = new Complex[wl.Length];
            m.At(wl, idx);
            foreach (var v in idx) Assert.True(v.Real > 0 && double.IsFinite(v.Real) && v.Imaginary >= 0, $"{m.Name}: {v}");
        }
    }

    [Theory]
    [InlineData("other/perovskite/CH3NH3PbI3/nk/Phillips")]
    [InlineData("main/Au/nk/Johnson")]
    [InlineData("other/perovskite/CsPbCl3/nk/Ermolaev-o")]
    public void Interpolation_reproduces_the_tabulated_points(string path)
    {
        var m = Page(path);
        var page = MaterialPageReader.Read(m.Source);
        var table = Assert.Single(page.Data);
        for (int i = 0; i < table.Wavelengths.Length; i++)
        {
            var v = m.At(table.Wavelengths[i]);
            Assert.Equal(table.Columns[0][i], v.Real);
            Assert.Equal(table.Columns[1][i], v.Imaginary);
        }
    }

    [Fact]
    public void Wavelengths_are_read_in_micrometres_and_kept_in_metres()
    {
        var m = Page("other/perovskite/CH3NH3PbI3/nk/Phillips");
        Assert.Equal(300.009583 * Nm, m.MinWavelength, 1e-15);
        Assert.Equal(1501.320923 * Nm, m.MaxWavelength, 1e-15);
        // first data row of the page: 0.300009583 1.980725 0.559247
        Assert.Equal(new Complex(1.980725, 0.559247), m.At(0.300009583e-6));
    }

    [Theory] // Malitson, JOSA 55, 1205 (1965), Table: fused silica n = 1.45846 at 589.3 nm (sodium D)
    [InlineData("main/SiO2/nk/Malitson", 589.3, 1.4584)]
    // Schott N-BK7 data sheet: n_d = 1.5168 at 587.56 nm (the page also states nd: 1.5168)
    [InlineData("specs/schott/optical/N-BK7", 587.56, 1.5168)]
    // Malitson, Appl. Opt. 2, 1103 (1963): CaF2 n = 1.43385 at 589.3 nm
    [InlineData("main/CaF2/nk/Malitson", 589.3, 1.4338)]
    public void Formula_pages_match_published_indices(string path, double nm, double n) =>
        Assert.Equal(n, Page(path).At(nm * Nm).Real, 1e-4);

    [Fact]
    public void A_formula_page_with_a_k_table_combines_both()
    {
        var bk7 = Page("specs/schott/optical/N-BK7");
        Assert.Contains("formula 2", bk7.Kind);
        Assert.Contains("k tabulated", bk7.Kind);
        Assert.Equal(9.2541e-09, bk7.At(580 * Nm).Imaginary, 1e-20); // a tabulated k point
        Assert.InRange(bk7.At(600 * Nm).Imaginary, 9.2541e-09, 1.1877e-08);
        Assert.Equal(300 * Nm, bk7.MinWavelength, 1e-18);
        Assert.Equal(2500 * Nm, bk7.MaxWavelength, 1e-18);
        Assert.Equal(0, Page("main/SiO2/nk/Malitson").At(589 * Nm).Imaginary);
    }

    [Fact]
    public void Outside_the_range_is_an_input_error_stating_the_range_in_nm()
    {
        var m = Page("other/perovskite/CH3NH3PbI3/nk/Phillips");
        var e = Assert.Throws<InputException>(() => m.At(1600 * Nm));
        Assert.Contains("300.01-1501.32 nm", e.Message);
        Assert.Contains("1600 nm", e.Message);
        Assert.Throws<InputException>(() => m.At(299 * Nm));
        var span = new Complex[2];
        Assert.Throws<InputException>(() => m.At([500 * Nm, 2000 * Nm], span));
        // round-off at the ends of a sweep is not "outside"
        Assert.Equal(m.At(m.MaxWavelength), m.At(m.MaxWavelength * (1 + 1e-13)));
    }

    [Fact]
    public void Bulk_evaluation_equals_pointwise_evaluation()
    {
        var m = Page("other/perovskite/CH3NH3PbI3/nk/Phillips");
        var wl = Enumerable.Range(0, 1000).Select(i => (500 + 0.6 * i) * Nm).ToArray();
        var bulk = new Complex[wl.Length];
        m.At(wl, bulk);
        for (int i = 0; i < wl.Length; i++) Assert.Equal(m.At(wl[i]), bulk[i]);
        // also in reverse order (hints must not break an unsorted input)
        var rev = wl.Reverse().ToArray(); var back = new Complex[wl.Length];
        m.At(rev, back);
        for (int i = 0; i < wl.Length; i++) Assert.Equal(bulk[wl.Length - 1 - i], back[i]);
    }

    [Fact]
    public void Bulk_evaluation_does_not_allocate()
    {
        var m = Page("other/perovskite/CH3NH3PbI3/nk/Phillips");
        var wl = Enumerable.Range(0, 1000).Select(i => (500 + 0.6 * i) * Nm).ToArray();
        var bulk = new Complex[wl.Length];
        m.At(wl, bulk);
        long before = GC.GetAllocatedBytesForCurrentThread();
        m.At(wl, bulk);
        Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
    }

    [Theory]
    [InlineData("other/perovskite/CH3NH3PbI3/nk/Phillips", "Phillips et al., Data in Brief (2015)")]
    [InlineData("main/SiO2/nk/Malitson", "Malitson, J. Opt. Soc. Am. (1965)")]
    [InlineData("main/Au/nk/Johnson", "Johnson et al., Phys. Rev. B (1972)")]
    [InlineData("specs/schott/optical/N-BK7", "SCHOTT Zemax catalog 2017-01-20b")]
    public void Short_reference_names_first_author_journal_and_year(string path, string expected) =>
        Assert.Equal(expected, Page(path).ShortReference);

    [Fact]
    public void References_and_comments_are_plain_text()
    {
        var m = Page("other/perovskite/CH3NH3PbI3/nk/Leguy");
        Assert.Contains("Reversible hydration of CH3NH3PbI3 in films", m.References);
        Assert.StartsWith("Single crystal CH3NH3PbI3;", m.Comments);
        Assert.Equal("o", Page("main/Al2O3/nk/Malitson").Conditions["direction"]);
    }
}
