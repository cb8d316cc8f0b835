using System.Globalization;
using FsCheck.Xunit;

namespace MieCool.Cases.Tests;

/// <summary>Properties of the case reader that hold for any valid case.</summary>
public sealed class CaseProperties
{
    static string F(double v) => v.ToString("R", CultureInfo.InvariantCulture);

    /// <summary>A random valid case (sizes and settings drawn inside their valid ranges) from a seed.</summary>
    static string RandomCase(int seed)
    {
        var r = new Random(seed);
        double Between(double a, double b) => a + (b - a) * r.NextDouble();
        double radiusNm = Between(20, 5000);
        bool shell = r.Next(2) == 0;
        double shellNm = shell ? Between(0.02, 0.5) * radiusNm : 0;
        string contact = r.Next(3) switch
        {
            0 => $"contact_radius = \"{F(Between(0.05, 0.9) * radiusNm)} nm\"",
            1 => $"flattening = \"{F(Between(0.01, 0.9) * radiusNm)} nm\"",
            // keep the core clear of tangency with the plane, at e = t and e = 2R - t (the mesher refuses a point contact)
            _ => $"embedding = \"{F(shell
                ? Between(shellNm + 0.05 * radiusNm, 2 * radiusNm - shellNm - 0.05 * radiusNm)
                : Between(0.01, 2) * radiusNm)} nm\"",
        };
        string size = r.Next(2) == 0 ? $"radius = \"{F(radiusNm / 1000)} um\"" : $"diameter = \"{F(2 * radiusNm)} nm\"";
        string outer = r.Next(3) switch
        {
            0 => "outer_boundary = \"far-field\"",
            1 => "outer_boundary = \"fixed\"",
            _ => $"outer_boundary = \"convection\"\nheat_transfer_coefficient = \"{F(Between(1, 1e6))} W/(m^2 K)\"",
        };
        return $"""
            [particle]
            material = "2.5+0.0{Math.Abs(seed % 10)}i"
            {size}
            {(shell ? $"shell_thickness = \"{F(shellNm)} nm\"\nshell_material = \"1.5\"" : "")}
            [substrate]
            material = "main/SiO2/nk/Malitson"
            {contact}
            [mesh]
            box_half_size = {F(Between(3, 100))}
            h_min = "{F(Between(0.01, 1) * radiusNm)} nm"
            grading = {F(Between(0.01, 1))}
            order = {1 + r.Next(2)}
            [thermal]
            ambient = "{F(Between(1, 1000))} K"
            {outer}
            conductivity.particle = "{F(Between(0.01, 100))} W/(m K)"
            conductivity.substrate = "{F(Between(0.01, 100))} W/(m K)"
            {(shell ? $"conductivity.shell = \"{F(Between(0.01, 100))} W/(m K)\"" : "")}
            [thermal.solver]
            tolerance = {F(Math.Pow(10, -Between(3, 15)))}
            max_iterations = {r.Next(1, 100000)}
            [source]
            power = "{F(Between(-1000, 1000))} uW"
            """;
    }

    static void Close(double a, double b) => Assert.True(Math.Abs(a - b) <= 1e-9 * Math.Max(Math.Abs(a), Math.Abs(b)), $"{a} vs {b}");

    /// <summary>The echoed configuration (values rounded to 10 digits in their display unit) parses to the same case.</summary>
    [Property(MaxTest = 200)]
    public void The_echo_of_any_valid_case_parses_back_to_the_same_case(int seed)
    {
        var a = Case.Parse(RandomCase(seed), $"random{seed}.toml");
        var b = Case.Parse(a.Effective(), "echo.toml");
        Assert.Equal((a.Particle.Material, a.Particle.ShellMaterial), (b.Particle.Material, b.Particle.ShellMaterial));
        Close(a.Particle.RadiusM, b.Particle.RadiusM);
        Close(a.Particle.ShellThicknessM, b.Particle.ShellThicknessM);
        Assert.Equal(a.Substrate.Contact.Kind, b.Substrate.Contact.Kind);
        Close(a.Substrate.Contact.Value, b.Substrate.Contact.Value);
        Close(a.Mesh.HMinM, b.Mesh.HMinM);
        Close(a.Mesh.Grading, b.Mesh.Grading);
        Close(a.Mesh.BoxHalfSize, b.Mesh.BoxHalfSize);
        Assert.Equal(a.Mesh.Order, b.Mesh.Order);
        var (ta, tb) = (a.Thermal!, b.Thermal!);
        Close(ta.AmbientK, tb.AmbientK);
        Close(ta.Conductivity.Particle, tb.Conductivity.Particle);
        Close(ta.Conductivity.Substrate, tb.Conductivity.Substrate);
        Close(ta.Conductivity.Shell ?? 0, tb.Conductivity.Shell ?? 0);
        Assert.Equal(ta.OuterBoundary, tb.OuterBoundary);
        Close(ta.HeatTransferCoefficientWPerM2K ?? 0, tb.HeatTransferCoefficientWPerM2K ?? 0);
        Close(ta.Solver.RelativeTolerance, tb.Solver.RelativeTolerance);
        Assert.Equal(ta.Solver.MaxIterations, tb.Solver.MaxIterations);
        Close(a.HeatSource!.PowerW, b.HeatSource!.PowerW);
    }

    /// <summary>
    /// Geometry: the contact radius derived from any contact mode is below R, and the mesh spec carries the case's SI values.
    /// </summary>
    [Property(MaxTest = 200)]
    public void Any_valid_case_gives_a_contact_inside_the_particle_and_a_consistent_mesh_spec(int seed)
    {
        var c = Case.Parse(RandomCase(seed), "r.toml");
        Assert.InRange(c.Substrate.ContactRadiusM, 0, c.Particle.RadiusM);
        var spec = c.ToMeshSpec();
        Assert.Equal((c.Particle.RadiusM, c.Particle.ShellThicknessM, c.Substrate.Contact, c.Mesh.HMinM, c.Mesh.Order),
                     (spec.Radius, spec.ShellThickness, spec.Contact, spec.HMin, spec.Order));
        Assert.True(spec.HMin <= spec.Radius);
    }
}
