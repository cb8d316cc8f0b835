using MieCool.Core;
using Tomlyn.Parsing;
using Tomlyn.Syntax;

namespace MieCool.Cases;

/// <summary>One leaf value of a case file with its full dotted key, 1-based line and source text.</summary>
/// <param name="Path">Full key, e.g. "thermal.conductivity.particle" (tables, dotted keys and inline tables flattened).</param>
/// <param name="Value">The TOML syntax node of the value.</param>
/// <param name="Line">1-based line of the value.</param>
/// <param name="Text">The value as the user wrote it, for messages: a string's content (530 nm), else the TOML text (0.15).</param>
public sealed record TomlEntry(string Path, ValueSyntax Value, int Line, string Text)
{
    /// <summary>"--set particle.diameter" when the value comes from the command line (<see cref="CaseOverride"/>), else null.</summary>
    public string? Override { get; init; }

    /// <summary>An error about this value: at its file and line, or at the option that set it.</summary>
    internal InputException Error(string source, string problem, string? valid) =>
        Override is null ? new InputException(source, problem, Path, Text, valid, Line)
                         : new InputException(Override, problem, value: Text, valid: valid);
}

/// <summary>
/// A TOML document flattened to leaf entries: <c>[thermal]</c> + <c>conductivity = { air = ... }</c>,
/// <c>[thermal.conductivity]</c> + <c>air = ...</c> and <c>thermal.conductivity.air = ...</c> all give the
/// entry "thermal.conductivity.air". Parsed with Tomlyn's lossless syntax tree, so every value keeps its line.
/// </summary>
public sealed class TomlEntries
{
    /// <summary>Entries in file order.</summary>
    public IReadOnlyList<TomlEntry> Entries { get; }
    /// <summary>Top-level names that appear (as tables or key prefixes), with the 1-based line of their first appearance.</summary>
    public IReadOnlyDictionary<string, int> TopLevel { get; }

    TomlEntries(List<TomlEntry> entries, Dictionary<string, int> topLevel) { Entries = entries; TopLevel = topLevel; }

    /// <summary>Parses TOML text; a syntax error is an <see cref="InputException"/> with the file and line.</summary>
    public static TomlEntries Parse(string text, string source)
    {
        var doc = SyntaxParser.Parse(text, source, validate: true);
        if (doc.HasErrors)
        {
            var d = doc.Diagnostics.First(m => m.Kind == DiagnosticMessageKind.Error);
            throw new InputException(source, $"not valid TOML: {Short(d.Message)}", line: d.Span.Start.Line + 1,
                                     valid: "TOML 1.0 syntax (https://toml.io), e.g. key = \"530 nm\" under a [section] header");
        }
        var entries = new List<TomlEntry>();
        var top = new Dictionary<string, int>(StringComparer.Ordinal);
        void Note(string path, int line) => top.TryAdd(path.Split('.')[0], line);

        foreach (var kv in doc.KeyValues) Add(text, [], kv, entries, Note);
        foreach (var table in doc.Tables)
        {
            int line = table.Span.Start.Line + 1;
            var name = KeyParts(table.Name!);
            if (table is TableArraySyntax)
                throw new InputException(source, "arrays of tables ([[...]]) are not used in case files", string.Join('.', name),
                                         line: line, valid: "[section] headers");
            Note(string.Join('.', name), line);
            foreach (var kv in table.Items) Add(text, name, kv, entries, Note);
        }
        Unique(entries, source);
        return new TomlEntries(entries, top);
    }

    /// <summary>
    /// Each full key once: the same key written twice (once dotted under [thermal] and once in a later
    /// [thermal.conductivity] table, which the TOML parser merges silently) is an error naming both lines.
    /// </summary>
    static void Unique(List<TomlEntry> entries, string source)
    {
        var seen = new Dictionary<string, TomlEntry>(StringComparer.Ordinal);
        foreach (var e in entries)
        {
            if (seen.TryGetValue(e.Path, out var first))
                throw new InputException(source, $"given twice (first at line {first.Line})", e.Path, e.Text,
                    "each key once: key = value under its [section] header, or dotted (section.key = value), not both", e.Line);
            seen[e.Path] = e;
        }
    }

    /// <summary>
    /// A parser message without the source text Tomlyn quotes in it ("already defined at (1,1) with `[particle] ...the
    /// whole table...` and cannot be redefined"), and at most 200 characters.
    /// </summary>
    static string Short(string message)
    {
        int with = message.IndexOf(" with `", StringComparison.Ordinal), tail = message.LastIndexOf("` and ", StringComparison.Ordinal);
        if (with > 0 && tail > with) message = message[..with] + message[(tail + 1)..];
        message = message.Replace('\u2424', ' ').Replace('\n', ' ').Replace('\r', ' ');
        return message.Length > 200 ? message[..200] + " ..." : message;
    }

    static void Add(string text, List<string> prefix, KeyValueSyntax kv, List<TomlEntry> entries, Action<string, int> note)
    {
        var path = new List<string>(prefix);
        path.AddRange(KeyParts(kv.Key!));
        var value = kv.Value!;
        if (value is InlineTableSyntax inline)
        {
            foreach (var item in inline.Items) Add(text, path, item.KeyValue!, entries, note);
            note(string.Join('.', path), kv.Span.Start.Line + 1);
            return;
        }
        var span = value.Span;
        string raw = value is StringValueSyntax s ? s.Value ?? ""
            : span.Offset >= 0 && span.Offset + span.Length <= text.Length ? text.Substring(span.Offset, span.Length).Trim()
            : value.ToString()?.Trim() ?? "";
        var full = string.Join('.', path);
        note(full, span.Start.Line + 1);
        entries.Add(new TomlEntry(full, value, span.Start.Line + 1, raw));
    }

    static List<string> KeyParts(KeySyntax key)
    {
        var parts = new List<string> { Part(key.Key) };
        foreach (var dotted in key.DotKeys) parts.Add(Part(dotted.Key));
        return parts;
    }

    static string Part(SyntaxNode? node) => node switch
    {
        BareKeySyntax b => b.Key!.Text!,
        StringValueSyntax s => s.Value!,
        _ => node?.ToString()?.Trim() ?? "",
    };
}
