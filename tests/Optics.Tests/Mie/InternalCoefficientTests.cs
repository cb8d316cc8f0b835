using System.Numerics;
using MieCool.Optics.Mie;

namespace MieCool.Optics.Tests.Mie;

/// <summary>Internal (c_n, d_n) and layer coefficients against B&amp;H's closed forms and limits.</summary>
public class InternalCoefficientTests
{
    [Theory]
    [InlineData(0.3, 1.5, 0.0)]
    [InlineData(3.0, 2.6, 0.05)]
    [InlineData(20.0, 1.33, 1e-4)]
    [InlineData(2.0, 4.0, 3.0)]
    public void Homogeneous_sphere_matches_BH_eq_4_53(double x, double n, double k)
    {
        var m = new Complex(n, k);
        var r = MieSolver.Sphere(x, m);
        var psiX = new Complex[r.NMax + 1]; var xiX = new Complex[r.NMax + 1];
        var psiM = new Complex[r.NMax + 1]; var xiM = new Complex[r.NMax + 1];
        RiccatiBessel.Evaluate(x, r.NMax, psiX, xiX);
        RiccatiBessel.Evaluate(m * x, r.NMax, psiM, xiM);
        for (int i = 1; i <= Math.Min(r.NMax, 12); i++)
        {
            Complex dxi = xiX[i - 1] - i / (Complex)x * xiX[i], dpsiM = psiM[i - 1] - i / (m * x) * psiM[i];
            // c_n = i m / [psi_n(mx) xi_n'(x) - m xi_n(x) psi_n'(mx)], d_n = i m / [m psi_n(mx) xi_n'(x) - xi_n(x) psi_n'(mx)]
            Complex c = Complex.ImaginaryOne * m / (psiM[i] * dxi - m * xiX[i] * dpsiM);
            Complex d = Complex.ImaginaryOne * m / (m * psiM[i] * dxi - xiX[i] * dpsiM);
            Assert.True((r.c(i) - c).Magnitude <= 1e-10 * c.Magnitude, $"c_{i}: {r.c(i)} vs {c}");
            Assert.True((r.d(i) - d).Magnitude <= 1e-10 * d.Magnitude, $"d_{i}: {r.d(i)} vs {d}");
        }
        Assert.True(r.CoreIrregularResidual < 1e-10, $"irregular residual {r.CoreIrregularResidual:G3}");
    }

    [Theory]
    [InlineData(3.0, 2.6, 0.05)]
    [InlineData(2000.0, 1.5, 1.0)]   // Im(mx) = 2000: psi_n(mx) alone would overflow
    public void Workspace_internal_coefficients_match_and_stay_finite(double x, double n, double k)
    {
        var m = new Complex(n, k);
        var ws = new MieWorkspace();
        ws.Sphere(x, m);
        var c = new Complex[ws.NMax]; var d = new Complex[ws.NMax];
        ws.InternalCoefficients(c, d);
        var r = MieSolver.Sphere(x, m);
        for (int i = 1; i <= ws.NMax; i++)
        {
            Assert.Equal(r.c(i), c[i - 1]); Assert.Equal(r.d(i), d[i - 1]);
            Assert.True(double.IsFinite(c[i - 1].Real) && double.IsFinite(d[i - 1].Imaginary));
        }
    }

    [Fact]
    public void Internal_coefficients_via_interface_transfer_agree_with_the_closed_form()
    {
        // the core of a core-shell with identical layers is solved by the inward transfer, the sphere by B&H's closed form
        var m = new Complex(1.8, 0.3);
        var sphere = MieSolver.Sphere(6.0, m);
        var core = MieSolver.CoreShell(5.0, m, 6.0, m).Layers[0];
        for (int n = 1; n <= sphere.NMax; n++)
        {
            Assert.True((core.c(n) - sphere.c(n)).Magnitude <= 1e-9 * sphere.c(n).Magnitude, $"c_{n}");
            Assert.True((core.d(n) - sphere.d(n)).Magnitude <= 1e-9 * sphere.d(n).Magnitude, $"d_{n}");
        }
    }

    [Fact]
    public void No_particle_leaves_the_incident_field()
    {
        // m = 1: a_n = b_n = 0 and the internal field is the incident one, c_n = d_n = 1
        var r = MieSolver.Sphere(2.5, 1);
        for (int n = 1; n <= r.NMax; n++)
        {
            Assert.True(r.a(n).Magnitude < 1e-13 && r.b(n).Magnitude < 1e-13);
            Assert.True((r.c(n) - 1).Magnitude < 1e-12 && (r.d(n) - 1).Magnitude < 1e-12);
        }
    }

    [Fact]
    public void Core_shell_with_identical_layers_has_no_irregular_shell_field()
    {
        var m = new Complex(2.6, 0.02);
        var sphere = MieSolver.Sphere(3.0, m);
        var cs = MieSolver.CoreShell(1.7, m, 3.0, m);
        var core = cs.Layers[0]; var shell = cs.Layers[1];
        Assert.Equal(0, core.XInner); Assert.Equal(1.7, core.XOuter); Assert.Equal(1.7, shell.XInner);
        for (int n = 1; n <= sphere.NMax; n++)
        {
            double s = sphere.c(n).Magnitude + sphere.d(n).Magnitude;
            Assert.True((shell.c(n) - sphere.c(n)).Magnitude < 1e-9 * s && (core.c(n) - sphere.c(n)).Magnitude < 1e-9 * s);
            Assert.True((shell.d(n) - sphere.d(n)).Magnitude < 1e-9 * s && (core.d(n) - sphere.d(n)).Magnitude < 1e-9 * s);
            Assert.True(shell.cIrregular(n).Magnitude < 1e-9 * s && shell.dIrregular(n).Magnitude < 1e-9 * s);
        }
        Assert.True(cs.CoreIrregularResidual < 1e-9);
    }

    [Fact]
    public void Core_shell_field_is_continuous_across_the_interface()
    {
        // tangential E of the TE part: u/m continuous, u = c psi_n(m k r) + cIrr xi_n(m k r) (LayerCoefficients docs)
        var mc = new Complex(2.6, 0.1); var ms = new Complex(1.45, 0.001);
        var cs = MieSolver.CoreShell(1.5, mc, 2.8, ms);
        Assert.True(cs.CoreIrregularResidual < 1e-10, $"residual {cs.CoreIrregularResidual:G3}");
        var core = cs.Layers[0]; var shell = cs.Layers[1];
        int N = cs.NMax;
        var pc = new Complex[N + 1]; var xc = new Complex[N + 1]; var ps = new Complex[N + 1]; var xs = new Complex[N + 1];
        RiccatiBessel.Evaluate(mc * 1.5, N, pc, xc);
        RiccatiBessel.Evaluate(ms * 1.5, N, ps, xs);
        for (int n = 1; n <= N; n++)
        {
            Complex uc = core.c(n) * pc[n] / mc, us = (shell.c(n) * ps[n] + shell.cIrregular(n) * xs[n]) / ms;
            Complex vc = core.d(n) * pc[n], vs = shell.d(n) * ps[n] + shell.dIrregular(n) * xs[n];
            Assert.True((uc - us).Magnitude <= 1e-8 * (uc.Magnitude + 1e-300), $"TE n={n}: {uc} vs {us}");
            Assert.True((vc - vs).Magnitude <= 1e-8 * (vc.Magnitude + 1e-300), $"TM n={n}: {vc} vs {vs}");
        }
    }

    [Fact]
    public void Multipole_labels()
    {
        Assert.Equal(["ED", "MD", "EQ", "MQ", "EO", "MO"], MultipoleNames.Low.Select(t => MultipoleNames.Label(t.N, t.Type)));
        Assert.Equal("E16", MultipoleNames.Label(4, MultipoleType.Electric));
    }
}
