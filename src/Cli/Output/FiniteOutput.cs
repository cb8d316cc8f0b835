using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.RegularExpressions;
using MieCool.Core;
using MieCool.Results;

namespace MieCool.Cli.Output;

/// <summary>
/// No output file holds NaN or Infinity: the last check before a text file (summary.json, every CSV) or a result field is
/// written. The sources are fixed so that none arises (e.g. a constant index has no wavelength range); this is the safety
/// net: a non-finite number is a defect of the computation, refused as a <see cref="ComputationException"/> (exit 1) that
/// names the file, line and value, and the result folder is not written.
/// </summary>
public static partial class FiniteOutput
{
    /// <summary>Writes <paramref name="text"/> to <paramref name="path"/> after <see cref="Check(string, string)"/>.</summary>
    public static void WriteAllText(string path, string text) => File.WriteAllText(path, Check(text, Path.GetFileName(path)));

    /// <summary>Returns <paramref name="text"/>; throws when a line holds "NaN", "Infinity" or "∞" as a word.</summary>
    public static string Check(string text, string file)
    {
        var m = NonFinite().Match(text);
        if (!m.Success) return text;
        int line = 1;
        for (int i = 0; i < m.Index; i++) if (text[i] == '\n') line++;
        throw Refused(file, line, m.Value);
    }

    /// <summary>One line of a streamed file (<paramref name="number"/> 1-based), checked as <see cref="Check(string, string)"/>.</summary>
    public static void CheckLine(string line, string file, int number)
    {
        var m = NonFinite().Match(line);
        if (m.Success) throw Refused(file, number, m.Value);
    }

    /// <summary>Returns <paramref name="fields"/>; throws when a value of a field is NaN or infinite.</summary>
    public static IReadOnlyList<ResultField> Check(IReadOnlyList<ResultField> fields, string file)
    {
        foreach (var f in fields)
            for (int i = 0; i < f.Values.Length; i++)
                if (!double.IsFinite(f.Values[i]))
                    throw new ComputationException($"{file}: field {f.Name} has the non-finite value {f.Values[i]} at " +
                                                   $"{(f.Centering == FieldCentering.Node ? "node" : "cell")} {i}; nothing was written " +
                                                   "(a defect of the computation: please report it with the case file)");
        return fields;
    }

    static ComputationException Refused(string file, int line, string token) =>
        new($"{file}:{line}: would hold the non-finite number \"{token}\"; nothing was written (no output file holds NaN or " +
            "Infinity: a defect of the computation, please report it with the case file)");

    [GeneratedRegex(@"(?<![\p{L}\p{N}_])(NaN|[-+]?Infinity|[-+]?∞)(?![\p{L}\p{N}_])")]
    private static partial Regex NonFinite();

    /// <summary>
    /// A System.Text.Json converter that writes finite doubles as numbers and refuses NaN and infinities (the default would
    /// throw an ArgumentException naming no key; see <see cref="CliJson.Options"/>).
    /// </summary>
    public sealed class FiniteDouble : JsonConverter<double>
    {
        /// <summary>Reads a number.</summary>
        public override double Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) => reader.GetDouble();

        /// <summary>Writes <paramref name="value"/>; a non-finite value is a <see cref="ComputationException"/>.</summary>
        public override void Write(Utf8JsonWriter writer, double value, JsonSerializerOptions options)
        {
            if (!double.IsFinite(value))
                throw new ComputationException($"a JSON output would hold the non-finite number {value}; nothing was written " +
                                               "(a defect of the computation: please report it with the case file)");
            writer.WriteNumberValue(value);
        }
    }
}
