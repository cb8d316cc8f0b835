using System.Text.Json;

namespace MieCool.Cli;

/// <summary>How every command writes JSON: indented, and with units such as "W/(m K)" or "µm" left unescaped.</summary>
public static class CliJson
{
    public static readonly JsonSerializerOptions Options = new()
    {
        WriteIndented = true, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };
}
