using System.Numerics;
using System.Text.Json;
using MieCool.Core;
using MieCool.Optics;
using MieCool.Optics.Cooling;
using MieCool.Optics.Materials;
using MieCool.Optics.Mie;
using MieCool.Optics.Substrate;
using Spectre.Console;

namespace MieCool.Cli;

/// <summary>
/// `miecool substrate`: efficiencies of one sphere on a planar substrate (optionally with a film) under a plane wave, by
/// the T-matrix method for layered media (<see cref="SphereOnSubstrate"/>), with the free sphere for comparison.
/// </summary>
public sealed class SubstrateCommand : ICommand
{
    static readonly QuantityOption Diameter = CommonOptions.Diameter;
    static readonly QuantityOption Wavelength = new("wavelength", Dimension.Length, "nm",
        "vacuum wavelength of the plane wave (the material pages are evaluated there)")
        { Required = true, Range = Interval.Positive(100e-6), Example = "980nm" };
    static readonly CustomOption<IRefractiveIndex> Index = new("index", "SPEC",
        "the sphere's complex index n+ki (m = n + ik, k >= 0 absorbs), or its material page, e.g. " +
        "other/perovskite/CH3NH3PbI3/nk/Phillips, evaluated at --wavelength",
        CommonOptions.MaterialValid, CommonOptions.ResolveMaterial) { Required = true };
    static readonly NumberOption HostIndex = new("host-index",
        "real refractive index of the host above the substrate (non-absorbing), where the sphere is")
        { Aliases = ["host"], ValueName = "N", Default = 1.0, Range = Interval.Positive(100), CaseKeys = ["optics.host_index"] };
    static readonly CustomOption<IRefractiveIndex> Substrate = new("substrate", "SPEC",
        "the substrate half-space below the interface: a complex index n+ki or a material page such as main/SiO2/nk/Malitson, " +
        "evaluated at --wavelength",
        CommonOptions.MaterialValid, CommonOptions.ResolveMaterial) { Required = true };
    static readonly CustomOption<IRefractiveIndex> FilmIndex = new("film-index", "SPEC",
        "an optional thin film on the substrate (e.g. an oxide on silicon): its index or material page; needs --film-thickness",
        CommonOptions.MaterialValid, CommonOptions.ResolveMaterial);
    static readonly QuantityOption FilmThickness = new("film-thickness", Dimension.Length, "nm",
        "thickness of the film on the substrate (between the substrate and the host); needs --film-index")
        { Range = Interval.Closed(0, 100e-6), Example = "100nm" };
    static readonly QuantityOption CentreHeight = new("centre-height", Dimension.Length, "nm",
        "height of the sphere's centre above the interface (the top of the film), at least the radius")
        { Aliases = ["center-height"], DefaultNote = "the radius (touching)", Range = Interval.Positive(1e-3),
          Example = "265nm" };
    static readonly QuantityOption Incidence = new("incidence", Dimension.Angle, "deg",
        "angle of the incident wave's direction from the interface normal, in the medium it comes from")
        { Default = 0.0, Range = new Interval(0, Math.PI / 2, MinClosed: true, MaxClosed: false), Example = "30deg" };
    static readonly ChoiceOption<PlanePolarisation> Polarisation = new("polarisation",
        "te: E perpendicular to the plane of incidence (s); tm: E in it (p); at normal incidence the two are the same",
        ("te", PlanePolarisation.TE), ("tm", PlanePolarisation.TM))
        { Aliases = ["polarization"], Default = PlanePolarisation.TE };
    static readonly ChoiceOption<IncidenceSide> From = new("from",
        "the side the wave comes from: host (above, downwards) or substrate (from inside a transparent substrate, upwards)",
        ("host", IncidenceSide.Host), ("substrate", IncidenceSide.Substrate)) { Default = IncidenceSide.Host };
    static readonly CountOption Lmax = new("lmax", "multipole order of the expansion about the sphere's centre")
        { Min = 1, Max = 200, DefaultNote = "Wiscombe's x + 4 x^(1/3) + 2 plus --extra-orders", OneOf = "orders" };
    static readonly CountOption ExtraOrders = new("extra-orders",
        "multipole orders beyond Wiscombe's count of the free sphere (the interface couples to higher orders)")
        { Default = SubstrateSettings.Default.ExtraOrders, Min = 0, Max = 100, OneOf = "orders" };
    static readonly NumberOption Tolerance = new("tolerance", "relative tolerance of the Sommerfeld and far-field integrals")
        { Default = SubstrateSettings.Default.Tolerance, Range = Interval.Closed(1e-14, 1e-3) };
    static readonly SwitchOption Json = new("json",
        "print one JSON object instead of the tables: the inputs (diameter_nm, wavelength_nm, index, host, substrate, " +
        "centre_height_nm, incidence_deg, polarisation, from, film_index and film_thickness_nm with a film, substrate_absorbs), " +
        "Qext, Qsca, Qsca_host, Qsca_substrate, Qabs, Qabs_free, Qabs_substrate (null unless the substrate absorbs), Qabs_ratio, " +
        "Cabs_nm2, absorption_multipoles " +
        "[{label, n, type, Qabs, share, Qabs_free}] and settings {lmax, extra_orders, tolerance, deflection, " +
        "integrand_evaluations}");

    /// <summary>The source the problem's own validation names; its errors are moved to the option that gave the value.</summary>
    const string Source = "miecool substrate";

    /// <inheritdoc/>
    public string Name => Syntax.Command;
    /// <inheritdoc/>
    public string Summary => "efficiencies of a sphere on a planar substrate (T-matrix for layered media), with its multipoles";
    /// <inheritdoc/>
    public CommandSyntax Syntax { get; } = new("substrate", """
        One homogeneous sphere in a host of real index, above or touching a planar substrate (a half-space, optionally with
        one film on it), under a plane wave from the host or from a transparent substrate. Exact within the T-matrix method
        for layered media (Egel & Lemmer, JQSRT 138, 117 (2014); SMUTHI): the sphere's Mie T-matrix, the initial field
        (incident plus the specularly reflected or transmitted wave), and the sphere's scattered field reflected back by the
        interface through a Sommerfeld integral. Prints the efficiencies (cross sections over pi a^2; a cross section is a
        power over the incident irradiance in the medium the wave comes from): Qext (layered-media optical theorem), Qsca =
        Qsca_host + Qsca_substrate (scattered into the host's far field, and into the substrate side, where an absorbing
        substrate absorbs it), Qabs (absorbed by the sphere), Qabs_free (the same sphere in the infinite host, plain Mie),
        for an absorbing substrate Qabs_substrate (the scattered flux into it minus the particle's shadow on the
        transmitted wave: what the particle adds to the substrate's absorption),
        the multipole shares of the absorption, and the convergence settings used. Writes no files.
        """)
    {
        Options =
        [
            Diameter, Wavelength, Index, HostIndex, Substrate, FilmIndex, FilmThickness, CentreHeight, Incidence,
            Polarisation, From, Lmax, ExtraOrders, Tolerance, Json,
        ],
        Examples =
        [
            "miecool substrate --diameter 530nm --wavelength 980nm --index 2.31719+0.0133512i --substrate 1.4507",
            "miecool substrate --diameter 300nm --wavelength 600nm --index 2.5+0.02i --substrate main/Si/nk/Green-2008 " +
            "--film-index main/SiO2/nk/Malitson --film-thickness 100nm --incidence 30deg --polarisation tm --json",
        ],
    };

    /// <summary>
    /// Reads the sphere, the media (material pages at --wavelength), the geometry and the wave; solves the sphere on the
    /// substrate and prints the efficiencies, the multipole table and the settings, or with --json one object. Errors of
    /// the problem's validation name the option that gave the value. Writes no files.
    /// </summary>
    public int Run(Args args, Console console)
    {
        // 1. the problem: the inputs in SI, material pages evaluated at the wavelength, every value checked at its option
        var inputs = Read(args);
        var settings = new SubstrateSettings(args.TryGet(Lmax, out int lmax) ? lmax : null, args.Get(ExtraOrders), args.Get(Tolerance));

        // 2. the solve, and the free sphere's multipoles for comparison
        var p = inputs.Problem;
        var r = SphereOnSubstrate.Solve(p, settings);
        var free = MieSolver.Sphere(2 * Math.PI * p.HostIndex * p.RadiusM / p.VacuumWavelengthM, p.SphereIndex / p.HostIndex);
        var result = new Result(r, settings, inputs, free);
        result.CheckFinite();

        // 3. the output
        if (args.Get(Json)) console.Out.WriteLine(CliJson.Serialize(result.ToJson()));
        else result.Print(console);
        return Program.Ok;
    }

    /// <summary>The problem and the media as given (constant or page).</summary>
    sealed record Inputs(SphereOnSubstrateProblem Problem, Medium Sphere, Medium Substrate, Medium? Film);

    /// <summary>
    /// The problem of the options, validated: the film options both or neither, the centre at least a radius up and a
    /// wave from below only through a transparent substrate (quoting the values as given), then the problem's own checks
    /// moved to the option that gave the value.
    /// </summary>
    static Inputs Read(Args args)
    {
        double wavelength = args.Get(Wavelength), radius = args.Get(Diameter) / 2;
        var sphere = IndexAt(args, Index, wavelength);
        var substrate = IndexAt(args, Substrate, wavelength);
        if (args.Has(FilmIndex) != args.Has(FilmThickness))
        {
            var (given, missing) = args.Has(FilmIndex) ? (FilmIndex, FilmThickness) : ((Option)FilmThickness, (Option)FilmIndex);
            throw new InputException(args.Spelled(given), $"needs {missing.Display}", value: args.Text(given),
                                     valid: "--film-index SPEC --film-thickness LENGTH, both or neither");
        }
        var film = args.Has(FilmIndex) ? IndexAt(args, FilmIndex, wavelength) : null;
        double height = args.TryGet(CentreHeight, out double h) ? h : radius;
        if (!(height >= radius * (1 - 1e-12)))
            throw new InputException(args.Spelled(CentreHeight),
                "the sphere's centre must be at least one radius above the interface (touching or above)",
                value: args.Text(CentreHeight), valid: $">= the radius, {CoolingCommand.G(radius * 1e9, 6)} nm (the default: touching)");
        var plane = new PlanarSubstrate(substrate.Value, film?.Value, film is null ? 0 : args.Get(FilmThickness));
        if (args.Get(From) == IncidenceSide.Substrate && plane.Absorbs)
            throw new InputException(args.Spelled(From),
                $"a plane wave cannot come from inside an absorbing substrate (index {substrate.Text}"
                + (film is null ? ")" : $", film {film.Text})"), value: args.Text(From),
                valid: "--from host for an absorbing substrate or film; --from substrate needs k = 0 below the host");
        var problem = new SphereOnSubstrateProblem(radius, sphere.Value, args.Get(HostIndex), plane, height, wavelength,
                                                   new Illumination(args.Get(Incidence), args.Get(Polarisation), args.Get(From)));
        AtOption(problem.Validate);
        return new Inputs(problem, sphere, substrate, film);
    }

    /// <summary>An index given as a constant or a material page, and its value at the wavelength.</summary>
    sealed record Medium(IRefractiveIndex Material, Complex Value)
    {
        /// <summary>The page's name when a page was given, else null (a constant is its own value).</summary>
        public string? Page => Material is ConstantIndex ? null : Material.Name;
        /// <summary>"n+ki" of the value used, every digit (machine-readable).</summary>
        public string Text => IndexParser.Format(Value);
        /// <summary>"n+ki" with six significant digits, for people.</summary>
        public string Short => Value.Imaginary == 0 ? CoolingCommand.G(Value.Real, 6)
            : $"{CoolingCommand.G(Value.Real, 6)}+{CoolingCommand.G(Value.Imaginary, 6)}i";
    }

    static Medium IndexAt(Args args, CustomOption<IRefractiveIndex> option, double wavelength)
    {
        var material = args.Get(option);
        CoolingInputs.CheckWavelength(material, wavelength, null, args.Spelled(option));
        return new Medium(material, material.At(wavelength));
    }

    /// <summary>The option (canonical name) each key of <see cref="SphereOnSubstrateProblem.Validate"/> comes from.</summary>
    static readonly Dictionary<string, Option> Keys = new()
    {
        ["radius"] = Diameter, ["wavelength"] = Wavelength, ["host"] = HostIndex, ["index"] = Index,
        ["substrate"] = Substrate, ["film_index"] = FilmIndex, ["film_thickness"] = FilmThickness,
        ["centre-height"] = CentreHeight, ["incidence"] = Incidence, ["from"] = From,
    };

    /// <summary>Runs a validation whose errors (keyed by the problem's parameters) are moved to the option that gave the value.</summary>
    static void AtOption(Action<string> validate)
    {
        try { validate(Source); }
        catch (InputException e) when (e.Origin == Source && e.Key is not null && Keys.ContainsKey(e.Key))
        {
            throw e.AtOption(Keys[e.Key].Display);
        }
    }

    /// <summary>The solution with what the output needs around it.</summary>
    sealed record Result(SubstrateScattering R, SubstrateSettings Settings, Inputs Given, MieResult Free)
    {
        Medium Sphere => Given.Sphere;
        Medium Substrate => Given.Substrate;
        Medium? Film => Given.Film;
        SphereOnSubstrateProblem P => R.Problem;

        /// <summary>A length in nm, rounded to 1e-9 nm so that 980 nm prints as 980, not 980.0000000000001.</summary>
        static double Nm(double m) => Math.Round(m * 1e9, 9);

        /// <summary>Qabs / Qabs_free; null for a sphere that does not absorb.</summary>
        double? Ratio => R.QabsFree > 0 ? R.Qabs / R.QabsFree : null;

        /// <summary>Qabs_l / Qabs; null when the sphere does not absorb.</summary>
        double? Share(SubstrateMultipole t) => R.Qabs > 0 ? t.Qabs / R.Qabs : null;

        /// <summary>The free sphere's absorption in the same multipole (0 beyond its order count).</summary>
        double FreeQabs(SubstrateMultipole t) => t.Order <= Free.NMax ? Free.Multipole(t.Order, t.Type).Qabs : 0;

        /// <summary>Never print NaN or infinity: a non-finite number is a failed computation with what to change.</summary>
        public void CheckFinite()
        {
            double[] all = [R.Qext, R.Qsca, R.QscaHost, R.QscaSubstrate, R.Qabs, R.QabsFree, .. R.Multipoles.Select(t => t.Qabs)];
            if (all.Any(v => !double.IsFinite(v)))
                throw new ComputationException(
                    $"{Source}: the solution is not finite (lmax {R.Lmax}, tolerance {Units.Invariant(Settings.Tolerance)}); "
                    + "try another --lmax or --extra-orders, or a looser --tolerance");
        }

        public Dictionary<string, object?> ToJson()
        {
            var doc = new Dictionary<string, object?>
            {
                ["diameter_nm"] = Nm(2 * P.RadiusM),
                ["wavelength_nm"] = Nm(P.VacuumWavelengthM),
                ["index"] = Sphere.Text,
                ["host"] = P.HostIndex,
                ["substrate"] = Substrate.Text,
            };
            if (Sphere.Page is string sp) doc["index_material"] = sp;
            if (Substrate.Page is string sub) doc["substrate_material"] = sub;
            if (Film is not null)
            {
                doc["film_index"] = Film.Text;
                if (Film.Page is string fp) doc["film_index_material"] = fp;
                doc["film_thickness_nm"] = Nm(P.Substrate.FilmThicknessM);
            }
            doc["centre_height_nm"] = Nm(P.CentreHeightM);
            doc["incidence_deg"] = Math.Round(P.Illumination.AngleRad * 180 / Math.PI, 9);
            doc["polarisation"] = P.Illumination.Polarisation == PlanePolarisation.TE ? "te" : "tm";
            doc["from"] = P.Illumination.From == IncidenceSide.Host ? "host" : "substrate";
            doc["substrate_absorbs"] = P.Substrate.Absorbs;
            doc["Qext"] = R.Qext;
            doc["Qsca"] = R.Qsca;
            doc["Qsca_host"] = R.QscaHost;
            doc["Qsca_substrate"] = R.QscaSubstrate;
            doc["Qabs"] = R.Qabs;
            doc["Qabs_free"] = R.QabsFree;
            doc["Qabs_substrate"] = P.Substrate.Absorbs ? R.QabsSubstrate : null;
            doc["Qabs_ratio"] = Ratio;
            doc["Cabs_nm2"] = R.CabsM2 * 1e18;
            doc["absorption_multipoles"] = R.Multipoles.Select(t => new Dictionary<string, object?>
            {
                ["label"] = t.Label, ["n"] = t.Order, ["type"] = t.Type.ToString().ToLowerInvariant(), ["Qabs"] = t.Qabs,
                ["share"] = Share(t), ["Qabs_free"] = FreeQabs(t),
            }).ToList();
            doc["settings"] = new Dictionary<string, object?>
            {
                ["lmax"] = R.Lmax, ["extra_orders"] = Settings.Lmax is null ? Settings.ExtraOrders : null,
                ["tolerance"] = Settings.Tolerance, ["deflection"] = Settings.Deflection, ["integrand_evaluations"] = R.Integrals,
            };
            return doc;
        }

        public void Print(Console console)
        {
            static string G(double v, int digits = 6) => CoolingCommand.G(v, digits);
            var ansi = Terminal.For(console.Out, console.Interactive);
            var table = new Table().Border(TableBorder.Rounded)
                .AddColumn("quantity").AddColumn(new TableColumn("value").RightAligned()).AddColumn("unit");
            void Row(string q, string v, string u = "") => table.AddRow(Markup.Escape(q), Markup.Escape(v), Markup.Escape(u));
            void Section(string title) => table.AddRow($"[bold]{Markup.Escape(title)}[/]", "", "");
            static string Named(Medium m) => m.Page is string page ? $"{m.Short} ({page})" : m.Short;

            var ill = P.Illumination;
            Section("inputs");
            Row("diameter", G(Nm(2 * P.RadiusM)), "nm");
            Row("vacuum wavelength", G(Nm(P.VacuumWavelengthM)), "nm");
            Row("sphere index", Named(Sphere));
            Row("host index", G(P.HostIndex));
            Row("substrate index" + (P.Substrate.Absorbs ? " (absorbs)" : ""), Named(Substrate));
            if (Film is not null)
            {
                Row("film index", Named(Film));
                Row("film thickness", G(Nm(P.Substrate.FilmThicknessM)), "nm");
            }
            Row("centre height (gap)", $"{G(Nm(P.CentreHeightM))} ({G(Nm(P.CentreHeightM - P.RadiusM))})", "nm");
            Row("incidence from the normal", G(ill.AngleRad * 180 / Math.PI), "deg");
            Row("polarisation", ill.Polarisation == PlanePolarisation.TE ? "te (s)" : "tm (p)");
            Row("from", ill.From == IncidenceSide.Host ? "host (downwards)" : "substrate (upwards)");
            Section("efficiencies (C / (pi a^2))");
            Row("Qext (optical theorem)", G(R.Qext));
            Row("Qsca = Qsca_host + Qsca_substrate", G(R.Qsca));
            Row("Qsca_host (into the host's far field)", G(R.QscaHost));
            Row("Qsca_substrate (into the substrate side)", G(R.QscaSubstrate));
            Row("Qabs (absorbed by the sphere)", G(R.Qabs));
            Row("Qabs_free (the sphere in the infinite host)", G(R.QabsFree));
            if (P.Substrate.Absorbs)
                Row("Qabs_substrate (what the particle adds to the substrate's absorption)", G(R.QabsSubstrate));
            Row("Qabs / Qabs_free", Ratio is double q ? G(q) : "-");
            Row("Cabs", G(R.CabsM2 * 1e18), "nm^2");
            Row("Qext - Qabs - Qsca (balance)", G(R.Qext - R.Qabs - R.Qsca, 3));
            Section("convergence");
            Row("multipole order lmax", R.Lmax.ToString(System.Globalization.CultureInfo.InvariantCulture)
                + (Settings.Lmax is null ? $" (Wiscombe + {Settings.ExtraOrders} extra)" : " (--lmax)"));
            Row("integral tolerance / contour deflection", $"{G(Settings.Tolerance, 3)} / {G(Settings.Deflection, 3)} k");
            Row("integrand evaluations", R.Integrals.ToString(System.Globalization.CultureInfo.InvariantCulture));
            ansi.Write(table);

            double largest = R.Multipoles.Select(t => Math.Max(t.Qabs, FreeQabs(t))).DefaultIfEmpty(0).Max();
            var shown = R.Multipoles.Where(t => largest > 0 && Math.Max(t.Qabs, FreeQabs(t)) > 1e-4 * largest).ToList();
            if (shown.Count == 0)
            {
                console.Out.WriteLine("the sphere does not absorb (real index): no absorption multipoles");
                return;
            }
            var orders = new Table().Border(TableBorder.Rounded).AddColumn("n").AddColumn("multipole")
                .AddColumn(new TableColumn("Qabs").RightAligned()).AddColumn(new TableColumn("share").RightAligned())
                .AddColumn(new TableColumn("Qabs_free").RightAligned()).AddColumn(new TableColumn("with / free").RightAligned());
            foreach (var t in shown)
            {
                double f = FreeQabs(t);
                orders.AddRow(t.Order.ToString(System.Globalization.CultureInfo.InvariantCulture), t.Label, G(t.Qabs, 5),
                              Share(t) is double s ? $"{s * 100:F1}%" : "-", G(f, 5), f > 0 ? G(t.Qabs / f, 4) : "-");
            }
            ansi.Write(orders);
        }
    }
}
