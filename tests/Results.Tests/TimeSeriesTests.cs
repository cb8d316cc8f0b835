using MieCool.Mesh;

namespace MieCool.Results.Tests;

/// <summary>A time series in the result file: ParaView's XDMF3 reader sees every step with its time and its field.</summary>
public sealed class TimeSeriesTests : IDisposable
{
    readonly string _dir = Directory.CreateTempSubdirectory("miecool-series-").FullName;
    public void Dispose() => Directory.Delete(_dir, recursive: true);

    static readonly double[] Times = [1e-9, 1e-6, 1e-3];

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    public void ParaViewPlaysEveryStepWithItsTimeAndValues(int order)
    {
        var mesh = TestMeshes.Box(3, 1e-6, order);
        // step k: dT = -(k + 1) K everywhere, so ParaView's range at each time tells which step it read
        var series = Times.Select((t, k) => new ResultStep(t,
            [ResultField.AtNodes("dT", Enumerable.Repeat(-(k + 1.0), mesh.NodeCount).ToArray(), "K", "temperature change")])).ToList();
        var fixedFields = new[] { ResultField.AtCells("q", new double[mesh.CellCount], "W/m^3", "heat-source density") };
        var paths = ResultFile.Write(Path.Combine(_dir, "fields.h5"), mesh, fixedFields, "miecool test", series);
        var seen = ExternalTools.Pvbatch("""
            import sys, json
            from paraview.simple import Xdmf3ReaderS, UpdatePipeline
            from paraview import servermanager as sm
            r = Xdmf3ReaderS(FileName=[sys.argv[1]])
            times = list(r.TimestepValues)
            out = {"times": times, "dT": [], "q": []}
            for t in times:
                r.UpdatePipeline(t)
                d = sm.Fetch(r)
                if d.IsA("vtkCompositeDataSet"):
                    it = d.NewIterator(); it.InitTraversal(); d = it.GetCurrentDataObject()
                out["dT"].append(list(d.GetPointData().GetArray("dT [K]").GetRange()))
                out["q"].append(d.GetCellData().GetArray("q [W/m^3]") is not None)
            print(json.dumps(out))
            """, paths.Xdmf);
        var times = seen.GetProperty("times").EnumerateArray().Select(e => e.GetDouble()).ToArray();
        Assert.Equal(Times, times);
        var ranges = seen.GetProperty("dT").EnumerateArray().Select(e => e.EnumerateArray().Select(v => v.GetDouble()).ToArray()).ToArray();
        for (int k = 0; k < Times.Length; k++) Assert.Equal(new[] { -(k + 1.0), -(k + 1.0) }, ranges[k]);
        Assert.All(seen.GetProperty("q").EnumerateArray(), e => Assert.True(e.GetBoolean()));
        // geometry and topology once: one Topology and one Geometry in each .xdmf (every step includes them), none per step
        // in the .h5 (its steps hold only fields)
        foreach (var xdmf in new[] { paths.Xdmf, paths.BoundaryXdmf })
        {
            var doc = System.Xml.Linq.XDocument.Load(xdmf);
            Assert.Single(doc.Descendants("Topology"));
            Assert.Single(doc.Descendants("Geometry"));
            Assert.Equal(Times.Length, doc.Descendants("Time").Count());
        }
        var layout = ExternalTools.H5py("""
            import sys, json, h5py
            f = h5py.File(sys.argv[1], "r")
            names = []
            f["series"].visititems(lambda name, o: names.append(name) if isinstance(o, h5py.Dataset) else None)
            print(json.dumps({"series": sorted(names)}))
            """, paths.Hdf5);
        Assert.Equal(Enumerable.Range(0, Times.Length).Select(k => $"{ResultFile.StepGroup(k)}/fields/dT"),
                     layout.GetProperty("series").EnumerateArray().Select(e => e.GetString()));
        // the boundary plays the same steps
        var boundary = ExternalTools.Pvbatch("""
            import sys, json
            from paraview.simple import Xdmf3ReaderS
            r = Xdmf3ReaderS(FileName=[sys.argv[1]])
            print(json.dumps({"times": list(r.TimestepValues)}))
            """, paths.BoundaryXdmf);
        Assert.Equal(Times, boundary.GetProperty("times").EnumerateArray().Select(e => e.GetDouble()));
        // the reader sees the fixed fields and the last step's (the end state)
        var back = ResultFile.Read(paths.Hdf5);
        Assert.True(back.HasField("q"));
        Assert.All(back.Field("dT").Values, v => Assert.Equal(-Times.Length, v));
    }

    [Fact]
    public void TimesThatDoNotIncreaseAreRefusedBeforeAnythingIsWritten()
    {
        var mesh = TestMeshes.Box(1);
        var step = new ResultStep(1e-6, [ResultField.AtNodes("dT", new double[mesh.NodeCount], "K", "dT")]);
        Assert.Throws<ArgumentException>(() => ResultFile.Write(Path.Combine(_dir, "bad.h5"), mesh, [], null, [step, step]));
        Assert.Empty(Directory.GetFiles(_dir));
    }
}
