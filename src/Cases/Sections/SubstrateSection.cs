using MieCool.Core;
using MieCool.Mesh;

namespace MieCool.Cases;

/// <summary>The substrate and how the particle touches it, SI.</summary>
/// <param name="Material">Refractive-index database id of the substrate, e.g. "main/SiO2/nk/Malitson".</param>
/// <param name="Contact">Contact geometry (kind and length in m), as the mesher takes it.</param>
/// <param name="ContactRadiusM">Radius of the circle where the sphere meets the substrate plane z = 0, m.</param>
public sealed record SubstrateSpec(string Material, ContactSpec Contact, double ContactRadiusM);

/// <summary>[substrate]: material and contact geometry (exactly one of contact_radius, flattening, embedding).</summary>
public sealed class SubstrateSection : CaseSection<SubstrateSpec>
{
    readonly TextKey _material;
    readonly QuantityKey _contactRadius, _flattening, _embedding;

    /// <summary>Declares [substrate]: material and exactly one of contact_radius, flattening, embedding.</summary>
    public SubstrateSection()
        : base("substrate", "The substrate below the particle (filling z < 0) and the contact geometry.", SectionPresence.Required)
    {
        _material = Declare(new TextKey("material", "Refractive-index database id of the substrate material.")
            { Example = "main/SiO2/nk/Malitson" });
        _contactRadius = Declare(new QuantityKey("contact_radius", Dimension.Length, "nm",
            "Radius of the flat contact disc: the sphere is cut flat at the bottom to this disc radius (below the particle radius).")
            { Range = Interval.Positive(50e-6), Example = 50e-9, OneOf = "contact" });
        _flattening = Declare(new QuantityKey("flattening", Dimension.Length, "nm",
            "Depth d by which the sphere is cut flat at the bottom (below the radius); contact radius sqrt(2 R d - d^2).")
            { Range = Interval.Positive(50e-6), Example = 5e-9, OneOf = "contact" });
        _embedding = Declare(new QuantityKey("embedding", Dimension.Length, "nm",
            "Depth e by which the whole sphere sinks into the substrate (up to the diameter: fully embedded).")
            { Range = Interval.Positive(100e-6), Example = 265e-9, OneOf = "contact" });
    }

    /// <summary>
    /// The contact from whichever key is given, checked against the particle radius R (contact radius and flattening
    /// below R, embedding up to 2R); the contact radius is echoed as derived when not given.
    /// </summary>
    protected override SubstrateSpec Parse(SectionValues values, CaseContext context)
    {
        string material = values.Get(_material);
        context.Material(material, "substrate.material"); // an unknown or broken page is refused here, for every command
        double R = context.Get<ParticleSpec>().RadiusM;
        string r = $"R = {_contactRadius.Format(R)}";
        ContactSpec contact;
        double a;
        if (values.IsGiven(_contactRadius))
        {
            a = values.Get(_contactRadius);
            if (a >= R)
                throw values.Invalid(_contactRadius, "the contact disc is as wide as the particle or wider",
                                     $"a contact radius below the particle radius {r}");
            contact = new ContactSpec(ContactKind.Radius, a);
            double d = R - Math.Sqrt(R * R - a * a); // cap height of a disc of radius a
            values.Derived("flattening", _flattening.Format(d), CaseKey.Number(d) + " m");
        }
        else if (values.IsGiven(_flattening))
        {
            double d = values.Get(_flattening);
            if (d >= R)
                throw values.Invalid(_flattening, "flattened by the radius or more (no sphere left above the cut's widest disc)",
                                     $"a depth below the particle radius {r}");
            contact = new ContactSpec(ContactKind.Flattening, d);
            a = Math.Sqrt(2 * R * d - d * d);
            values.Derived("contact_radius", _contactRadius.Format(a), CaseKey.Number(a) + " m");
        }
        else
        {
            double e = values.Get(_embedding);
            if (e > 2 * R)
                throw values.Invalid(_embedding, "deeper than the particle diameter",
                                     $"a depth up to the particle diameter 2R = {_embedding.Format(2 * R)} (fully embedded)");
            contact = new ContactSpec(ContactKind.Embedding, e);
            a = Math.Sqrt(Math.Max(0, 2 * R * e - e * e)); // radius of the circle where the sphere crosses z = 0
            values.Derived("contact_radius", _contactRadius.Format(a), CaseKey.Number(a) + " m");
        }
        return new SubstrateSpec(material, contact, a);
    }
}
