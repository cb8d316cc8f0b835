using System.Diagnostics;
using System.Runtime.InteropServices;
using MieCool.Cli.Output;
using MieCool.Core;
using MieCool.Results;
using MieCool.Viewer.Scene;

namespace MieCool.Cli.Tests;

/// <summary>
/// The output and fault classes of issue 13: an output path that cannot be written (read-only, a file where a folder is
/// expected and the reverse, a missing folder, a full disk) is one error line with exit 2 and leaves nothing; a result
/// folder only ever holds one complete result (replaced as a whole, locked against a second writer, leftovers of killed
/// runs removed by the next run, SIGINT/SIGTERM clean up and exit 130/143); huge counts and sizes are refused at option
/// validation; no output file holds NaN or Infinity; --quiet with --verbose is refused.
/// </summary>
public sealed class OutputFaultsTests : IDisposable
{
    readonly string _dir = Directory.CreateTempSubdirectory("miecool-faults-").FullName;
    readonly List<string> _immutable = [], _mounts = [];

    public void Dispose()
    {
        foreach (var d in _immutable) Sh("chattr", "-i", d);
        foreach (var m in _mounts) Sh("umount", m);
        Directory.Delete(_dir, recursive: true);
    }

    static (int Code, string Out, string Err) Run(params string[] argv) => HeatCommandTests.Run(argv);

    static string Case(string name) => Path.Combine(IoCommandsTests.RepoRoot(), "cases", name);

    /// <summary>One `error:` line, the exit code, no .NET stack trace.</summary>
    static void OneErrorLine((int Code, string Out, string Err) r, int code, params string[] contains)
    {
        Assert.True(r.Code == code, $"exit {r.Code}: {r.Err}");
        Assert.StartsWith("error: ", r.Err.Split('\n').Last(l => l.Length > 0));
        Assert.Single(r.Err.Split('\n'), l => l.StartsWith("error:", StringComparison.Ordinal));
        Assert.DoesNotContain("   at ", r.Err);
        Assert.DoesNotContain("Exception", r.Err);
        foreach (var c in contains) Assert.Contains(c, r.Err);
    }

    /// <summary>What a folder holds, hidden entries (temporary folders, lock files) included.</summary>
    static string[] Entries(string dir) =>
        Directory.GetFileSystemEntries(dir).Select(Path.GetFileName).Order(StringComparer.Ordinal).ToArray()!;

    static bool IsRoot => Environment.UserName == "root";

    static int Sh(string exe, params string[] args)
    {
        var psi = new ProcessStartInfo(exe) { RedirectStandardError = true, RedirectStandardOutput = true };
        foreach (var a in args) psi.ArgumentList.Add(a);
        try
        {
            using var p = Process.Start(psi)!;
            p.WaitForExit();
            return p.ExitCode;
        }
        catch (System.ComponentModel.Win32Exception) { return -1; } // no such tool
    }

    /// <summary>A folder that even root cannot write into (chattr +i), or null where that is not possible (not root).</summary>
    string? ImmutableFolder(string name)
    {
        var d = Directory.CreateDirectory(Path.Combine(_dir, name)).FullName;
        if (!IsRoot || Sh("chattr", "+i", d) != 0) return null;
        _immutable.Add(d);
        return d;
    }

    /// <summary>A 64 KiB tmpfs (a disk that fills at once), or null where it cannot be mounted (not root).</summary>
    string? SmallDisk(string name, string size = "64k")
    {
        var d = Directory.CreateDirectory(Path.Combine(_dir, name)).FullName;
        if (!IsRoot || Sh("mount", "-t", "tmpfs", "-o", $"size={size}", "tmpfs", d) != 0) return null;
        _mounts.Add(d);
        return d;
    }

    /// <summary>A result folder for `render` (a synthetic particle in a box).</summary>
    string ResultFolder()
    {
        var dir = Directory.CreateDirectory(Path.Combine(_dir, "result")).FullName;
        var data = SyntheticResult.Build(4);
        var fields = data.Fields.Where(f => f.Name != "region").Select(f =>
            new ResultField(f.Name, f.Location == FieldLocation.Point ? FieldCentering.Node : FieldCentering.Cell, f.Values, f.Unit,
                            f.LongName));
        ResultFile.Write(Path.Combine(dir, "fields.h5"), data.Mesh, fields);
        return dir;
    }

    const string Phillips = "other/perovskite/CH3NH3PbI3/nk/Phillips";

    /// <summary>Every command that writes, with its output option last (the path is appended).</summary>
    string[] Command(string name) => name switch
    {
        "run" => ["run", Case("tonkaev2019_mapbi3_d530.toml"), "--coarse", "--quiet", "--out"],
        "heat" => ["heat", Case("heat_sphere_on_glass.toml"), "--coarse", "--quiet", "--out"],
        "mesh" => ["mesh", Case("mesh_example.toml"), "--quiet", "--out"],
        "sweep" => ["sweep", Case("tonkaev2019_mapbi3_d530.toml"), "--diameters", "500:520:20nm", "--quiet", "--out"],
        "spectrum" => ["spectrum", "--material", Phillips, "--diameter", "530nm", "--wavelengths", "600:900:50nm", "--quiet", "--out"],
        "map" => ["map", "--material", Phillips, "--diameters", "500:520:20nm", "--pump-wavelengths", "900:950:50nm",
                  "--intensity", "7e6W/cm2", "--eta-int", "0.99", "--emission", "gaussian:775nm:40nm", "--out"],
        "template" => ["template", "--out"],
        "render" => ["render", ResultFolder(), "--field", "dT", "--size", "64x48", "--out"],
        _ => throw new ArgumentException(name),
    };

    static bool WritesAFile(string command) => command is "template" or "render";

    /// <summary>Every command of <see cref="Command"/>: each test of an output fault runs them all.</summary>
    public static TheoryData<string> WritingCommands => new() { "run", "heat", "mesh", "sweep", "spectrum", "map", "template", "render" };

    /// <summary>
    /// Each command's output option pointed at what it cannot write: a file where a folder is expected (or a folder where a
    /// file is), a path below a file, a missing folder (for a FILE; a folder's missing parents are created), a read-only
    /// folder: one error line naming --out, exit 2, and the folder holds afterwards exactly what it held before.
    /// </summary>
    [Theory]
    [MemberData(nameof(WritingCommands))]
    public void An_output_path_that_cannot_be_written_is_one_error_line_exit_2_and_leaves_nothing(string command)
    {
        var argv = Command(command);
        var file = Path.Combine(_dir, "a_file");
        File.WriteAllText(file, "mine");
        var folder = Directory.CreateDirectory(Path.Combine(_dir, "a_folder")).FullName;
        var before = Entries(_dir);

        if (WritesAFile(command))
        {
            OneErrorLine(Run([.. argv, folder]), 2, "--out", "is a folder, not a file");
            OneErrorLine(Run([.. argv, Path.Combine(_dir, "missing", "x.png")]), 2, "--out", "does not exist");
        }
        else
        {
            OneErrorLine(Run([.. argv, file]), 2, "--out", "is a file, not a folder");
        }
        OneErrorLine(Run([.. argv, Path.Combine(file, "below")]), 2, "--out", "is a file, not a folder");
        Assert.Equal("mine", File.ReadAllText(file));
        Assert.Equal(before, Entries(_dir));

        if (ImmutableFolder("read_only") is { } readOnly)
        {
            OneErrorLine(Run([.. argv, Path.Combine(readOnly, WritesAFile(command) ? "x.out" : "out")]), 2, "--out", "cannot write");
            Assert.Empty(Entries(readOnly));
        }
    }

    /// <summary>
    /// A full disk while the result is written: one error line saying so, exit 2, and nothing left on the disk (no partial
    /// folder, no temporary folder, no lock file). The fault is injected through <see cref="OutputClaim.Write{T}"/> (the one
    /// place every command writes through) and, as root, made real with a 64 KiB tmpfs for `spectrum` and `heat`.
    /// </summary>
    [Fact]
    public void A_full_disk_is_one_error_line_exit_2_and_leaves_nothing()
    {
        var injected = Path.Combine(_dir, "injected");
        var e = Assert.Throws<InputException>(() =>
        {
            using var claim = OutputFolder.Claim(injected);
            claim.Write<int>(temp =>
            {
                File.WriteAllText(Path.Combine(temp, "summary.json"), "{}");
                throw new IOException("No space left on device : 'summary.json'", 28);
            });
        });
        Assert.Contains("disk full", e.Message);
        Assert.Contains(injected, e.Message);
        Assert.Empty(Entries(_dir));

        if (SmallDisk("disk") is not { } disk) return; // not root: the injected fault above is the test
        OneErrorLine(Run("spectrum", "--material", Phillips, "--diameter", "530nm", "--wavelengths", "400:1100:0.5nm", "--quiet",
                         "--out", Path.Combine(disk, "s")), 2, "--out", "disk full");
        Assert.Empty(Entries(disk));
        OneErrorLine(Run([.. Command("heat"), Path.Combine(disk, "nested", "h")]), 2, "--out", "disk full");
        Assert.Empty(Entries(disk));
        // The disk full while HDF5 chunks are flushed: PureHDF then failed on its own bookkeeping ("Chunks can only be
        // written once"), an unhandled exception with exit 134, until the file's own fault was kept (ResultFile).
        OneErrorLine(Run([.. Command("mesh"), Path.Combine(disk, "m")]), 2, "--out", "disk full");
        Assert.Empty(Entries(disk));
        if (SmallDisk("disk128k", "128k") is not { } larger) return;
        OneErrorLine(Run([.. Command("heat"), Path.Combine(larger, "h")]), 2, "--out", "disk full");
        Assert.Empty(Entries(larger));
    }

    /// <summary>
    /// Every command on a disk with no byte left: one error line that says "disk full" (not .NET's own wording), exit 2,
    /// and the disk holds afterwards only what it held before (a sweep leaves no empty folder of its own either).
    /// </summary>
    [Theory]
    [MemberData(nameof(WritingCommands))]
    public void A_full_disk_is_one_disk_full_line_for_every_command(string command)
    {
        if (SmallDisk("full", "64k") is not { } disk) return; // not root: the injected fault above is the test
        using (var fill = File.Create(Path.Combine(disk, "fill")))
        {
            var block = new byte[4096];
            try { for (int i = 0; i < 1000; i++) { fill.Write(block); fill.Flush(); } }
            catch (IOException) { } // the disk is full
        }
        var target = command switch { "template" => "c.toml", "render" => "x.png", _ => Path.Combine("new", "out") };
        OneErrorLine(Run([.. Command(command), Path.Combine(disk, target)]), 2, "--out", "disk full");
        Assert.Equal(["fill"], Entries(disk));
    }

    /// <summary>
    /// An earlier result in DIR is replaced as a whole (no stale file of another command stays beside the new one); a
    /// folder holding files miecool did not write is refused and left as it was.
    /// </summary>
    [Fact]
    public void An_existing_result_folder_is_replaced_as_a_whole_and_a_folder_of_other_files_is_refused()
    {
        var dir = Path.Combine(_dir, "out");
        Assert.Equal(0, Run([.. Command("spectrum"), dir]).Code);
        Assert.Equal(["spectrum.csv", "spectrum.png", "spectrum.svg"], Entries(dir));
        Assert.Equal(0, Run([.. Command("map"), dir]).Code);
        Assert.Equal(["cooling_map.csv", "cooling_power.png", "cooling_power.svg", "eta_c.png", "eta_c.svg"], Entries(dir));
        Assert.Equal(["out"], Entries(_dir));

        var mine = Directory.CreateDirectory(Path.Combine(_dir, "mine")).FullName;
        File.WriteAllText(Path.Combine(mine, "notes.txt"), "keep");
        OneErrorLine(Run([.. Command("spectrum"), mine]), 2, "--out", "notes.txt", "not replaced");
        Assert.Equal(["notes.txt"], Entries(mine));
        Assert.Equal(["mine", "out"], Entries(_dir));
    }

    /// <summary>While one claim holds DIR (another `run` or `heat`), a second writer is refused at once with exit 2.</summary>
    [Fact]
    public void A_folder_that_another_process_writes_is_refused()
    {
        var dir = Path.Combine(_dir, "busy");
        using (OutputFolder.Claim(dir)) // the lock is an flock on .busy.lock: per open file, so it excludes this process too
            OneErrorLine(Run([.. Command("heat"), dir]), 2, "another miecool process is writing this folder");
        Assert.Empty(Entries(_dir)); // released: lock file gone, DIR never created
    }

    // ---- child processes: `dotnet miecool.dll heat ...`, killed or signalled during the run

    [DllImport("libc", SetLastError = true)]
    static extern int kill(int pid, int signal);

    const int SigInt = 2, SigKill = 9, SigTerm = 15, SigStop = 19;

    static Process StartHeat(string outDir)
    {
        var psi = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false,
        };
        foreach (var a in new[] { Path.Combine(AppContext.BaseDirectory, "miecool.dll"), "heat", Case("heat_sphere_on_glass.toml"),
                                  "--coarse", "--threads", "1", "--out", outDir })
            psi.ArgumentList.Add(a);
        psi.Environment["OMP_WAIT_POLICY"] = "PASSIVE";
        var p = Process.Start(psi)!;
        p.BeginOutputReadLine(); p.BeginErrorReadLine();
        return p;
    }

    /// <summary>True when this process ignores <paramref name="signal"/> (/proc/self/status SigIgn), as its children then do.</summary>
    static bool Ignored(int signal)
    {
        var line = File.ReadLines("/proc/self/status").FirstOrDefault(l => l.StartsWith("SigIgn:", StringComparison.Ordinal));
        return line is not null
               && (ulong.Parse(line["SigIgn:".Length..].Trim(), System.Globalization.NumberStyles.HexNumber) >> (signal - 1) & 1) == 1;
    }

    /// <summary>Waits (polling tightly) until <paramref name="seen"/> holds or the child ends; true when it was seen.</summary>
    static bool WaitFor(Process child, Func<bool> seen, double seconds = 15)
    {
        var clock = Stopwatch.StartNew();
        while (clock.Elapsed.TotalSeconds < seconds)
        {
            if (seen()) return true;
            if (child.HasExited) return seen();
            Thread.SpinWait(2000);
        }
        return false;
    }

    /// <summary>
    /// A run removes the leftovers of killed runs (a planted temporary folder and lock file of a dead pid) as it claims DIR;
    /// while it runs, a second writer is refused; SIGKILL in its export stage leaves the lock file and its temporary folder
    /// beside DIR, and the next run removes them and leaves only its complete result.
    /// </summary>
    [Fact]
    public void A_killed_run_leaves_leftovers_that_the_next_run_removes()
    {
        var dir = Path.Combine(_dir, "h");
        var planted = Directory.CreateDirectory(Path.Combine(_dir, ".h.tmp-2147483646-0123456789abcdef")).FullName;
        File.WriteAllText(Path.Combine(planted, "heat.h5"), "partial"); // as a run killed earlier (a dead pid) leaves it
        File.WriteAllText(Path.Combine(_dir, ".h.lock"), "2147483646\n");
        using var child = StartHeat(dir);
        try
        {
            // the child takes the stale lock over and removes the planted leftover as it claims DIR
            Assert.True(WaitFor(child, () => !Directory.Exists(planted)), "the child did not remove the leftover");
            Assert.True(File.Exists(Path.Combine(_dir, ".h.lock")));
            // stop it in the export stage (its temporary folder appears), try a second writer, then kill it there
            Assert.True(WaitFor(child, () => Directory.GetDirectories(_dir, ".h.tmp-*").Length > 0), "never saw the export stage");
            Assert.Equal(0, kill(child.Id, SigStop));
            OneErrorLine(Run([.. Command("heat"), dir]), 2, "another miecool process is writing this folder");
            Assert.Equal(0, kill(child.Id, SigKill));
            child.WaitForExit();
        }
        finally { if (!child.HasExited) child.Kill(); }
        Assert.Equal(128 + SigKill, child.ExitCode);
        Assert.Contains(".h.lock", Entries(_dir)); // what SIGKILL leaves: the lock file and the temporary folder
        Assert.Single(Directory.GetDirectories(_dir, ".h.tmp-*"));
        Assert.False(Directory.Exists(dir));

        var r = Run([.. Command("heat"), dir]);
        Assert.True(r.Code == 0, r.Err);
        Assert.Equal(["h"], Entries(_dir));
        Assert.Equal(["heat.h5", "heat.xdmf", "heat_boundary.xdmf", "heat_particle.xdmf", "summary.json", "view.py"], Entries(dir));
    }

    /// <summary>
    /// The single-file writers (`render --out FILE`, `template --out FILE`) remove what killed runs left beside FILE (its
    /// temporary name with a dead process id, and the PNG encoder's own temporary inside that name), and keep a live
    /// process's.
    /// </summary>
    [Theory]
    [InlineData("render", "x.png")]
    [InlineData("template", "c.toml")]
    public void A_single_file_writer_removes_the_leftovers_of_killed_runs(string command, string file)
    {
        var dir = Directory.CreateDirectory(Path.Combine(_dir, "files")).FullName;
        string[] dead = [$".{file}.tmp-2147483646-0123456789abcdef", $"..{file}.tmp-2147483646-0123456789abcdef.tmp"];
        var live = $".{file}.tmp-{Environment.ProcessId}-0123456789abcdef"; // this test host: alive, so not removed
        foreach (var f in dead.Append(live)) File.WriteAllText(Path.Combine(dir, f), "partial");
        var r = Run([.. Command(command), Path.Combine(dir, file)]);
        Assert.True(r.Code == 0, r.Err);
        Assert.Equal(new[] { live, file }.Order(StringComparer.Ordinal), Entries(dir));
    }

    /// <summary>
    /// SIGTERM and SIGINT during a run (once in the export stage, when the temporary folder exists): the child removes what
    /// it started (the temporary folder, the lock, the parent folder it created), says so in one line and exits 143 / 130.
    /// The export of the coarse case is short: a signal that the child handles only after its result replaced DIR (the test
    /// host descheduled between seeing the temporary folder and sending it) must leave exactly that complete result and no
    /// lock; the test then tries again, up to five times, until one signal lands inside the export.
    /// </summary>
    [Theory]
    [InlineData(SigTerm, 143)]
    [InlineData(SigInt, 130)]
    public void SIGTERM_and_SIGINT_clean_up_and_exit_143_and_130(int signal, int exitCode)
    {
        // a shell's `cmd &` starts this test host with SIGINT ignored, and a child inherits that (no handler can see it)
        if (signal == SigInt && Ignored(SigInt)) return;
        var parent = Path.Combine(_dir, "new");
        var dir = Path.Combine(parent, "h");
        for (int attempt = 1; ; attempt++)
        {
            using var child = StartHeat(dir);
            var err = new System.Text.StringBuilder();
            child.ErrorDataReceived += (_, e) => { lock (err) err.AppendLine(e.Data); };
            try
            {
                Assert.True(WaitFor(child, () => Directory.Exists(parent) && Directory.GetDirectories(parent, ".h.tmp-*").Length > 0
                                                 || Directory.Exists(dir)), "the child never reached the export stage");
                Assert.False(Directory.Exists(dir), "the child finished before the signal: the export was too fast to catch");
                Assert.Equal(0, kill(child.Id, signal));
                Assert.True(child.WaitForExit(15_000));
            }
            finally { if (!child.HasExited) child.Kill(); }
            child.WaitForExit();
            Assert.Equal(exitCode, child.ExitCode);
            lock (err) Assert.Contains("interrupted by SIG", err.ToString());
            if (!Directory.Exists(dir))
            {
                lock (err) Assert.Contains("the unfinished output was removed", err.ToString());
                Assert.Empty(Entries(_dir)); // no DIR, no temporary folder, no lock file, no created parent
                return;
            }
            // the signal came after the commit: one complete result, nothing else beside it
            lock (err) Assert.Contains("no unfinished output was left", err.ToString());
            Assert.Equal(["new"], Entries(_dir));
            Assert.Equal(["h"], Entries(parent));
            Assert.Equal(["heat.h5", "heat.xdmf", "heat_boundary.xdmf", "heat_particle.xdmf", "summary.json", "view.py"], Entries(dir));
            Assert.True(attempt < 5, "five signals in a row came only after the result was complete");
            Directory.Delete(parent, recursive: true);
        }
    }

    /// <summary>
    /// Counts and sizes beyond a documented limit are refused when the option is read, the limit in the message: sweeps
    /// of 1e30 points (which overflowed int), a map of 1e7 points, a Mie series of 1e9 terms (out of memory), --nmax.
    /// </summary>
    [Theory]
    [InlineData("at most 1000000", "spectrum", "--material", Phillips, "--diameter", "530nm", "--wavelengths", "500:1100:1e-27nm",
                "--out", "x")]
    [InlineData("at most 1000000", "materials", "SiO2", "--at", "500:1100:1e-27nm")]
    [InlineData("at most 10000", "sweep", "CASE", "--diameters", "400:700:1e-25nm")]
    [InlineData("at most 10000", "sweep", "CASE", "--intensities", "1:1e30:1W/cm2")]
    [InlineData("at most 1000000 points", "map", "--material", Phillips, "--diameters", "300:800:0.1nm", "--pump-wavelengths",
                "850:1100:0.1nm", "--intensity", "7e6W/cm2", "--eta-int", "0.99", "--emission", "gaussian:775nm:40nm", "--out", "x")]
    [InlineData("x <= 1e5", "mie", "--x", "1e9", "--m", "1.5")]
    [InlineData("x <= 1e5", "mie", "--x", "1e7", "--m", "1.5")]
    [InlineData("at most 5e5 Mie terms", "mie", "--x", "9e4,9e4,9e4,9e4,9e4,9e4", "--m", "1.5")]
    [InlineData("[1, 200000]", "mie", "--x", "1", "--m", "1.5", "--nmax", "1e8")]
    [InlineData("x <= 1e5", "spectrum", "--material", "1.5", "--diameter", "100um", "--host-index", "100", "--wavelengths", "1nm",
                "--out", "x")]
    public void Huge_counts_and_sizes_are_refused_with_the_limit(string limit, params string[] argv)
    {
        argv = argv.Select(a => a == "CASE" ? Case("tonkaev2019_mapbi3_d530.toml") : a == "x" ? Path.Combine(_dir, "x") : a).ToArray();
        OneErrorLine(Run(argv), 2, limit);
        Assert.Empty(Entries(_dir));
    }

    /// <summary>
    /// A constant-index particle (whose data range is 0 to infinity) through the whole coupled run: no file holds NaN or
    /// Infinity (summary.json said "0.0-Infinity"); the safety nets refuse a non-finite number in JSON, CSV and fields.
    /// </summary>
    [Fact]
    public void No_output_file_holds_NaN_or_Infinity_and_the_writers_refuse_them()
    {
        var text = File.ReadAllText(Case("tonkaev2019_mapbi3_d530.toml"));
        text = text.Replace($"material = \"{Phillips}\"", "material = \"2.5+0.01i\"")
                   .Replace("host_index = 1.0", "host_index = 1.0\nsubstrate = \"none\"");
        text = text[..text.IndexOf("\n[absorption]", StringComparison.Ordinal)];
        text = string.Join('\n', text.Split('\n').Where(l => !l.StartsWith("peak_shift", StringComparison.Ordinal)))
               + "\n[absorption]\nmodel = \"tabulated\"\n\n[steady_state]\nmodel = \"linear\"\n";
        var casePath = Path.Combine(_dir, "constant.toml");
        File.WriteAllText(casePath, text);
        var dir = Path.Combine(_dir, "constant");
        Environment.SetEnvironmentVariable("MIECOOL_RUN_PLOT", "2d"); // the optics and files are the point, not the GL picture
        try
        {
            var r = Run("run", casePath, "--coarse", "--quiet", "--threads", "2", "--out", dir);
            Assert.True(r.Code == 0, r.Err);
        }
        finally { Environment.SetEnvironmentVariable("MIECOOL_RUN_PLOT", null); }
        foreach (var f in new[] { "summary.json", "spectrum.csv", "fields.xdmf" })
        {
            var content = File.ReadAllText(Path.Combine(dir, f));
            Assert.DoesNotContain("Infinity", content);
            Assert.DoesNotContain("NaN", content);
        }
        Assert.Contains("\"range_nm\": \"any (constant index)\"", File.ReadAllText(Path.Combine(dir, "summary.json")));
        foreach (var field in ResultFile.Read(Path.Combine(dir, "fields.h5")).Fields)
            Assert.All(field.Values, v => Assert.True(double.IsFinite(v), field.Name));

        // the nets: JSON numbers, CSV cells and JSON strings, result fields
        var json = Assert.Throws<ComputationException>(() => SummaryFile.Json(new() { ["x"] = double.NegativeInfinity }));
        Assert.Contains("non-finite", json.Message);
        var csv = Assert.Throws<ComputationException>(() => FiniteOutput.Check("a,b\n1,2\n3,NaN\n", "t.csv"));
        Assert.Contains("t.csv:3", csv.Message);
        Assert.Throws<ComputationException>(() => FiniteOutput.Check("{\"r\": \"0.0-Infinity\"}", "summary.json"));
        Assert.Equal("an infinite medium, NaNo", FiniteOutput.Check("an infinite medium, NaNo", "t.csv"));
        Assert.Throws<ComputationException>(() =>
            FiniteOutput.Check([ResultField.AtNodes("dT", [0, double.NaN], "K", "t")], "heat.h5"));
    }

    /// <summary>--quiet and --verbose contradict each other: one error line, exit 2, before anything runs.</summary>
    [Fact]
    public void Quiet_with_verbose_is_refused()
    {
        OneErrorLine(Run("mesh", Case("mesh_example.toml"), "--out", Path.Combine(_dir, "m"), "--quiet", "--verbose"), 2,
                     "--quiet", "--verbose");
        Assert.Empty(Entries(_dir));
    }
}
