using MieCool.Coupling;
using MieCool.Results;

namespace MieCool.Cli.Output;

/// <summary>The one list of fields a thermal or coupled result exports to HDF5 + XDMF (docs/file-format.md).</summary>
public static class ExportedFields
{
    /// <summary>T and dT (K) at the nodes, q (W/m^3) per cell, and for a coupled run |E|^2 / |E0|^2 per cell.</summary>
    public static IReadOnlyList<ResultField> Of(ThermalSolution t, CoupledSolution? coupled = null)
    {
        var mesh = t.Mesh.Mesh; var s = t.Heat;
        var fields = new List<ResultField>();
        // an absolute temperature below 0 K (a linear model far outside its range) is not written: dT still is
        if (s.AmbientTemperatureK + s.TemperatureRiseK.Min() >= 0)
            fields.Add(ResultField.AtNodes("T", s.TemperatureK, "K", "temperature"));
        fields.AddRange(
        [
            ResultField.AtNodes("dT", s.TemperatureRiseK, "K", "temperature change from ambient"),
            ResultField.AtCells("q", t.Source.CellAverages(mesh), "W/m^3",
                coupled is null
                    ? "heat-source density (cell average)"
                    : "heat-source density (cell average): absorbed minus escaping luminescence"),
        ]);
        if (coupled is not null)
            fields.Add(ResultField.AtCells("E2", HeatSource.CellAverages(mesh, t.Source.Points, coupled.Source.FieldIntensity), "1",
                "|E|^2 / |E0|^2 of the pump in the particle (cell average; 0 outside)"));
        return fields;
    }
}
