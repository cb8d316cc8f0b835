using MieCool.Core.Numerics;

namespace MieCool.Thermal.Assembly;

/// <summary>
/// A quadrature rule on the reference simplex in barycentric coordinates: point q has coordinates
/// <c>Barycentric[q*(d+1) .. q*(d+1)+d]</c> (d = 2 for triangles, 3 for tetrahedra) and a weight that is a
/// fraction of the simplex measure (the weights sum to 1: multiply by the area or volume).
/// </summary>
public sealed record QuadratureRule(int Dimension, int Degree, double[] Barycentric, double[] Weights)
{
    /// <summary>Number of quadrature points.</summary>
    public int Count => Weights.Length;

    /// <summary>A rule on the tetrahedron exact for polynomials of total degree <paramref name="degree"/>.</summary>
    public static QuadratureRule Tetrahedron(int degree)
    {
        if (degree <= 1) return new(3, 1, [0.25, 0.25, 0.25, 0.25], [1.0]);
        if (degree == 2)
        {
            // The symmetric 4-point rule, exact for degree 2 (Keast 1986, rule 2): a = (5 + 3 sqrt 5)/20, b = (5 - sqrt 5)/20.
            double a = (5 + 3 * Math.Sqrt(5)) / 20, b = (5 - Math.Sqrt(5)) / 20;
            return new(3, 2, [a, b, b, b, b, a, b, b, b, b, a, b, b, b, b, a], [0.25, 0.25, 0.25, 0.25]);
        }
        if (degree == 3)
        {
            // 8 points in two orbits (a, b, b, b), b = (1 - a) / 3, with weights w / 4 and (1 - w) / 4: the moment equations
            // of degree <= 3 (the symmetric polynomials 1, e2, e3 of the barycentric coordinates; E[prod l_i^k_i] =
            // 3! prod k_i! / (3 + sum k_i)!) solved here to 30 digits. Positive weights, points inside: the same degree as
            // the 27-point collapsed product with under a third of the points (the source sampling of P2 meshes).
            const double a1 = 0.0148231114700177571125087, a2 = 0.670084145720134422092297, w1 = 0.527974238036770074661713;
            var coordinates = new double[32]; var pointWeights = new double[8];
            int p = 0;
            foreach (var (a, wt) in new[] { (a1, w1 / 4), (a2, (1 - w1) / 4) })
                for (int k = 0; k < 4; k++, p++)
                {
                    for (int i = 0; i < 4; i++) coordinates[4 * p + i] = i == k ? a : (1 - a) / 3;
                    pointWeights[p] = wt;
                }
            return new(3, 3, coordinates, pointWeights);
        }
        // Collapsed (Duffy) product of Gauss-Legendre rules (Stroud 1971): x = u, y = (1-u) v, z = (1-u)(1-v) w,
        // Jacobian (1-u)^2 (1-v); a degree-p integrand becomes degree p+2 in u, so n >= (p+3)/2 points per direction.
        int n = (degree + 4) / 2;
        var (t, w) = GaussLegendre.Rule(n, 0, 1);
        var bary = new List<double>(); var weights = new List<double>();
        for (int i = 0; i < n; i++)
            for (int j = 0; j < n; j++)
                for (int k = 0; k < n; k++)
                {
                    double u = t[i], v = t[j], s = t[k];
                    double x = u, y = (1 - u) * v, z = (1 - u) * (1 - v) * s;
                    bary.AddRange([1 - x - y - z, x, y, z]);
                    weights.Add(6 * w[i] * w[j] * w[k] * (1 - u) * (1 - u) * (1 - v));
                }
        return new(3, degree, bary.ToArray(), weights.ToArray());
    }

    /// <summary>A rule on the triangle exact for polynomials of total degree <paramref name="degree"/>.</summary>
    public static QuadratureRule Triangle(int degree)
    {
        if (degree <= 1) return new(2, 1, [1.0 / 3, 1.0 / 3, 1.0 / 3], [1.0]);
        // Collapsed product rule: x = u, y = (1-u) v, Jacobian (1-u); degree p becomes p+1 in u.
        int n = (degree + 3) / 2;
        var (t, w) = GaussLegendre.Rule(n, 0, 1);
        var bary = new List<double>(); var weights = new List<double>();
        for (int i = 0; i < n; i++)
            for (int j = 0; j < n; j++)
            {
                double x = t[i], y = (1 - t[i]) * t[j];
                bary.AddRange([1 - x - y, x, y]);
                weights.Add(2 * w[i] * w[j] * (1 - t[i]));
            }
        return new(2, degree, bary.ToArray(), weights.ToArray());
    }
}
