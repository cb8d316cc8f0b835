namespace MieCool.Core;

/// <summary>
/// Bad input from a user: a case file, a command-line option, a material file or a mesh.
/// The message names where the input came from (file and line, or option), the key, the offending value
/// and what would be valid. The command line turns it into a one-line error and exit code 2.
/// </summary>
public sealed class InputException : Exception
{
    /// <summary>File path or option name the input came from, e.g. "cases/a.toml" or "--diameter".</summary>
    public string Origin { get; }
    /// <summary>1-based line in <see cref="Origin"/>, when known.</summary>
    public int? Line { get; }
    /// <summary>Key (e.g. "particle.diameter"); null when the whole source is at fault.</summary>
    public string? Key { get; }
    /// <summary>The offending value as the user wrote it.</summary>
    public string? Value { get; }
    /// <summary>What would be valid, e.g. a length > 0 such as "530 nm".</summary>
    public string? Valid { get; }

    /// <summary>
    /// An input error; the message reads "source[:line]: [key: ]problem[ (got "value")][; valid: valid]".
    /// </summary>
    /// <param name="source">File path or option name the input came from (becomes <see cref="Origin"/>).</param>
    /// <param name="problem">What is wrong, without the location, e.g. "a unit is required".</param>
    /// <param name="key">Key within the source, e.g. "particle.diameter"; null when the whole source is at fault.</param>
    /// <param name="value">The offending value as the user wrote it, quoted in the message.</param>
    /// <param name="valid">What would be valid, appended to the message after "valid: ".</param>
    /// <param name="line">1-based line in <paramref name="source"/>, when known.</param>
    /// <param name="inner">The error this one re-attributes or wraps, if any.</param>
    public InputException(string source, string problem, string? key = null, string? value = null,
                          string? valid = null, int? line = null, Exception? inner = null)
        : base(Format(source, problem, key, value, valid, line), inner)
    {
        Origin = source; Line = line; Key = key; Value = value; Valid = valid;
    }

    static string Format(string source, string problem, string? key, string? value, string? valid, int? line)
    {
        var where = line is int l ? $"{source}:{l}" : source;
        var text = key is null ? $"{where}: {problem}" : $"{where}: {key}: {problem}";
        if (value is not null) text += $" (got \"{value}\")";
        if (valid is not null) text += $"; valid: {valid}";
        return text;
    }

    /// <summary>
    /// The same error re-attributed to another source (e.g. a case file and line) and key. An error located in a file of
    /// its own (a material page with its line) keeps that location inside the problem: "case.toml:36: substrate.material:
    /// in page.yml:18: coefficients: not a number ...".
    /// </summary>
    public InputException At(string source, string? key = null, int? line = null) =>
        Nested(source) is { } nested
            ? new(source, nested, key ?? Key, Value, Valid, line, this)
            : new(source, ProblemText(), key ?? Key, Value, Valid, line ?? Line, this);

    /// <summary>The same error re-attributed to a command-line option, which names the input on its own (no key).</summary>
    public InputException AtOption(string option) => new(option, Nested(option) ?? ProblemText(), null, Value, Valid, null, this);

    /// <summary>"in origin:line: [key: ]problem" when this error has a line of another source, else null.</summary>
    string? Nested(string source) =>
        Line is int l && Origin != source ? $"in {Origin}:{l}: " + (Key is null ? "" : Key + ": ") + ProblemText() : null;

    string ProblemText()
    {
        // Strip the "where: key: " prefix and the trailing value/valid parts again.
        var m = Message;
        var where = Line is int l ? $"{Origin}:{l}: " : $"{Origin}: ";
        if (m.StartsWith(where, StringComparison.Ordinal)) m = m[where.Length..];
        if (Key is not null && m.StartsWith(Key + ": ", StringComparison.Ordinal)) m = m[(Key.Length + 2)..];
        if (Valid is not null) { var i = m.LastIndexOf("; valid: ", StringComparison.Ordinal); if (i >= 0) m = m[..i]; }
        if (Value is not null) { var i = m.LastIndexOf($" (got \"{Value}\")", StringComparison.Ordinal); if (i >= 0) m = m[..i]; }
        return m;
    }
}
