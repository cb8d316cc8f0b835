using System.Numerics;
using MieCool.Core;
using MieCool.Optics.Materials;
using MieCool.Optics.Mie;

namespace MieCool.Optics.Tests.Mie;

/// <summary>
/// The one-call entry <see cref="MieSolver.Efficiencies(Complex, double, double, double)"/> (diameter, vacuum wavelength,
/// the sphere's absolute index and the medium's) against the literature tables of tests/refdata/mie, the Rayleigh limit,
/// and its refusals.
/// </summary>
public class EfficienciesTests
{
    /// <summary>Every efficiency row (Qext, Qsca, Qback, g) of the reference tables for a sphere of finite index.</summary>
    public static TheoryData<ReferenceTableTests.Row> EfficiencyRows()
    {
        var data = new TheoryData<ReferenceTableTests.Row>();
        foreach (var row in Selected()) data.Add(row);
        return data;
    }

    static List<ReferenceTableTests.Row> Selected()
    {
        var rows = new List<ReferenceTableTests.Row>();
        foreach (var row in ReferenceTableTests.Rows())
            if (row is { Quantity: "Qext" or "Qsca" or "Qback" or "g", MRe: > 0 }) rows.Add(row);
        return rows;
    }

    [Fact]
    public void The_tables_hold_efficiency_rows_of_both_sources()
    {
        var rows = Selected();
        Assert.True(rows.Count >= 50, $"only {rows.Count} efficiency rows");
        Assert.Contains(rows, r => r.Citation.StartsWith("Bohren & Huffman", StringComparison.Ordinal) && r.Quantity == "Qback");
        Assert.Contains(rows, r => r.Citation.StartsWith("Wiscombe", StringComparison.Ordinal) && r.MIm > 0);
    }

    /// <summary>
    /// A row's sphere (size parameter x, relative index m) as a user of the entry point gives it: in water (n_env = 1.33) at
    /// 1 um, diameter d = x lambda0 / (pi n_env), absolute index n_env m (the tables' k is positive: m = n + ik is ours).
    /// </summary>
    [Theory]
    [MemberData(nameof(EfficiencyRows))]
    public void Literature_rows_through_diameter_wavelength_and_medium(ReferenceTableTests.Row row)
    {
        const double NEnv = 1.33, Lambda0 = 1e-6;
        double d = row.X * Lambda0 / (Math.PI * NEnv);
        var q = MieSolver.Efficiencies(NEnv * new Complex(row.MRe, row.MIm), d, Lambda0, NEnv);
        double got = row.Quantity switch { "Qext" => q.Qext, "Qsca" => q.Qsca, "Qback" => q.Qback, _ => q.G };
        double bound = row.TolKind == "rel" ? row.Tolerance * Math.Abs(row.Value) : row.Tolerance;
        Assert.True(Math.Abs(got - row.Value) <= bound, $"{row}: {got:R} vs {row.Value:R} (bound {bound:G3})");
    }

    [Fact]
    public void The_Bohren_Huffman_example_in_its_own_units()
    {
        // BHMIE (B&H 1983 appendix A): m = 1.55 in air, r = 0.525 um, lambda = 0.6328 um: Qext = Qsca = 3.10543,
        // Qback = 2.92534, g = 0.63314 (tests/refdata/mie/bohren_huffman_bhmie.csv)
        var q = MieSolver.Efficiencies(new Complex(1.55, 0), 1.05e-6, 0.6328e-6);
        Assert.Equal(3.10543, q.Qext, 1e-5);
        Assert.Equal(3.10543, q.Qsca, 1e-5);
        Assert.Equal(2.92534, q.Qback, 1e-5);
        Assert.Equal(0.63314, q.G, 1e-5);
        Assert.Equal(0, q.Qabs, 1e-12);
    }

    [Theory]
    [InlineData(1.5, 0.1, 1.0)]
    [InlineData(2.3, 0.013, 1.33)]
    [InlineData(1.2, 0.5, 1.5)]
    public void Rayleigh_limit_of_a_small_sphere_in_a_medium(double n, double k, double nEnv)
    {
        // B&H eqs. 5.8-5.9 with the relative index m / n_env and x = pi d n_env / lambda0: Qabs = 4 x Im(alpha),
        // Qsca = 8/3 x^4 |alpha|^2, alpha = (m^2 - 1) / (m^2 + 2); Qback = 4 x^4 |alpha|^2 (3/2 Qsca); g -> 0. Errors O(x^2).
        const double D = 2e-9, Lambda0 = 800e-9;
        var q = MieSolver.Efficiencies(new Complex(n, k), D, Lambda0, nEnv);
        var m = new Complex(n, k) / nEnv;
        Complex alpha = (m * m - 1) / (m * m + 2);
        double x = Math.PI * D * nEnv / Lambda0, a2 = alpha.Magnitude * alpha.Magnitude;
        double tol = 10 * x * x * Math.Max(1, m.Magnitude * m.Magnitude);
        Assert.InRange(x, 5e-3, 2e-2);
        Assert.True(Math.Abs(q.Qabs / (4 * x * alpha.Imaginary) - 1) < tol, $"Qabs {q.Qabs:G6}");
        Assert.True(Math.Abs(q.Qsca / (8.0 / 3 * Math.Pow(x, 4) * a2) - 1) < tol, $"Qsca {q.Qsca:G6}");
        Assert.True(Math.Abs(q.Qback / (4 * Math.Pow(x, 4) * a2) - 1) < tol, $"Qback {q.Qback:G6}");
        Assert.True(Math.Abs(q.G) < tol, $"g {q.G:G3}");
    }

    [Fact]
    public void The_array_overload_is_the_single_call_at_each_wavelength_in_order()
    {
        double[] lambda0 = [1100e-9, 500e-9, 632.8e-9, 980e-9];
        var m = new Complex(2.3, 0.05);
        var many = MieSolver.Efficiencies(m, 530e-9, lambda0, 1.33);
        Assert.Equal(lambda0.Length, many.Length);
        for (int i = 0; i < lambda0.Length; i++)
        {
            // the sphere solved directly at x = pi d n_env / lambda0 and m / n_env (miepython's efficiencies convention)
            var direct = MieSolver.Sphere(Math.PI * 530e-9 * 1.33 / lambda0[i], m / 1.33).Efficiencies;
            foreach (var (a, b) in new[] { (direct.Qext, many[i].Qext), (direct.Qsca, many[i].Qsca), (direct.Qback, many[i].Qback),
                                           (direct.G, many[i].G) })
                Assert.Equal(a, b, 1e-13 * Math.Max(1, Math.Abs(a)));
        }
        Assert.Empty(MieSolver.Efficiencies(m, 530e-9, ReadOnlySpan<double>.Empty));
    }

    [Fact]
    public void A_material_is_taken_at_each_wavelength()
    {
        // the headline sphere of README.md: 530 nm MAPbI3 (Phillips) in air at 980 nm, Qabs 0.1857 as `miecool cooling` prints
        var mapbi3 = MaterialLibrary.Resolve("MAPbI3/Phillips", "test");
        var q = MieSolver.Efficiencies(mapbi3, 530e-9, 980e-9);
        Assert.Equal(0.1857, q.Qabs, 5e-5);
        double[] lambda0 = [900e-9, 980e-9];
        var many = MieSolver.Efficiencies(mapbi3, 530e-9, lambda0);
        Assert.Equal(q, many[1]);
        var direct = MieSolver.Sphere(Math.PI * 530e-9 / 900e-9, mapbi3.At(900e-9)).Efficiencies; // the index at 900 nm, in air
        Assert.Equal(direct.Qext, many[0].Qext, 1e-13);
        Assert.Equal(direct.Qsca, many[0].Qsca, 1e-13);
        var outside = Assert.Throws<InputException>(() => MieSolver.Efficiencies(mapbi3, 530e-9, [980e-9, 5e-6]));
        Assert.Contains("nm", outside.Message);
    }

    public static TheoryData<string, Action> Refusals() => new()
    {
        { "diameter", () => MieSolver.Efficiencies(new Complex(1.5, 0), -1e-7, 5e-7) },
        { "diameter", () => MieSolver.Efficiencies(new Complex(1.5, 0), double.NaN, 5e-7) },
        { "lambda0", () => MieSolver.Efficiencies(new Complex(1.5, 0), 1e-7, 0) },
        { "lambda0", () => MieSolver.Efficiencies(new Complex(1.5, 0), 1e-7, [5e-7, double.PositiveInfinity]) },
        { "nEnv", () => MieSolver.Efficiencies(new Complex(1.5, 0), 1e-7, 5e-7, 0) },
        { "m", () => MieSolver.Efficiencies(new Complex(1.5, -0.01), 1e-7, 5e-7) },
        { "m", () => MieSolver.Efficiencies(new Complex(double.NaN, 0), 1e-7, 5e-7) },
        { "lambda0", () => MieSolver.Efficiencies(new Complex(1.5, 0), 1e-1, 5e-7) },   // x = 6e5 > 1e5
    };

    [Theory]
    [MemberData(nameof(Refusals))]
    public void Bad_arguments_are_refused_naming_the_argument(string parameter, Action call)
    {
        var e = Assert.Throws<ArgumentOutOfRangeException>(call);
        Assert.Equal(parameter, e.ParamName);
    }

    [Fact]
    public void The_refusal_of_an_absorbing_index_states_the_convention() =>
        Assert.Contains("n + ik", Assert.Throws<ArgumentOutOfRangeException>(
            () => MieSolver.Efficiencies(new Complex(1.5, -0.01), 1e-7, 5e-7)).Message);
}
