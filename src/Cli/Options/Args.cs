namespace MieCool.Cli.Options;

/// <summary>
/// The parsed command line of one command (<see cref="CommandSyntax.Parse"/>): every value already converted and
/// validated. Commands read typed values by their declarations; reading an option the command did not declare is a
/// programming error.
/// </summary>
public sealed class Args
{
    readonly CommandSyntax _syntax;
    readonly IReadOnlyDictionary<Option, object?> _values;
    readonly IReadOnlyDictionary<Option, (string Spelled, string? Text)> _given;
    readonly IReadOnlyList<string> _positionals;

    internal Args(CommandSyntax syntax, IReadOnlyDictionary<Option, object?> values,
                  IReadOnlyDictionary<Option, (string Spelled, string? Text)> given, IReadOnlyList<string> positionals)
    {
        _syntax = syntax; _values = values; _given = given; _positionals = positionals;
    }

    /// <summary>The word after `miecool`.</summary>
    public string Command => _syntax.Command;

    /// <summary>True when the option was given.</summary>
    public bool Has(Option option) => _values.ContainsKey(Declared(option));

    /// <summary>Whether the command declares <paramref name="option"/> (a helper shared by commands with and without it).</summary>
    public bool Declares(Option option) => _syntax.Declares(option);

    /// <summary>The value given, else the declared default.</summary>
    public T Get<T>(Option<T> option) =>
        _values.TryGetValue(Declared(option), out var v) ? (T)v! : option.DefaultValue;

    /// <summary>The value given, else the default when there is one; false when neither.</summary>
    public bool TryGet<T>(Option<T> option, out T value)
    {
        if (_values.TryGetValue(Declared(option), out var v)) { value = (T)v!; return true; }
        if (option.HasDefault) { value = option.DefaultValue; return true; }
        value = default!;
        return false;
    }

    /// <summary>The value given, else the default when there is one, else null (for options whose value is a class).</summary>
    public T? Find<T>(Option<T> option) where T : class => TryGet(option, out var v) ? v : null;

    /// <summary>The option as the user wrote it ("--pump"), or its canonical name when not given: for error messages.</summary>
    public string Spelled(Option option) => _given.TryGetValue(Declared(option), out var g) ? g.Spelled : option.Display;

    /// <summary>The text given for the option (for a cross-check's error message), or null when not given or a switch.</summary>
    public string? Text(Option option) => _given.TryGetValue(Declared(option), out var g) ? g.Text : null;

    /// <summary>A positional argument, or null when it was left out.</summary>
    public string? Find(Positional positional)
    {
        int i = IndexOf(positional);
        return i < _positionals.Count ? _positionals[i] : null;
    }

    /// <summary>A required positional argument (the parser made sure it is there).</summary>
    public string Get(Positional positional) => Find(positional)
        ?? throw new InvalidOperationException($"{positional.Name} of `miecool {Command}` is optional: read it with Find");

    int IndexOf(Positional positional)
    {
        for (int i = 0; i < _syntax.Positionals.Count; i++) if (ReferenceEquals(_syntax.Positionals[i], positional)) return i;
        throw new InvalidOperationException($"`miecool {Command}` does not declare the argument {positional.Name}");
    }

    T Declared<T>(T option) where T : Option => _syntax.Declares(option) ? option
        : throw new InvalidOperationException($"`miecool {Command}` does not declare {option.Display}");
}
