using System.Globalization;
using System.Runtime.InteropServices;
using System.Text;
using MieCool.Core;

namespace MieCool.Native;

/// <summary>
/// What every miecool_* function shares: the status codes (those of the command line's exit codes), the message of this
/// thread's last failure, and the checks of plain C arguments. No exception crosses the ABI: each export catches every
/// exception and turns it into a status and a message (<see cref="Fail"/>).
/// </summary>
static class Abi
{
    /// <summary>MIECOOL_OK: done, every output written.</summary>
    public const int Ok = 0;
    /// <summary>MIECOOL_FAILED: the computation failed (a defect or an unconverged answer); nothing is reliable.</summary>
    public const int Failed = 1;
    /// <summary>MIECOOL_BAD_INPUT: an argument is outside its valid range; the message names it.</summary>
    public const int BadInput = 2;
    /// <summary>Version of the ABI, raised whenever a signature changes (miecool.h MIECOOL_ABI_VERSION).</summary>
    public const int Version = 1;

    [ThreadStatic] static string? _lastError;

    /// <summary>A success: clears this thread's message.</summary>
    public static int Success()
    {
        _lastError = null;
        return Ok;
    }

    /// <summary>
    /// The status of an exception, its message kept for miecool_last_error: bad input for <see cref="InputException"/> and
    /// <see cref="ArgumentException"/> (an out-of-range value reaching the Optics checks), a failure for anything else (the
    /// message of a <see cref="ComputationException"/> as it is, of anything else marked as an internal error).
    /// </summary>
    public static int Fail(Exception e)
    {
        if (e is AggregateException { InnerExceptions.Count: 1 } one) e = one.InnerExceptions[0];   // from a parallel loop
        bool input = e is InputException or ArgumentException;
        _lastError = input || e is ComputationException ? e.Message : $"internal error ({e.GetType().Name}): {e.Message}";
        return input ? BadInput : Failed;
    }

    /// <summary>A failed computation unless every value is finite: no NaN or infinity leaves the library as a result.</summary>
    public static void Finite(ReadOnlySpan<double> values, string function, string name)
    {
        for (int i = 0; i < values.Length; i++)
            if (!double.IsFinite(values[i]))
                throw new ComputationException(string.Create(CultureInfo.InvariantCulture,
                    $"{function}: {Element(name, i, values.Length)} came out {values[i]}: the series did not give a number"));
    }

    /// <summary>
    /// miecool_last_error: copies this thread's last message, UTF-8 and NUL-terminated, into buffer (at most capacity bytes,
    /// cut at a character boundary) and returns the message's full length in bytes (0 after a success).
    /// </summary>
    [UnmanagedCallersOnly(EntryPoint = "miecool_last_error")]
    static unsafe int LastError(byte* buffer, int capacity)
    {
        try
        {
            var bytes = Encoding.UTF8.GetBytes(_lastError ?? "");
            if (buffer != null && capacity > 0)
            {
                int n = Math.Min(bytes.Length, capacity - 1);
                while (n > 0 && n < bytes.Length && (bytes[n] & 0xC0) == 0x80) n--;   // not inside a UTF-8 sequence
                bytes.AsSpan(0, n).CopyTo(new Span<byte>(buffer, capacity));
                buffer[n] = 0;
            }
            return bytes.Length;
        }
        catch (Exception)
        {
            return 0;
        }
    }

    /// <summary>miecool_abi_version: <see cref="Version"/>, for a caller to check that it loaded the library it was written for.</summary>
    [UnmanagedCallersOnly(EntryPoint = "miecool_abi_version")]
    static int AbiVersion() => Version;

    /// <summary>A C array of <paramref name="count"/> values; bad input when it is NULL.</summary>
    public static unsafe ReadOnlySpan<double> In(double* p, int count, string function, string name)
    {
        if (p == null) throw new InputException(function, "is NULL", name, valid: $"an array of {count} doubles");
        return new ReadOnlySpan<double>(p, count);
    }

    /// <summary>Copies values into a C output array of as many doubles; nothing when it is NULL (that output is not wanted).</summary>
    public static unsafe void Write(ReadOnlySpan<double> values, double* p)
    {
        if (p != null) values.CopyTo(new Span<double>(p, values.Length));
    }

    /// <summary>Stores one value through a C pointer; nothing when it is NULL (that output is not wanted).</summary>
    public static unsafe void Write(double value, double* p)
    {
        if (p != null) *p = value;
    }

    /// <summary>Bad input unless <paramref name="count"/> is a usable array length.</summary>
    public static void Count(int count, string function)
    {
        if (count < 0)
            throw new InputException(function, "must be >= 0", "count", count.ToString(CultureInfo.InvariantCulture), "a count >= 0");
    }

    /// <summary>Bad input unless v is finite and in (0, max]; the message names the argument (and index) and its unit.</summary>
    public static void Positive(double v, string function, string name, string unit, double max = double.MaxValue)
    {
        if (!(v > 0) || !(v <= max))
            throw new InputException(function, max < double.MaxValue ? $"must be finite, > 0 and <= {Units.Invariant(max)}"
                                                                     : "must be finite and > 0",
                                     name, Units.Invariant(v) + unit, max < double.MaxValue ? $"(0, {Units.Invariant(max)}]" : "> 0");
    }

    /// <summary>
    /// Bad input unless m = n + ik is a usable index: finite, n &gt; 0, k &gt;= 0 (k &gt;= 0 absorbs, exp(-i w t); tables in
    /// n - ik are conjugated first).
    /// </summary>
    public static void Index(double n, double k, string function, string name)
    {
        if (!double.IsFinite(n) || !double.IsFinite(k) || !(n > 0) || !(k >= 0))
            throw new InputException(function, k < 0 ? "has k < 0: MieCool's convention is m = n + ik with k >= 0 absorbing " +
                                                        "(exp(-i w t)); conjugate an n - ik index (miepython's, MIEV0's)"
                                                      : "must be finite with n > 0 and k >= 0",
                                     name, $"{Units.Invariant(n)}{(k < 0 ? "-" : "+")}{Units.Invariant(Math.Abs(k))}i",
                                     "n + ik with n > 0 and k >= 0, e.g. 2.6+0.01i");
    }

    /// <summary>The name of element i of a C array: "d" for a single value, "d[3]" in an array of several.</summary>
    public static string Element(string name, int i, int count) =>
        count == 1 ? name : string.Create(CultureInfo.InvariantCulture, $"{name}[{i}]");
}
