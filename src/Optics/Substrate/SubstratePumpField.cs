using MieCool.Optics.Fields;

namespace MieCool.Optics.Substrate;

/// <summary>
/// The pump's field inside a sphere on its substrate, at normal incidence from the host (along -z, lab frame), as the heat
/// source needs it. One solution suffices: the y-polarised (TE at azimuth 0) one; the geometry is symmetric about z, so the
/// x-polarised field is it turned by 90 degrees, |E_x(x, y, z)|^2 = |E_y(-y, x, z)|^2.
/// </summary>
public sealed class SubstratePumpField : IPumpField
{
    readonly SubstrateScattering _te;

    /// <summary>The field of <paramref name="te"/>, a normal-incidence TE solution from the host.</summary>
    public SubstratePumpField(SubstrateScattering te)
    {
        var ill = te.Problem.Illumination;
        if (ill.AngleRad != 0 || ill.From != IncidenceSide.Host || ill.Polarisation != PlanePolarisation.TE)
            throw new ArgumentException("the pump field needs the normal-incidence TE solution from the host", nameof(te));
        _te = te;
    }

    /// <summary>The solution the field is summed from.</summary>
    public SubstrateScattering Solution => _te;

    /// <inheritdoc/>
    public int MultipoleOrders => _te.Lmax;

    /// <inheritdoc/>
    public double PowerDensityFactor(double intensityWPerM2)
    {
        var p = _te.Problem;
        double omega = 2 * Math.PI * Core.PhysicalConstants.SpeedOfLight / p.VacuumWavelengthM;
        double epsIm = (p.SphereIndex * p.SphereIndex).Imaginary;
        return omega * epsIm * intensityWPerM2 / (Core.PhysicalConstants.SpeedOfLight * p.HostIndex);
    }

    /// <summary>|E|^2 / E0^2 at (x, y, z) relative to the centre (lab frame) for the given polarisation.</summary>
    public double Intensity(double x, double y, double z, Polarisation polarisation) => polarisation switch
    {
        Polarisation.Y => _te.InternalField(x, y, z).Norm2,
        Polarisation.X => _te.InternalField(-y, x, z).Norm2,
        _ => 0.5 * (_te.InternalField(x, y, z).Norm2 + _te.InternalField(-y, x, z).Norm2),
    };

    /// <inheritdoc/>
    public void AbsorbedPowerDensity(double[] positionsXyz, double[] p, double intensityWPerM2, (double X, double Y, double Z) centre,
                                     bool downward, Polarisation polarisation)
    {
        if (!downward) throw new ArgumentException("the substrate is below: the pump comes from above (downward)", nameof(downward));
        int n = p.Length;
        if (positionsXyz.Length != 3 * n) throw new ArgumentException($"expected {3 * n} coordinates for {n} values");
        double factor = PowerDensityFactor(intensityWPerM2), a = _te.Problem.RadiusM, a2 = a * a;
        const int chunk = 1024;
        Parallel.For(0, (n + chunk - 1) / chunk, ci =>
        {
            int lo = ci * chunk, hi = Math.Min(n, lo + chunk);
            for (int i = lo; i < hi; i++)
            {
                double x = positionsXyz[3 * i] - centre.X, y = positionsXyz[3 * i + 1] - centre.Y, z = positionsXyz[3 * i + 2] - centre.Z;
                p[i] = x * x + y * y + z * z > a2 ? 0 : factor * Intensity(x, y, z, polarisation);
            }
        });
    }
}
