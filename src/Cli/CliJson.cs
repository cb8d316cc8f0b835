using System.Text.Json;

namespace MieCool.Cli;

/// <summary>How every command writes JSON: indented, and with units such as "W/(m K)" or "µm" left unescaped.</summary>
public static class CliJson
{
    /// <summary>
    /// The serializer options of summary.json and of the `--json` outputs built from dictionaries: indented, relaxed
    /// escaping (characters such as '+', '&lt;' or 'µ' stay as written), NaN and infinities refused
    /// (<see cref="Output.FiniteOutput.FiniteDouble"/>). One shared instance, never modified:
    /// System.Text.Json caches its type metadata per options instance.
    /// </summary>
    public static readonly JsonSerializerOptions Options = new()
    {
        WriteIndented = true, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        Converters = { new Output.FiniteOutput.FiniteDouble() },
    };
}
