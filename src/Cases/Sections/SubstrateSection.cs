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

    public SubstrateSection() : base("substrate", "The substrate below the particle (filling z < 0) and the contact geometry.", SectionPresence.Required)
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

    protected override SubstrateSpec Parse(SectionValues v, CaseContext context)
    {
        string material = v.Get(_material);
        double R = context.Get<ParticleSpec>().RadiusM;
        string r = $"R = {_contactRadius.Format(R)}";
        ContactSpec contact;
        double a;
        if (v.IsGiven(_contactRadius))
        {
            a = v.Get(_contactRadius);
            if (a >= R) throw v.Invalid(_contactRadius, "the contact disc is as wide as the particle or wider", $"a contact radius below the particle radius {r}");
            contact = new ContactSpec(ContactKind.Radius, a);
            double d = R - Math.Sqrt(R * R - a * a); // cap height of a disc of radius a
            v.Derived("flattening", _flattening.Format(d), CaseKey.Number(d) + " m");
        }
        else if (v.IsGiven(_flattening))
        {
            double d = v.Get(_flattening);
            if (d >= R) throw v.Invalid(_flattening, "flattened by the radius or more (no sphere left above the cut's widest disc)", $"a depth below the particle radius {r}");
            contact = new ContactSpec(ContactKind.Flattening, d);
            a = Math.Sqrt(2 * R * d - d * d);
            v.Derived("contact_radius", _contactRadius.Format(a), CaseKey.Number(a) + " m");
        }
        else
        {
            double e = v.Get(_embedding);
            if (e > 2 * R) throw v.Invalid(_embedding, "deeper than the particle diameter", $"a depth up to the particle diameter 2R = {_embedding.Format(2 * R)} (fully embedded)");
            contact = new ContactSpec(ContactKind.Embedding, e);
            a = Math.Sqrt(Math.Max(0, 2 * R * e - e * e)); // radius of the circle where the sphere crosses z = 0
            v.Derived("contact_radius", _contactRadius.Format(a), CaseKey.Number(a) + " m");
        }
        return new SubstrateSpec(material, contact, a);
    }
}
