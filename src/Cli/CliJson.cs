using System.Buffers;
using System.Collections;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

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

    static readonly Output.FiniteOutput.FiniteDouble Finite = new();

    /// <summary>
    /// <paramref name="value"/> as JSON with <see cref="Options"/>: the text <c>JsonSerializer.Serialize(value, Options)</c>
    /// gives, written directly for what the commands' documents are made of (dictionaries with string keys, lists, strings,
    /// numbers, booleans, null; JSON nodes), so that a command does not pay for the serializer's reflection over them at its first
    /// call (about 50 ms of a `miecool run`), and so that the native program (NativeAOT, without the serializer's reflection)
    /// writes them too; any other value is a programming error (<see cref="InvalidOperationException"/>).
    /// </summary>
    public static string Serialize(object? value)
    {
        var buffer = new ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = true, Encoder = Options.Encoder }))
            Write(writer, value);
        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }

    static void Write(Utf8JsonWriter w, object? value)
    {
        switch (value)
        {
            case null: w.WriteNullValue(); break;
            case string s: w.WriteStringValue(s); break;
            case double d: Finite.Write(w, d, Options); break;
            case int i: w.WriteNumberValue(i); break;
            case long l: w.WriteNumberValue(l); break;
            case bool b: w.WriteBooleanValue(b); break;
            case IDictionary map when map.GetType().IsGenericType && map.GetType().GetGenericArguments()[0] == typeof(string):
                w.WriteStartObject();
                foreach (DictionaryEntry entry in map)
                {
                    w.WritePropertyName((string)entry.Key);
                    Write(w, entry.Value);
                }
                w.WriteEndObject();
                break;
            case float f when float.IsFinite(f): w.WriteNumberValue(f); break; // "0.1", as the serializer writes 0.1f
            case float f: Finite.Write(w, f, Options); break; // refused
            // the sweep's and the optimiser's tables (System.Text.Json.Nodes), with the same check of their numbers
            case JsonObject o:
                w.WriteStartObject();
                foreach (var (key, node) in o)
                {
                    w.WritePropertyName(key);
                    Write(w, node);
                }
                w.WriteEndObject();
                break;
            case JsonArray a:
                w.WriteStartArray();
                foreach (var node in a) Write(w, node);
                w.WriteEndArray();
                break;
            case JsonValue v when v.TryGetValue(out JsonElement _): v.WriteTo(w); break; // read from JSON: its own text
            case JsonValue v when v.GetValueKind() == JsonValueKind.Number && v.TryGetValue(out double number):
                Finite.Write(w, number, Options);
                break;
            case JsonValue v: v.WriteTo(w); break;
            case IEnumerable list:
                w.WriteStartArray();
                foreach (var item in list) Write(w, item);
                w.WriteEndArray();
                break;
            // the serializer's reflection is not in the native program (NativeAOT): a document is made of the above only
            default: throw new InvalidOperationException($"CliJson writes no {value.GetType()}: make it a dictionary or a list");
        }
    }
}
