using System.Diagnostics;
using System.Text.Json;

namespace MieCool.Results.Tests;

/// <summary>
/// Runs the Debian tools the export tests check against (h5py, ParaView's pvbatch). A missing tool fails the
/// test loudly with the package to install (./test.sh installs them through scripts/deps.sh); it never skips.
/// </summary>
public static class ExternalTools
{
    /// <summary>Debian's python3 (python3-h5py is installed for it, not for a pyenv or venv python).</summary>
    public const string Python = "/usr/bin/python3";
    public const string PvBatch = "/usr/bin/pvbatch";

    /// <summary>Runs a Python script with Debian's python3 + h5py; returns its stdout parsed as JSON.</summary>
    public static JsonElement H5py(string script, params string[] args)
    {
        Require(Python, "python3");
        var check = Run(Python, ["-c", "import h5py"], TimeSpan.FromSeconds(60));
        if (check.Code != 0)
            throw new InvalidOperationException($"h5py is not importable by {Python} (apt-get install python3-h5py):\n{check.Err}");
        return Json(RunScript(Python, [], script, args, TimeSpan.FromSeconds(120)));
    }

    /// <summary>Runs a ParaView Python script with pvbatch offscreen; returns its last stdout line parsed as JSON.</summary>
    public static JsonElement Pvbatch(string script, params string[] args)
    {
        Require(PvBatch, "paraview python3-paraview");
        return Json(RunScript(PvBatch, ["--force-offscreen-rendering"], script, args, TimeSpan.FromSeconds(300)));
    }

    /// <summary>Debian's xvfb-run: Debian's ParaView renders through X (no EGL build), so a screenshot needs a virtual display.</summary>
    public const string XvfbRun = "/usr/bin/xvfb-run";

    /// <summary>
    /// <see cref="Pvbatch"/> for a script that renders (SaveScreenshot): Debian's ParaView renders through X only. First on
    /// the tests' X display when they have one (./test.sh runs them under xvfb-run), else, and when that display refuses
    /// the connection, under a virtual X server of its own (xvfb-run -a). Under heavy load an X server now and then refuses
    /// pvbatch's connection ("bad X server connection"; xvfb-run -a can also lose the race for a display number): such an
    /// attempt is repeated, up to four in all.
    /// </summary>
    public static JsonElement PvbatchRendering(string script, params string[] args)
    {
        Require(PvBatch, "paraview python3-paraview");
        Require(XvfbRun, "xvfb xauth");
        bool display = Environment.GetEnvironmentVariable("DISPLAY") is { Length: > 0 };
        var seen = new List<string>(); // each refused attempt: where, and what the X server logged, for the final failure
        for (int attempt = 1; ; attempt++)
        {
            bool own = !(display && attempt == 1);
            string xlog = Path.Combine(Path.GetTempPath(), $"miecool-test-xvfb-{Guid.NewGuid():N}.log");
            try
            {
                return own
                    ? Json(RunScript(XvfbRun, ["-a", "-e", xlog, "-s", "-screen 0 1280x1024x24", PvBatch], script, args,
                                     TimeSpan.FromSeconds(300)))
                    : Json(RunScript(PvBatch, [], script, args, TimeSpan.FromSeconds(300), keepDisplay: true));
            }
            catch (InvalidOperationException e) when (e.Message.Contains("bad X server connection", StringComparison.Ordinal))
            {
                string where = own ? "a private xvfb-run -a server" : $"the tests' display {Environment.GetEnvironmentVariable("DISPLAY")}";
                string logged = File.Exists(xlog) ? File.ReadAllText(xlog).Trim() : "";
                seen.Add($"attempt {attempt} on {where}: refused" + (logged.Length > 0 ? $"; Xvfb logged: {logged}" : ""));
                if (attempt == 4)
                    throw new InvalidOperationException($"{string.Join("\n", seen)}\nlast attempt:\n{e.Message}", e);
                Thread.Sleep(1000 * attempt);
            }
            finally { File.Delete(xlog); }
        }
    }

    static void Require(string exe, string package)
    {
        if (!File.Exists(exe))
            throw new InvalidOperationException($"{exe} is missing: install the Debian package(s) {package} (./test.sh does)");
    }

    static string RunScript(string exe, string[] pre, string script, string[] args, TimeSpan timeout, bool keepDisplay = false)
    {
        string file = Path.Combine(Path.GetTempPath(), $"miecool-test-{Guid.NewGuid():N}.py");
        File.WriteAllText(file, script);
        try
        {
            var r = Run(exe, [.. pre, file, .. args], timeout, keepDisplay);
            if (r.Code != 0) throw new InvalidOperationException($"{exe} exited with {r.Code}:\n{r.Err}\n{r.Out}");
            return r.Out;
        }
        finally { File.Delete(file); }
    }

    static JsonElement Json(string stdout)
    {
        // pvbatch may print banners; the script prints its JSON as the last line
        var line = stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
                         .LastOrDefault(l => l.StartsWith('{'))
                   ?? throw new InvalidOperationException($"no JSON line in the tool's output:\n{stdout}");
        return JsonDocument.Parse(line).RootElement.Clone();
    }

    public sealed record Result(int Code, string Out, string Err);

    /// <summary>Runs <paramref name="exe"/> with Qt offscreen and, unless <paramref name="keepDisplay"/>, without an X display.</summary>
    public static Result Run(string exe, string[] args, TimeSpan timeout, bool keepDisplay = false)
    {
        var psi = new ProcessStartInfo(exe) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var a in args) psi.ArgumentList.Add(a);
        psi.Environment["QT_QPA_PLATFORM"] = "offscreen";
        if (!keepDisplay) psi.Environment.Remove("DISPLAY"); // pvbatch offscreen needs no X server
        using var p = Process.Start(psi) ?? throw new InvalidOperationException($"cannot start {exe}");
        var stdout = p.StandardOutput.ReadToEndAsync();
        var stderr = p.StandardError.ReadToEndAsync();
        if (!p.WaitForExit(timeout))
        {
            p.Kill(entireProcessTree: true);
            throw new TimeoutException($"{exe} did not finish within {timeout.TotalSeconds} s");
        }
        return new Result(p.ExitCode, stdout.Result, stderr.Result);
    }
}
