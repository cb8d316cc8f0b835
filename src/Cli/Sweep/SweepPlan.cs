using System.Security.Cryptography;
using System.Text;
using MieCool.Cases;
using MieCool.Cli.Output;
using MieCool.Core;

namespace MieCool.Cli.Sweep;

/// <summary>One point of a sweep: its index in point order, the varied keys' values and its file name.</summary>
/// <param name="Index">0-based position in point order (the grid's last key varies fastest).</param>
/// <param name="Varied">The overrides of the varied keys at this point (option --vary).</param>
/// <param name="Values">The varied values, one per axis.</param>
/// <param name="Name">"00017-3fa2c81b09de": the index and a hash of every override of the point (--set and --vary).</param>
public sealed record SweepPoint(int Index, IReadOnlyList<CaseOverride> Varied, IReadOnlyList<SweepValue> Values, string Name);

/// <summary>
/// Everything that decides a sweep's results: the case file (its text), the --set keys, the axes and how they combine, the
/// mesh choice and the program version, with the points they make. Its <see cref="Fingerprint"/> marks every point file,
/// so that a rerun resumes only the same sweep and never mixes in the points of another.
/// </summary>
public sealed class SweepPlan
{
    /// <summary>The case file.</summary>
    public required string CasePath { get; init; }
    /// <summary>The --set keys of every point.</summary>
    public required IReadOnlyList<CaseOverride> Set { get; init; }
    /// <summary>The varied keys.</summary>
    public required IReadOnlyList<SweepAxis> Axes { get; init; }
    /// <summary>True: the axes' lists side by side; false: every combination.</summary>
    public required bool Zip { get; init; }
    /// <summary>True: the coarse mesh of `run --coarse` at every point.</summary>
    public required bool Coarse { get; init; }
    /// <summary>gmsh threads (--threads), or null for the case's [mesh] threads.</summary>
    public required int? Threads { get; init; }
    /// <summary>The points in order.</summary>
    public required IReadOnlyList<SweepPoint> Points { get; init; }
    /// <summary>SHA-256 (hex) of the case text, --set, the axes, zip, mesh choice and program version.</summary>
    public required string Fingerprint { get; init; }

    /// <summary>The points of a grid (last axis fastest) or of zipped axes (equal lengths required).</summary>
    /// <exception cref="InputException">Zipped axes of different lengths, a key varied twice, or too many points.</exception>
    public static SweepPlan Create(string casePath, IReadOnlyList<CaseOverride> set, IReadOnlyList<SweepAxis> axes, bool zip,
                                   bool coarse, int? threads, int maxPoints, string varyOption = "--vary")
    {
        if (!File.Exists(casePath))
            throw new InputException(casePath, "case file not found", valid: "a TOML case file (see `miecool template`)");
        var twice = axes.GroupBy(a => a.Key).FirstOrDefault(g => g.Count() > 1);
        if (twice is not null)
            throw new InputException($"{varyOption} {twice.Key}", "the key is varied twice", valid: "each key in one --vary");
        var combos = new List<SweepValue[]>();
        if (zip)
        {
            var lengths = axes.Select(a => a.Values.Count).Distinct().ToList();
            if (lengths.Count > 1)
                throw new InputException("--zip", "zipped keys need lists of equal length: " +
                                         string.Join(", ", axes.Select(a => $"{a.Key} has {a.Values.Count}")),
                                         valid: "the same number of values for every --vary, or a grid (no --zip)");
            for (int i = 0; i < axes[0].Values.Count; i++) combos.Add(axes.Select(a => a.Values[i]).ToArray());
        }
        else
        {
            double total = axes.Aggregate(1.0, (n, a) => n * a.Values.Count);
            if (total > maxPoints)
                throw new InputException(varyOption, $"the grid has {total:G4} points (at most {maxPoints})",
                                         valid: "fewer values per key, or --zip");
            combos.Add([]);
            foreach (var a in axes) combos = combos.SelectMany(c => a.Values.Select(v => (SweepValue[])[.. c, v])).ToList();
        }
        var points = combos.Select((values, i) =>
        {
            var varied = axes.Select((a, k) => new CaseOverride(a.Key, values[k].Literal, "--vary")).ToList();
            return new SweepPoint(i, varied, values, PointName(i, set, varied));
        }).ToList();
        var identity = new StringBuilder()
            .AppendLine(SummaryFile.ProgramVersion).AppendLine(File.ReadAllText(casePath))
            .AppendLine(string.Join("\n", set.Select(o => $"--set {o.Key}={o.Value}")))
            .AppendLine(string.Join("\n", axes.Select(a => $"--vary {a.Spec}")))
            .AppendLine(FormattableString.Invariant($"zip={zip} coarse={coarse} threads={threads?.ToString() ?? "case"}"));
        return new SweepPlan
        {
            CasePath = casePath, Set = set, Axes = axes, Zip = zip, Coarse = coarse, Threads = threads, Points = points,
            Fingerprint = Hash(identity.ToString()),
        };
    }

    /// <summary>The case at a point: the case file with the --set keys and the point's varied keys.</summary>
    public Case CaseAt(SweepPoint p) => Case.Load(CasePath, [.. Set, .. p.Varied], Coarse);

    /// <summary>The points of shard <paramref name="k"/> of <paramref name="n"/> (1-based): point i belongs to shard i mod n + 1.</summary>
    public IEnumerable<SweepPoint> Shard(int k, int n) => Points.Where(p => p.Index % n == k - 1);

    /// <summary>A point's file name: its index and a hash of every override it runs with (--set, then its varied values).</summary>
    public static string PointName(int index, IEnumerable<CaseOverride> set, IEnumerable<CaseOverride> varied) =>
        $"{index:D5}-{Hash(string.Join("\n", set.Concat(varied).Select(o => $"{o.Key}={o.Value}")))[..12]}";

    /// <summary>SHA-256 of <paramref name="text"/> (UTF-8), lower-case hex.</summary>
    public static string Hash(string text) => Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(text))).ToLowerInvariant();
}
