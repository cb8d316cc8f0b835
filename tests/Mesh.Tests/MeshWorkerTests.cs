using System.Diagnostics;
using MieCool.Core;

namespace MieCool.Mesh.Tests;

/// <summary>
/// gmsh in its worker process (<see cref="MeshWorker"/>): the mesh it sends back is gmsh's own, one worker serves one mesh
/// after another, a crash of the worker is met by a second worker and then reported with the worker's last words, gmsh's
/// failures keep their message (and the worker), and a worker whose parent is gone stops.
/// </summary>
public sealed class MeshWorkerTests
{
    static readonly MeshSpec Small = new(265e-9, 0, new ContactSpec(ContactKind.Radius, 50e-9), BoxHalfSize: 4, HMin: 60e-9,
                                         Grading: 0.5);

    /// <summary>A fake worker: /bin/sh running <paramref name="script"/> (which may then run the real one).</summary>
    static ProcessStartInfo Shell(string script)
    {
        var real = MeshWorker.Start();
        var start = new ProcessStartInfo("/bin/sh");
        start.ArgumentList.Add("-c");
        start.ArgumentList.Add(script);
        start.ArgumentList.Add("sh");
        start.ArgumentList.Add(real.FileName);
        foreach (var a in real.ArgumentList) start.ArgumentList.Add(a);
        return start;
    }

    [Fact]
    public void The_workers_mesh_is_the_mesh_gmsh_makes_in_this_process_bit_for_bit()
    {
        var lines = new List<string>();
        using var worker = new MeshWorker(MeshWorker.Start);
        var viaWorker = worker.Mesh(Small, new Collect(lines));
        var here = ParticleMesher.Generate(Small, null, gmshSetOrder: false);
        Assert.Equal(here.Mesh.Nodes, viaWorker.Mesh.Nodes);
        Assert.Equal(here.Mesh.Cells, viaWorker.Mesh.Cells);
        Assert.Equal(here.Mesh.CellRegion, viaWorker.Mesh.CellRegion);
        Assert.Equal(here.Mesh.BoundaryFaces, viaWorker.Mesh.BoundaryFaces);
        Assert.Equal(here.Mesh.BoundaryRegion, viaWorker.Mesh.BoundaryRegion);
        Assert.Equal(here.Mesh.Particle, viaWorker.Mesh.Particle);
        Assert.Equal(here.Report.Regions, viaWorker.Report.Regions);
        MeshReport Untimed(MeshReport r) => r with
        {
            Regions = here.Report.Regions, GeometrySeconds = 0, MeshingSeconds = 0, ReadBackSeconds = 0, ReadBackCpuSeconds = 0,
        };
        Assert.Equal(Untimed(here.Report), Untimed(viaWorker.Report));
        // the worker's progress comes through: the mesher's own line and gmsh's log
        Assert.Contains(lines, l => l.StartsWith("meshing: h_min 60 nm", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.StartsWith("gmsh: Info", StringComparison.Ordinal));
        // the same worker makes the next mesh, and a failure of gmsh leaves it running
        int? id = worker.ProcessId;
        Assert.NotNull(id);
        var p2 = worker.Mesh(Small with { HMin = 80e-9 }, null);
        Assert.Equal(ParticleMesher.Generate(Small with { HMin = 80e-9 }, null, gmshSetOrder: false).Mesh.Nodes, p2.Mesh.Nodes);
        Assert.Equal(id, worker.ProcessId);
    }

    [Fact]
    public void A_spec_goes_to_the_worker_and_back_bit_for_bit()
    {
        var random = new Random(7);
        for (int i = 0; i < 200; i++)
        {
            var spec = new MeshSpec(random.NextDouble() * 1e-6, random.NextDouble() * 1e-7,
                                    new ContactSpec((ContactKind)random.Next(3), random.NextDouble() * 3e-7),
                                    1 + 40 * random.NextDouble(), random.NextDouble() * 1e-7, random.NextDouble(), 1 + random.Next(2),
                                    random.Next(4), random.Next(1, int.MaxValue));
            Assert.Equal(spec, MeshWorker.ParseSpec(MeshWorker.SpecLine(spec)));
        }
        Assert.Null(MeshWorker.ParseSpec("1e-7 0 Radius"));
        Assert.Null(MeshWorker.ParseSpec("x 0 Radius 5e-8 4 6e-8 0.5 1 1 20000000"));
    }

    [Fact]
    public void A_worker_that_crashes_twice_is_reported_with_its_last_words_and_the_program_lives_on()
    {
        var lines = new List<string>();
        using var worker = new MeshWorker(() => Shell(
            "echo \"terminate called after throwing an instance of 'std::string'\" >&2; kill -ABRT $$"));
        var e = Assert.Throws<ComputationException>(() => worker.Mesh(Small, new Collect(lines)));
        Assert.Contains($"gmsh crashed {MeshWorker.Attempts} times", e.Message);
        Assert.Contains("exit code 134", e.Message); // 128 + SIGABRT
        Assert.Contains("terminate called after throwing an instance of 'std::string'", e.Message);
        Assert.Equal(MeshWorker.Attempts - 1, lines.Count(l => l.StartsWith("gmsh crashed while meshing (exit code 134",
                                                                          StringComparison.Ordinal)));
    }

    /// <summary>
    /// A worker that crashes whenever it is asked for more than one thread (HXT), as gmsh did twice in a row for one coarse
    /// spec: the last try meshes with one thread (gmsh's Delaunay), says so, and its report says 1 thread.
    /// </summary>
    [Fact]
    public void A_multi_threaded_mesh_that_crashes_every_time_is_made_with_one_thread_on_the_last_try()
    {
        var lines = new List<string>();
        // the spec line's ninth value is the thread count; with one thread the line goes on to the real worker
        using var worker = new MeshWorker(() => Shell(
            "read spec; if [ \"$(echo \"$spec\" | cut -d' ' -f9)\" != 1 ]; then " +
            "echo 'malloc(): unaligned tcache chunk detected' >&2; kill -ABRT $$; fi; { echo \"$spec\"; exec cat; } | \"$@\""));
        var result = worker.Mesh(Small with { Threads = 2 }, new Collect(lines));
        Assert.True(result.Mesh.CellCount > 0);
        Assert.Equal(1, result.Report.Threads);
        var crashes = lines.Where(l => l.StartsWith("gmsh crashed while meshing (exit code 134", StringComparison.Ordinal)).ToList();
        Assert.Equal(MeshWorker.Attempts - 1, crashes.Count);
        Assert.Contains("malloc(): unaligned tcache chunk detected", crashes[0]);
        Assert.EndsWith("meshing again in a new process with 1 thread (gmsh's Delaunay instead of HXT)", crashes[^1]);
        Assert.Equal(Small with { Threads = 1 }, MeshWorker.SpecOfAttempt(Small with { Threads = 2 }, MeshWorker.Attempts));
        Assert.Equal(Small, MeshWorker.SpecOfAttempt(Small, MeshWorker.Attempts)); // one thread asked: the same spec
    }

    [Fact]
    public void A_worker_that_crashes_once_is_followed_by_one_that_meshes()
    {
        string marker = Path.Combine(Path.GetTempPath(), $"miecool-worker-test-{Guid.NewGuid():N}");
        try
        {
            var lines = new List<string>();
            // the first worker dies of a segmentation fault; the second runs the real worker
            using var worker = new MeshWorker(() => Shell(
                $"if [ ! -e '{marker}' ]; then touch '{marker}'; kill -SEGV $$; fi; exec \"$@\""));
            var result = worker.Mesh(Small, new Collect(lines));
            Assert.True(result.Mesh.CellCount > 0);
            Assert.Contains(lines, l => l.StartsWith("gmsh crashed while meshing (exit code 139", StringComparison.Ordinal));
        }
        finally { File.Delete(marker); }
    }

    [Fact]
    public void A_worker_whose_result_does_not_check_out_counts_as_crashed()
    {
        using var worker = new MeshWorker(() => Shell("read spec; echo 'done 15' >&2; printf MCWORK01garbage; sleep 1"));
        var e = Assert.Throws<ComputationException>(() => worker.Mesh(Small, null));
        Assert.Contains("its result did not check out", e.Message);
    }

    [Fact]
    public void A_failure_of_gmsh_in_the_worker_is_an_error_with_its_message_and_no_second_try()
    {
        var lines = new List<string>();
        using var worker = new MeshWorker(() => Shell(
            "read spec; echo 'progress: gmsh: Error: something' >&2; " +
            "echo 'error: gmsh could not mesh the geometry: something' >&2; read next"));
        var e = Assert.Throws<ComputationException>(() => worker.Mesh(Small, new Collect(lines)));
        Assert.Equal("gmsh could not mesh the geometry: something", e.Message);
        Assert.Equal(["gmsh: Error: something"], lines);
        Assert.NotNull(worker.ProcessId); // still there, for the next mesh
    }

    [Fact]
    public void The_worker_stops_when_its_parent_is_gone()
    {
        // a mesh of a few minutes; the parent closes the worker's standard input, as its end would
        var start = MeshWorker.Start();
        start.RedirectStandardInput = start.RedirectStandardOutput = start.RedirectStandardError = true;
        using var worker = Process.Start(start)!;
        try
        {
            worker.StandardInput.WriteLine(MeshWorker.SpecLine(Small with { HMin = 6e-9, Grading = 0.05, BoxHalfSize = 10 }));
            worker.StandardInput.Flush();
            // wait until gmsh meshes, then go
            string? line;
            do line = worker.StandardError.ReadLine();
            while (line is not null && !line.StartsWith("progress: meshing:", StringComparison.Ordinal));
            Assert.NotNull(line);
            var clock = Stopwatch.StartNew();
            worker.StandardInput.Close();
            Assert.True(worker.WaitForExit(10_000), "the worker still runs 10 s after its parent's end");
            Assert.Equal(137, worker.ExitCode); // 128 + SIGKILL: it stopped itself
            Assert.True(clock.Elapsed < TimeSpan.FromSeconds(5), $"the worker took {clock.Elapsed} to stop");
        }
        finally
        {
            if (!worker.HasExited) worker.Kill();
        }
    }

    sealed class Collect(List<string> lines) : IProgress<string>
    {
        public void Report(string value)
        {
            lock (lines) lines.Add(value);
        }
    }
}
