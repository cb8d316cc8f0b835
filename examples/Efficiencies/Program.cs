// Efficiencies: the Mie efficiencies of a sphere from a program of one's own, through the MieCool.Optics NuGet package
// (docs/library.md), with an index from a refractiveindex.info page built into the package.
//
// Sample run (pack the library into the local feed first, from the repository's root):
//   dotnet pack src/Core -c Release -o .build/packages && dotnet pack src/Optics -c Release -o .build/packages
//   dotnet run --project examples/Efficiencies
// prints the source of the material pages, then CSV lines wavelength_nm,n,k,Qext,Qsca,Qabs,Qback,g of a 530 nm MAPbI3
// sphere in air from 900 to 1100 nm; at the pump, 980 nm: n = 2.31719, k = 0.0133512 and Qabs = 0.1857, as
// `miecool cooling` prints for the same sphere (README.md, "A worked example").
//
// Assumptions: a homogeneous sphere in a non-absorbing medium (air, n_env = 1); the index of MAPbI3 from the Phillips
// (2015) ellipsometry page (other/perovskite/CH3NH3PbI3/nk/Phillips), m = n + ik with k >= 0 absorbing; SI units.
using System.Globalization;
using MieCool.Optics.Materials;
using MieCool.Optics.Mie;

// 1. The material, by a short form of its database path (MaterialLibrary.Resolve names "material" in its errors).
var mapbi3 = MaterialLibrary.Resolve("MAPbI3/Phillips", "material");
Console.WriteLine($"material {mapbi3.Name} from {MaterialLibrary.Database.Root}");

// 2. The sphere and the wavelengths, in metres.
const double Diameter = 530e-9, NEnv = 1.0;
double[] lambda0 = [900e-9, 950e-9, 980e-9, 1000e-9, 1050e-9, 1100e-9];

// 3. One call for all wavelengths: Qext, Qsca, Qback, g (and Qabs = Qext - Qsca), relative to pi d^2 / 4.
var q = MieSolver.Efficiencies(mapbi3, Diameter, lambda0, NEnv);

// 4. The table: the wavelength in nm, the rest as exact round-trip numbers.
Console.WriteLine("wavelength_nm,n,k,Qext,Qsca,Qabs,Qback,g");
for (int i = 0; i < lambda0.Length; i++)
{
    var m = mapbi3.At(lambda0[i]);
    double[] row = [m.Real, m.Imaginary, q[i].Qext, q[i].Qsca, q[i].Qabs, q[i].Qback, q[i].G];
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{lambda0[i] * 1e9:0.###},") +
                      string.Join(',', row.Select(v => v.ToString("R", CultureInfo.InvariantCulture))));
}

// 5. The headline number, from the one-wavelength call.
var pump = MieSolver.Efficiencies(mapbi3, Diameter, 980e-9, NEnv);
Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"Qabs at 980 nm: {pump.Qabs:F4}"));
