namespace MieCool.Optics.Tests.Mie;

/// <summary>
/// The literature reference tables of tests/refdata (listed with their sources in tests/refdata/README.md), which
/// the build copies to &lt;AppContext.BaseDirectory&gt;/refdata. A missing table fails the test that reads it.
/// </summary>
public static class RefData
{
    /// <summary>The full path of tests/refdata/<paramref name="parts"/> as copied next to the test assembly.</summary>
    /// <exception cref="FileNotFoundException">The table is not there: the test must fail, not skip.</exception>
    public static string File(params string[] parts)
    {
        var path = Path.Combine([AppContext.BaseDirectory, "refdata", .. parts]);
        if (!System.IO.File.Exists(path))
            throw new FileNotFoundException($"reference table {path} is missing: tests/refdata/{string.Join('/', parts)} " +
                                            "is copied there by the build of tests/Optics.Tests (see its .csproj)", path);
        return path;
    }
}
